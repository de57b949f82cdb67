// Feedback and satisfaction (issue 15): the public page without a login (submit, look up, rate once by the
// secret link), refusals (contact, consent, duplicates, per-address and per-contact limits), the staff walk
// (classify, assign, answer, moderate, approve/publish, extend once, reopen once), scope and contacts, the
// public version beside the received one, answers and lead units kept as history, and the figures equal to a
// count of the items behind them, as of a date (grouped by the lead unit of that date).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, client, unitByCode, ok, restarted, KIND } from './harness.mjs';
import { recount } from './feedback_recount.mjs';

let server, anon, agency;
let ip = 1;
// Each submission from its own loopback-proxied address unless a test says otherwise (X-Real-IP).
const from = (address) => ({ 'x-real-ip': address ?? `10.0.0.${ip++}` });

function item(over = {}) {
  return { kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Cổng dịch vụ công chậm', text: `Nội dung ${Math.random()}`,
    sender_type: 'nguoi_dan', name: 'Nguyễn Văn An', contact: '0912 345 678', consent: true, ...over };
}

// The items a unit (without units below it) received or leads: those its figures count.
const ownItems = (items, unitId) => items.filter((i) => i.lead_unit_id === unitId || i.received_unit_id === unitId);

before(async () => {
  server = await startServer({ args: ['--feedback-address-hour', '4', '--feedback-contact-hour', '3'] });
  anon = await client(server);
  agency = await client(server, 'skhcn');
});
after(async () => { await server?.stop(); });

test('public submission without login: a tracking code, the expected date, no contact anywhere public', async () => {
  const r = await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0901 000 001', text: 'Xin mở rộng Wi-Fi công cộng' }), from());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.code, /^PA-[2-9A-Z]{8}$/);
  assert.equal(r.body.status, 'received');
  assert.equal(r.body.received_on, '2026-11-24');
  assert.equal(r.body.expected_answer_date, '2026-12-09');  // 15 calendar days
  assert.ok(r.body.link.includes(r.body.code) && r.body.link.includes(r.body.rating_token));
  const look = await anon.get(`/api/v1/public/feedback/${r.body.code}`);
  assert.equal(look.status, 200);
  assert.equal(look.body.status, 'received');
  assert.equal(look.body.answer, null);
  const text = JSON.stringify(look.body);
  assert.ok(!text.includes('0901') && !text.includes('Nguyễn Văn An'), text);
  assert.equal((await anon.get('/api/v1/public/feedback/PA-NOTHERE')).status, 404);
  // At rest the contact and the name are sealed (SQLite: read the file's bytes).
  if (KIND === 'sqlite') {
    const bytes = readFileSync(server.db).toString('latin1');
    assert.ok(!bytes.includes('0901 000 001') && !bytes.includes('0901000001'));
  }
});

test('refusals name their field in Vietnamese: contact, consent, kind', async () => {
  const cases = [
    [item({ contact: undefined }), 'contact'],
    [item({ contact: 'không có' }), 'contact'],
    [item({ consent: false }), 'consent'],
    [item({ kind: 'khieu_nai' }), 'kind'],
    [item({ title: '' }), 'title'],
  ];
  for (const [body, field] of cases) {
    const r = await anon.call('POST', '/api/v1/public/feedback', body, from());
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  }
  const consent = await anon.call('POST', '/api/v1/public/feedback', item({ consent: false }), from());
  assert.match(consent.body.error.message, /Nghị định 13\/2023/);
});

