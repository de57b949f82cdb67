// Issue 16, item 3: an S&T task's monthly update (R18) is chased like a plan's report. Three days before its due
// day (the month's end + 5 days) whoever may record it is reminded — the host role's officers of its host
// organisation and of the university above the institute hosting it, the managing unit's focal points — and the
// day after it, if still missing, they are told it is late, with the managing unit's head and the standing
// agency; once per task and month across runs and restarts, never for a month already updated, nor for a task
// no longer under contract.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode } from './harness.mjs';

const ARGS = ['--scheduler-seconds', '0'];
let server;
before(async () => { server = await startServer({ args: ARGS }); });
after(async () => { await server?.stop(); });

async function at(clock) {
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock, args: ARGS });
}
async function run() {
  return (await ok((await client(server, 'admin')).post('/api/v1/reminders/run'), 'reminders')).created;
}
async function notices(username, taskId) {
  const items = (await ok((await client(server, username)).get('/api/v1/notifications?limit=200'), `bell of ${username}`)).items;
  return items.filter((n) => n.link === `#/nhiem-vu-khcn/${taskId}`);
}
const bell = async (username, taskId) => (await notices(username, taskId)).map((n) => n.kind).sort();

const doc = (date) => ({ doc_number: `${Math.floor(Math.random() * 900) + 100}/QĐ-SKHCN`, doc_date: date,
  signer_name: 'Nguyễn Văn Hùng', signer_position: 'Giám đốc Sở Khoa học và Công nghệ' });

// A task registered with its contract running from 01/11/2026, then walked through `steps`.
async function contracted(admin, host, managing, code, steps) {
  let t = await ok(admin.post('/api/v1/st-tasks', { code, title: 'Nghiên cứu chế tạo phao đo sóng cho luồng Lạch Huyện',
    level: 'tinh', kind: 'de_tai', mode: 'dat_hang', host_unit_id: host.id, managing_unit_id: managing.id,
    principal_investigator: 'TS. Trần Văn Hải', budget_nsnn: 800_000_000, budget_other: 0, products: [],
    years: [{ year: 2026, budget_nsnn: 800_000_000 }], start_date: '2026-11-01', end_date: '2027-10-31', ...doc('2026-05-05') }), code);
  for (const [to, date] of steps) {
    t = await ok(admin.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: to, ...doc(date) }), `${code} ${to}`);
  }
  return t;
}
const TO_EXECUTION = [['xac_dinh', '2026-06-01'], ['thong_bao', '2026-06-20'], ['xet_chon', '2026-07-20'],
  ['phe_duyet', '2026-09-10'], ['hop_dong', '2026-10-25'], ['thuc_hien', '2026-11-01']];