test('the same text from the same contact is one item, whatever the spacing or the phone format', async () => {
  const first = await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0902 000 002', text: 'Đèn đường  hỏng' }), from());
  assert.equal(first.status, 201);
  const again = await anon.call('POST', '/api/v1/public/feedback', item({ contact: '+84 902.000.002', text: ' Đèn đường hỏng ' }), from());
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'duplicate');
  assert.ok(again.body.error.message.includes(first.body.code));
  // Another contact with the same words is another person's item.
  assert.equal((await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0902 000 003', text: 'Đèn đường hỏng' }), from())).status, 201);
});

test('per-contact and per-address limits, each with its Vietnamese refusal', async () => {
  for (let i = 0; i < 3; i++) {
    assert.equal((await anon.call('POST', '/api/v1/public/feedback', item({ contact: 'gioi.han@example.vn' }), from())).status, 201);
  }
  const contact = await anon.call('POST', '/api/v1/public/feedback', item({ contact: 'Gioi.Han@Example.vn' }), from());
  assert.equal(contact.status, 429);
  assert.equal(contact.body.error.field, 'contact');
  assert.ok(contact.headers.get('retry-after'));
  // Four from one address (a carrier's shared one in real life), then the fifth waits; another address goes on.
  for (let i = 0; i < 4; i++) {
    assert.equal((await anon.call('POST', '/api/v1/public/feedback', item({ contact: `09030000${10 + i}` }), from('192.0.2.7'))).status, 201);
  }
  const address = await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0903000099' }), from('192.0.2.7'));
  assert.equal(address.status, 429);
  assert.match(address.body.error.message, /địa chỉ mạng/);
  assert.equal((await anon.call('POST', '/api/v1/public/feedback', item({ contact: '0903000099' }), from('192.0.2.8'))).status, 201);
});

async function submitted(contact, text) {
  return ok(anon.call('POST', '/api/v1/public/feedback', item({ contact, text }), from()), 'submit');
}
async function byCode(c, code) {
  const list = await ok(c.get('/api/v1/feedback?limit=1000'), 'inbox');
  return list.items.find((x) => x.code === code);
}

test('staff walk: classify, assign, answer, approve publishes; the submitter rates once and reopens once', async () => {
  const receipt = await submitted('0904 000 004', 'Đề nghị số hóa hồ sơ đất đai');
  let it = await byCode(agency, receipt.code);
  assert.equal(it.state, 'received');
  assert.deepEqual(it.sender, { name: 'Nguyễn Văn An', contact: '0904 000 004' });
  const haian = await unitByCode(agency, 'P-HAIAN');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'classify');
  assert.equal(it.state, 'accepted');
  // A stale version is a conflict; a unit that is not yet involved cannot see the item.
  assert.equal((await agency.post(`/api/v1/feedback/${it.id}/assign`, { version: 1, lead_unit_id: haian.id })).status, 409);
  const focal = await client(server, 'haian');
  assert.equal((await focal.get(`/api/v1/feedback/${it.id}`)).status, 404);
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/assign`, { version: it.version, lead_unit_id: haian.id }), 'assign');
  assert.equal(it.lead_unit_id, haian.id);
  // The lead unit's officer drafts; only its head approves.
  const mine = await ok(focal.get(`/api/v1/feedback/${it.id}`), 'focal sees');
  assert.equal(mine.sender.contact, '0904 000 004');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/answer`, { version: it.version, answer: 'Đã đưa vào kế hoạch 2027.', internal_note: 'Chờ kinh phí' }), 'answer');
  assert.equal(it.state, 'drafted');
  const notHead = await focal.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version });
  assert.equal(notHead.status, 403);
  assert.match(notHead.body.error.message, /duyệt và công khai/);
  // Before approval the public sees no answer.
  assert.equal((await anon.get(`/api/v1/public/feedback/${receipt.code}`)).body.answer, null);
  const head = await client(server, 'haian.truong');
  // Nothing is approved before staff have written the public version.
  const unmoderated = await head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version });
  assert.equal(unmoderated.status, 409);
  assert.match(unmoderated.body.error.message, /bản công khai/);
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/moderate`, { version: it.version, public_title: 'Số hóa hồ sơ đất đai', public_text: 'Đề nghị số hóa hồ sơ đất đai' }), 'moderate');
  it = await ok(head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version }), 'approve');
  assert.equal(it.state, 'published');
  assert.equal(it.first_published_on, '2026-11-24');
  let pub = await ok(anon.get(`/api/v1/public/feedback/${receipt.code}`), 'lookup');
  assert.equal(pub.status, 'answered');
  assert.equal(pub.answer, 'Đã đưa vào kế hoạch 2027.');
  assert.ok(!JSON.stringify(pub).includes('Chờ kinh phí'));  // the internal note stays internal
  // Rating: the link's secret, once; "Chưa hài lòng" with a reason reopens the item.
  const wrong = await anon.post(`/api/v1/public/feedback/${receipt.code}/rating`, { token: 'x'.repeat(64), rating: 'hai_long' });
  assert.equal(wrong.status, 403);
  pub = await ok(anon.post(`/api/v1/public/feedback/${receipt.code}/rating`,
    { token: receipt.rating_token, rating: 'chua_hai_long', reason: 'Trả lời chung chung', late: false }), 'rate');
  assert.equal(pub.rating, 'chua_hai_long');
  assert.equal(pub.reopened, true);
  assert.equal(pub.status, 'in_progress');
  const twice = await anon.post(`/api/v1/public/feedback/${receipt.code}/rating`, { token: receipt.rating_token, rating: 'hai_long' });
  assert.equal(twice.status, 409);
  it = await byCode(agency, receipt.code);
  assert.equal(it.state, 'assigned');
  assert.equal(it.reopen_reason, 'Trả lời chung chung');
  // Answered again and published; a second reopen is refused.
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/answer`, { version: it.version, answer: 'Lịch số hóa: quý I/2027.' }), 'answer 2');
  it = await ok(head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version }), 'approve 2');
  // The answer published again keeps the earlier one: history, not overwrite, for staff and for the public.
  assert.deepEqual(it.answers.map((a) => a.text), ['Đã đưa vào kế hoạch 2027.', 'Lịch số hóa: quý I/2027.']);
  pub = await ok(anon.get(`/api/v1/public/feedback/${receipt.code}`), 'lookup again');
  assert.equal(pub.answer, 'Lịch số hóa: quý I/2027.');
  assert.deepEqual(pub.answers.map((a) => a.text), ['Đã đưa vào kế hoạch 2027.', 'Lịch số hóa: quý I/2027.']);
  assert.equal(pub.answered_on, '2026-11-24');  // the first publication still decides timeliness
  const again = await agency.post(`/api/v1/feedback/${it.id}/reopen`, { version: it.version, reason: 'Lần hai' });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /một lần/);
  // Every step left its audit entry.
  const audit = await ok(agency.get(`/api/v1/audit?entity=feedback_item&limit=100`), 'audit');
  const actions = audit.items.filter((e) => e.entity_id === String(it.id)).map((e) => e.action);
  for (const a of ['submit', 'classify', 'assign', 'draft_answer', 'moderate', 'approve', 'rate']) assert.ok(actions.includes(a), `${a} in ${actions}`);
});

test('classification outcomes, extension once, and the public sees forwarded and not accepted items plainly', async () => {
  const a = await submitted('0905 000 005', 'Không thuộc thành phố');
  const b = await submitted('0905 000 006', 'Nội dung không rõ');
  const c = await submitted('0905 000 007', 'Trùng với phản ánh khác');
  const d = await submitted('0905 000 008', 'Cần thêm thời gian');
  let x = await byCode(agency, a.code);
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'forwarded', forwarded_to: 'Bộ Khoa học và Công nghệ' }), 'forward');
  assert.equal((await anon.get(`/api/v1/public/feedback/${a.code}`)).body.status, 'forwarded');
  x = await byCode(agency, b.code);
  const noReason = await agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'not_accepted' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'not_accepted', reason: 'Nội dung không rõ ràng' }), 'refuse');
  const pb = await ok(anon.get(`/api/v1/public/feedback/${b.code}`), 'lookup b');
  assert.equal(pb.status, 'not_accepted');
  assert.equal(pb.outcome_reason, 'Nội dung không rõ ràng');
  x = await byCode(agency, c.code);
  await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'merged', merged_into_code: a.code }), 'merge');
  assert.equal((await anon.get(`/api/v1/public/feedback/${c.code}`)).body.merged_into_code, a.code);
  // Classifying twice is refused by state.
  const twice = await agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version + 1, outcome: 'accepted' });
  assert.equal(twice.status, 409);
  x = await byCode(agency, d.code);
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'accepted' }), 'accept d');
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/extend`, { version: x.version, reason: 'Cần khảo sát thực địa' }), 'extend');
  assert.equal(x.extended_due, '2026-12-23');  // 9/12 + 10 working days
  const pd = await ok(anon.get(`/api/v1/public/feedback/${d.code}`), 'lookup d');
  assert.equal(pd.expected_answer_date, '2026-12-23');
  assert.equal(pd.extension_reason, 'Cần khảo sát thực địa');
  assert.equal((await agency.post(`/api/v1/feedback/${x.id}/extend`, { version: x.version, reason: 'Lần nữa' })).status, 409);
});

test('scope: another unit sees nothing of an item, a leader sees it without the contact', async () => {
  const r = await submitted('0906 000 009', 'Phạm vi');
  let x = await byCode(agency, r.code);
  const haian = await unitByCode(agency, 'P-HAIAN');
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'accepted' }), 'accept');
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/assign`, { version: x.version, lead_unit_id: haian.id }), 'assign');
  const other = await client(server, 'lechan');
  assert.equal((await other.get(`/api/v1/feedback/${x.id}`)).status, 404);
  const list = await ok(other.get('/api/v1/feedback?limit=1000'), 'other list');
  assert.ok(!list.items.some((i) => i.id === x.id));
  assert.equal((await other.post(`/api/v1/feedback/${x.id}/answer`, { version: x.version, answer: 'x' })).status, 404);
  const leader = await client(server, 'lanhdao');
  const seen = await ok(leader.get(`/api/v1/feedback/${x.id}`), 'leader');
  assert.equal(seen.sender, null);
  // The ward under Hải An sees its parent's item? No: only its own subtree.
  const ward = await client(server, 'haian.vhxh');
  assert.equal((await ward.get(`/api/v1/feedback/${x.id}`)).status, 404);
});