test('the monthly update is chased due soon and once late, to who may record it, once per task and month', async () => {
  const admin = await client(server, 'admin');
  const [vmu, institute, dhhp, haian] = await Promise.all(['VMU', 'VMU-VKHHH', 'DH-HP', 'P-HAIAN'].map((c) => unitByCode(admin, c)));
  // A: hosted by the university's institute (no officer of its own), managed by Hải An. B: the university's,
  // updated once reminded. C: terminated before its first month was due.
  const a = await contracted(admin, institute, haian, `NH.${Date.now()}.A`, TO_EXECUTION);
  const b = await contracted(admin, vmu, haian, `NH.${Date.now()}.B`, TO_EXECUTION);
  const c = await contracted(admin, vmu, haian, `NH.${Date.now()}.C`, [...TO_EXECUTION.slice(0, 5), ['cham_dut', '2026-11-20']]);
  assert.equal(a.stage, 'thuc_hien');
  assert.equal(c.stage, 'cham_dut');

  // 24/11: November's update is due 05/12, not yet near.
  await run();
  for (const t of [a, b, c]) assert.deepEqual(await bell('vmu', t.id), [], 'nothing yet');

  // 02/12: three days before — due soon, to the university's officer and Hải An's focal point only.
  await at('2026-12-02T03:00:00Z');
  assert.ok((await run()) > 0);
  for (const t of [a, b]) {
    assert.deepEqual(await bell('vmu', t.id), ['st_update_due'], 'the host officer');
    assert.deepEqual(await bell('haian', t.id), ['st_update_due'], "the managing unit's focal point");
    assert.deepEqual(await bell('haian.truong', t.id), [], 'not yet the head');
    assert.deepEqual(await bell('skhcn', t.id), [], 'not yet the standing agency');
    assert.deepEqual(await bell('dhhp', t.id), [], 'not another host');
  }
  assert.deepEqual(await bell('vmu', c.id), [], 'a terminated task owes nothing');
  assert.deepEqual(await bell('haian', c.id), []);
  const [due] = await notices('vmu', a.id);
  assert.equal(due.title, `Cập nhật tháng 11/2026 của nhiệm vụ ${a.code}: hạn 05/12/2026`);
  assert.equal(due.title_en, `Monthly update for 11/2026 of task ${a.code} due 05/12/2026`);
  assert.equal(due.body, 'Đề nghị cập nhật tiến độ, sản phẩm và kinh phí đã sử dụng tháng 11/2026 của nhiệm vụ ' +
    '«Nghiên cứu chế tạo phao đo sóng cho luồng Lạch Huyện» chậm nhất ngày 05/12/2026.');
  assert.equal(due.body_en, 'Please record the progress, products and spending for 11/2026 of the task ' +
    '«Nghiên cứu chế tạo phao đo sóng cho luồng Lạch Huyện» by 05/12/2026.');

  // Once: a second run the same day, and a restart, add nothing.
  await run();
  await at('2026-12-02T05:00:00Z');
  await run();
  for (const t of [a, b]) {
    assert.deepEqual(await bell('vmu', t.id), ['st_update_due']);
    assert.deepEqual(await bell('haian', t.id), ['st_update_due']);
  }

  // 03/12: the university's officer records B's November from a phone.
  await at('2026-12-03T03:00:00Z');
  await ok((await client(server, 'vmu')).post(`/api/v1/st-tasks/${b.id}/updates`, { year: 2026, month: 11, progress_percent: 10,
    products_delivered: 'Bản thiết kế phao', spent_to_date: 120_000_000, problems: '' }), 'update');

  // 06/12: the day after the due day — A is late: the head and the standing agency are told too; B is not.
  await at('2026-12-06T03:00:00Z');
  await run();
  assert.deepEqual(await bell('vmu', a.id), ['st_update_due', 'st_update_overdue']);
  assert.deepEqual(await bell('haian', a.id), ['st_update_due', 'st_update_overdue']);
  assert.deepEqual(await bell('haian.truong', a.id), ['st_update_overdue']);
  assert.deepEqual(await bell('skhcn', a.id), ['st_update_overdue']);
  assert.deepEqual(await bell('dhhp', a.id), []);
  const onlyDueSoon = { vmu: ['st_update_due'], haian: ['st_update_due'], 'haian.truong': [], skhcn: [] };
  for (const [who, kinds] of Object.entries(onlyDueSoon)) {
    assert.deepEqual(await bell(who, b.id), kinds, `${who}: B updated`);
    assert.deepEqual(await bell(who, c.id), [], `${who}: C terminated`);
  }
  const [late] = await notices('haian.truong', a.id);
  assert.equal(late.title, `Quá hạn cập nhật tháng 11/2026 của nhiệm vụ ${a.code}`);
  assert.equal(late.title_en, `Monthly update for 11/2026 of task ${a.code} is overdue`);
  assert.match(late.body, /tháng 11\/2026 .* chưa được cập nhật, đã quá hạn ngày 05\/12\/2026\./);
  assert.match(late.body_en, /for 11\/2026 .*, due by 05\/12\/2026, have not been recorded\./);

  // Once late is once: the next day and a restart later add nothing.
  await at('2026-12-07T03:00:00Z');
  await run();
  assert.deepEqual(await bell('vmu', a.id), ['st_update_due', 'st_update_overdue']);
  assert.deepEqual(await bell('skhcn', a.id), ['st_update_overdue']);
});