test('a desk enters a letter: its unit receives, classifies and assigns it; pakn items keep their reference', async () => {
  const focal = await client(server, 'haian');
  const entry = { ...item({ contact: '0907 000 010', text: 'Thư đề nghị sửa đường vào trường' }), channel: 'letter' };
  const refused = await focal.post('/api/v1/feedback', { ...entry, channel: 'web' });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error.field, 'channel');
  const r = await focal.post('/api/v1/feedback', entry);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.channel, 'letter');
  assert.equal(r.body.received_unit_id, focal.user.unit_id);
  assert.ok(r.body.link.includes(r.body.code));
  // The receiving unit classifies and assigns its own desk's item; another unit sees nothing of it.
  let x = await ok(focal.post(`/api/v1/feedback/${r.body.id}/classify`, { version: r.body.version, outcome: 'accepted' }), 'desk classify');
  x = await ok(focal.post(`/api/v1/feedback/${x.id}/assign`, { version: x.version, lead_unit_id: focal.user.unit_id }), 'desk assign');
  assert.equal(x.state, 'assigned');
  assert.equal((await (await client(server, 'lechan')).get(`/api/v1/feedback/${x.id}`)).status, 404);
  // The same letter entered twice is one item.
  assert.equal((await focal.post('/api/v1/feedback', entry)).status, 409);
  // The standing agency relays pakn.nq57.vn items with their reference, and classifies them itself.
  const pakn = await agency.post('/api/v1/feedback', { ...item({ contact: 'pakn@example.vn' }), channel: 'pakn', external_ref: 'PAKN-HP-2026-99001' });
  assert.equal(pakn.status, 201, JSON.stringify(pakn.body));
  assert.equal(pakn.body.external_ref, 'PAKN-HP-2026-99001');
  assert.equal(pakn.body.received_unit_id, null);
  // A leader reads the inbox but enters nothing.
  assert.equal((await (await client(server, 'lanhdao')).post('/api/v1/feedback', entry)).status, 403);
});

let movedId = null;  // assigned to Hải An on 24/11, moved to Lê Chân on 14/12 (the lead units' history)

test('moderation: the public version differs from the received one, contacts never pass, anonymity is kept', async () => {
  const words = 'Tôi là Trần Thị Bình, gọi 0912 888 777 hoặc binh@example.vn: đèn ngõ 12 hỏng, đồ vô trách nhiệm!';
  const plain = await ok(anon.call('POST', '/api/v1/public/feedback', item({ name: 'Trần Thị Bình', contact: '0912 888 777', title: 'Đèn ngõ 12 hỏng — Trần Thị Bình', text: words }), from()), 'submit');
  const hidden = await ok(anon.call('POST', '/api/v1/public/feedback', item({ name: 'Lê Văn Cường', contact: '0912 888 666', text: 'Ẩn danh xin hỏi', anonymous: true }), from()), 'submit anonymous');
  // Nothing of the sender's words is public before moderation.
  let pub = await ok(anon.get(`/api/v1/public/feedback/${plain.code}`), 'lookup');
  assert.equal(pub.title, null);
  assert.equal(pub.text, null);
  assert.equal(pub.sender_name, null);
  let x = await byCode(agency, plain.code);
  // The moderator starts from the received text with its contacts hidden; the received text stays as it came.
  assert.equal(x.suggested_public_text, 'Tôi là Trần Thị Bình, gọi [đã ẩn] hoặc [đã ẩn]: đèn ngõ 12 hỏng, đồ vô trách nhiệm!');
  assert.equal(x.moderated_on, null);
  for (const [body, field] of [
    [{ public_title: 'Đèn ngõ 12 hỏng', public_text: 'Liên hệ 0912.888.777' }, 'public_text'],
    [{ public_title: 'Gọi binh@example.vn', public_text: 'Đèn ngõ 12 hỏng' }, 'public_title'],
    [{ public_text: 'Đèn ngõ 12 hỏng' }, 'public_title'],
  ]) {
    const r = await agency.post(`/api/v1/feedback/${x.id}/moderate`, { version: x.version, ...body });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  }
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/moderate`, { version: x.version, public_title: 'Đèn ngõ 12 hỏng',
    public_text: 'Đèn ngõ 12 hỏng, đề nghị sửa.', public_anonymous: false }), 'moderate');
  assert.equal(x.moderated_on, '2026-11-24');
  assert.equal(x.text, words);
  assert.equal(x.title, 'Đèn ngõ 12 hỏng — Trần Thị Bình');
  pub = await ok(anon.get(`/api/v1/public/feedback/${plain.code}`), 'lookup moderated');
  assert.equal(pub.title, 'Đèn ngõ 12 hỏng');
  assert.equal(pub.text, 'Đèn ngõ 12 hỏng, đề nghị sửa.');
  assert.equal(pub.sender_name, 'Trần Thị Bình');  // staff chose to publish the name
  assert.ok(!JSON.stringify(pub).includes('0912') && !JSON.stringify(pub).includes('vô trách nhiệm'));
  // A sender who asked to stay anonymous is never named; staff may still hide anyone's name.
  let y = await byCode(agency, hidden.code);
  const named = await agency.post(`/api/v1/feedback/${y.id}/moderate`, { version: y.version, public_title: 'Hỏi', public_text: 'Xin hỏi', public_anonymous: false });
  assert.equal(named.status, 400);
  assert.equal(named.body.error.field, 'public_anonymous');
  y = await ok(agency.post(`/api/v1/feedback/${y.id}/moderate`, { version: y.version, public_title: 'Hỏi', public_text: 'Xin hỏi' }), 'moderate anonymous');
  assert.equal(y.public_anonymous, true);
  assert.equal((await ok(anon.get(`/api/v1/public/feedback/${hidden.code}`), 'lookup hidden')).sender_name, null);
  // Published: the answered list carries the public version, never the received words or a contact.
  const haian = await unitByCode(agency, 'P-HAIAN');
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/classify`, { version: x.version, outcome: 'accepted' }), 'accept');
  x = await ok(agency.post(`/api/v1/feedback/${x.id}/assign`, { version: x.version, lead_unit_id: haian.id }), 'assign');
  const head = await client(server, 'haian.truong');
  x = await ok(head.post(`/api/v1/feedback/${x.id}/answer`, { version: x.version, answer: 'Đã thay đèn ngày 25/11.' }), 'answer');
  x = await ok(head.post(`/api/v1/feedback/${x.id}/approve`, { version: x.version }), 'approve');
  const answers = await ok(anon.get('/api/v1/public/answered-feedback?limit=1000'), 'answered');
  const row = answers.items.find((a) => a.code === plain.code);
  assert.deepEqual([row.title, row.text, row.sender_name], ['Đèn ngõ 12 hỏng', 'Đèn ngõ 12 hỏng, đề nghị sửa.', 'Trần Thị Bình']);
  assert.ok(!JSON.stringify(answers).includes('0912 888') && !JSON.stringify(answers).includes('vô trách nhiệm'));
  // Another unit can neither see nor moderate it.
  const other = await client(server, 'lechan');
  assert.equal((await other.post(`/api/v1/feedback/${x.id}/moderate`, { version: x.version, public_title: 'a', public_text: 'b' })).status, 404);
  // Kept for the reassignment test below: an open item led by Hải An since 24/11.
  const moved = await submitted('0908 000 011', 'Chuyển đơn vị chủ trì');
  let m = await byCode(agency, moved.code);
  m = await ok(agency.post(`/api/v1/feedback/${m.id}/classify`, { version: m.version, outcome: 'accepted' }), 'accept moved');
  m = await ok(agency.post(`/api/v1/feedback/${m.id}/assign`, { version: m.version, lead_unit_id: haian.id }), 'assign moved');
  assert.deepEqual(m.leads.map((l) => [l.lead_unit_id, l.assigned_on]), [[haian.id, '2026-11-24']]);
  movedId = m.id;
});

function same(fig, want, what) {
  for (const k of ['received', 'within_competence', 'left_competence', 'answered', 'answered_on_time', 'overdue', 'complaints', 'ratings'])
    assert.equal(fig[k], want[k], `${what} ${k}`);
  for (const [k, v] of [['r1_percent', want.r1], ['r2_percent', want.r2], ['rated_share_percent', want.rated_share]]) {
    if (v === null) assert.equal(fig[k], null, `${what} ${k}`);
    else assert.ok(Math.abs(fig[k] - v) < 1e-9, `${what} ${k}: ${fig[k]} ≠ ${v}`);
  }
}

test('figures equal a count of the items behind them, and a later day never changes an earlier one', async () => {
  const all = await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox');
  assert.ok(all.total < 1000);
  const fig = await ok(agency.get('/api/v1/feedback-figures?as_of=2026-11-24'), 'figures');
  assert.equal(fig.total.received, all.total);
  same(fig.total, recount(all.items, '2026-11-24'), '24/11');
  assert.equal(fig.units.reduce((s, u) => s + u.received, 0), fig.total.received);
  // The item reopened by its "Chưa hài lòng" is one complaint however it was rated and reopened.
  assert.ok(fig.total.complaints >= 1);
  // Earlier dates read only what was known then: a rating or an answer given later is not there.
  for (const day of ['2026-03-31', '2026-06-30', '2026-11-23']) {
    same((await ok(agency.get(`/api/v1/feedback-figures?as_of=${day}`), day)).total, recount(all.items, day), day);
  }
  // A unit's figures cover its own subtree's items only, and equal its inbox less the items it only coordinates
  // (a coordinating unit sees an item; the figures stay its lead unit's).
  const focal = await client(server, 'haian');
  const haianId = (await unitByCode(focal, 'P-HAIAN')).id;
  const own = await ok(focal.get('/api/v1/feedback-figures'), 'unit figures');
  const mine = await ok(focal.get('/api/v1/feedback?limit=1000'), 'unit inbox');
  const led = ownItems(mine.items, haianId);
  assert.ok(mine.items.some((i) => !led.includes(i) && i.coordinators.some((u) => u.unit_id === haianId)), 'the demo has items Hải An coordinates');
  assert.equal(own.total.received, led.length);
  same(own.total, recount(led, '2026-11-24'), 'Hải An');
  // The public sees the same city figures without a login, and the published answers with the public version only.
  assert.deepEqual((await ok(anon.get('/api/v1/public/feedback-figures?as_of=2026-11-24'), 'public figures')).total, fig.total);
  const answers = await ok(anon.get('/api/v1/public/answered-feedback?limit=1000'), 'public answers');
  assert.equal(answers.total, all.items.filter((i) => i.state === 'published').length);
  const text = JSON.stringify(answers);
  // Only the moderated version is public: a received text shows only where staff kept it word for word.
  const kept = new Set(all.items.map((i) => i.public_text));
  for (const i of all.items) if (!kept.has(i.text)) assert.ok(!text.includes(i.text), 'a sender\'s text reached the public list');
  assert.ok(!text.includes('0904 000 004') && !text.includes('Nguyễn Văn An'));
  // Twenty days on: the accepted items unanswered by their due day are overdue now.
  let admin;
  [server, admin] = await restarted(server, '2026-12-14T03:00:00Z', 'skhcn');
  agency = admin;
  anon = await client(server);
  const later = await ok(agency.get('/api/v1/feedback-figures'), 'later');
  assert.equal(later.as_of, '2026-12-14');
  same(later.total, recount(all.items, '2026-12-14'), '14/12');
  assert.ok(later.total.overdue > fig.total.overdue);
  // The 24/11 reading is what it was.
  assert.deepEqual((await ok(agency.get('/api/v1/feedback-figures?as_of=2026-11-24'), 'same day again')).total, fig.total);
  // An item belongs to the period of the day it was received: nothing was received in December.
  const period = await ok(agency.get('/api/v1/feedback-figures?from=2026-12-01&to=2026-12-31'), 'period');
  assert.equal(period.total.received, 0);
  const march = await ok(agency.get('/api/v1/feedback-figures?from=2026-03-01&to=2026-03-31&as_of=2026-11-24'), 'March');
  same(march.total, recount(all.items.filter((i) => i.received_on >= '2026-03-01' && i.received_on <= '2026-03-31'), '2026-11-24'), 'March');
});

test('a reassigned lead unit is history: a past date groups the item under the lead unit of that date', async () => {
  // The server is now on 14/12 (the test above restarted it).
  const haian = await unitByCode(agency, 'P-HAIAN');
  const lechan = await unitByCode(agency, 'P-LECHAN');
  const unit = (fig, id) => fig.units.find((u) => u.unit_id === id) ?? { received: 0 };
  const before24 = await ok(agency.get('/api/v1/feedback-figures?as_of=2026-11-24'), '24/11 before');
  const before14 = await ok(agency.get('/api/v1/feedback-figures'), '14/12 before');
  let m = await ok(agency.get(`/api/v1/feedback/${movedId}`), 'moved');
  m = await ok(agency.post(`/api/v1/feedback/${m.id}/assign`, { version: m.version, lead_unit_id: lechan.id }), 'reassign');
  assert.deepEqual(m.leads.map((l) => [l.lead_unit_id, l.assigned_on]), [[haian.id, '2026-11-24'], [lechan.id, '2026-12-14']]);
  const after24 = await ok(agency.get('/api/v1/feedback-figures?as_of=2026-11-24'), '24/11 after');
  const after14 = await ok(agency.get('/api/v1/feedback-figures'), '14/12 after');
  // 24/11 reads as it did: the item is still Hải An's there.
  assert.deepEqual(after24, before24);
  assert.equal(unit(after14, haian.id).received, unit(before14, haian.id).received - 1);
  assert.equal(unit(after14, lechan.id).received, unit(before14, lechan.id).received + 1);
  assert.equal(after14.total.received, before14.total.received);
  // A unit's own figures follow the same history: Lê Chân has the item from 14/12, not on 24/11.
  const other = await client(server, 'lechan');
  const lc24 = await ok(other.get('/api/v1/feedback-figures?as_of=2026-11-24'), 'Lê Chân 24/11');
  const lc14 = await ok(other.get('/api/v1/feedback-figures'), 'Lê Chân 14/12');
  const lcInbox = await ok(other.get('/api/v1/feedback?limit=1000'), 'Lê Chân inbox');
  assert.ok(lcInbox.items.some((i) => i.id === movedId));
  const lcOwn = ownItems(lcInbox.items, lechan.id);
  assert.equal(lc14.total.received, lcOwn.length);
  assert.equal(lc24.total.received, lcOwn.filter((i) => i.received_on <= '2026-11-24' && i.id !== movedId).length);
});
