// Exchange with upstream systems (issue 18) in Chromium: the standing agency opens it from Văn bản (on a phone
// from the section list, not a sideways tab bar); on a 390 px phone the admin reads a program's roll-up per
// upstream task, prepares November's list for pakn.nq57.vn, opens an item and marks it entered upstream (day and
// reference). The admin edits a column template at 1366 px (a cleared header and a field used twice refused
// beside their inputs); the standing agency links and unlinks a city task on a phone; the admin subscribes a
// receiver (bad addresses refused beside the field), reads its failed delivery and replays it, and switches the
// subscription off. Nothing scrolls sideways. Screenshots in /tmp/exchange-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { startServer, client, ok, directiveByNumber, unitByCode } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/exchange-shots';
const PHONE = { width: 390, height: 844 };
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);
// An address nothing listens on: a delivery to it fails at once, and with one attempt allowed it gives up.
const deadPort = await new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
let server, browser, city, upstream;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB, args: ['--scheduler-seconds', '0', '--event-allow', `127.0.0.1:${deadPort}`,
    '--event-max-attempts', '1', '--event-timeout-ms', '1000'] });
  browser = await launch();
  // An upstream program of two tasks (invented), one city task implementing the first.
  const admin = await client(server, 'admin');
  const program = await ok(admin.post('/api/v1/directives', { number: '97-CTr/THU', kind: 'program', title: 'Chương trình thử (giả định)', issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'program');
  const up = await ok(admin.call('POST', `/api/v1/directives/${program.id}/imports?filename=p.csv&upstream=nq57`,
    'TT,Mã nq57,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,NQ57-E2E-01,Việc cấp trên một,Các tỉnh,12/2026\n2,NQ57-E2E-02,Việc cấp trên hai,Các tỉnh,12/2026\n'), 'import');
  await ok(admin.post(`/api/v1/imports/${up.id}/confirm`), 'confirm');
  upstream = (await ok(admin.get(`/api/v1/tasks?directive_id=${program.id}`), 'tasks')).items;
  const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  [city] = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=1`), 'city')).items;
  await ok(admin.put(`/api/v1/tasks/${city.id}/upstream-links`, { upstream_task_ids: [upstream[0].id] }), 'link');
});
after(async () => { await browser?.close(); await server?.stop(); });

test('the standing agency finds it as a tab of Văn bản', async () => {
  const page = await login(browser, server.base, 'skhcn');
  await page.goto(server.base + '/#/documents');
  await page.getByText('Lưu phần viết').waitFor();
  await page.getByRole('tab', { name: 'Trao đổi với cấp trên' }).click();
  // The demo's own program (11/QĐ-BCĐCP) comes first.
  await choose(page, 'Chương trình', PROGRAM);
  await page.getByText('NQ57-E2E-01').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Tải Excel' }).isVisible());
  assert.equal(await page.getByTestId('prepare').count(), 0, 'only the admin prepares');
  // The templates are read, not edited; subscriptions are the admin's alone.
  await page.getByTestId('template-columns').waitFor();
  assert.equal(await page.getByTestId('template-form').count(), 0);
  assert.equal(await page.getByTestId('subscriptions').count(), 0);
  await page.context().close();
});

test('the admin on a phone: the roll-up, November prepared for pakn.nq57.vn, an item marked entered', async () => {
  const page = await login(browser, server.base, 'admin', PHONE);
  await page.goto(server.base + '/#/trao-doi');
  await choose(page, 'Chương trình', PROGRAM);
  await page.getByText('NQ57-E2E-01').waitFor();
  assert.match(await page.getByTestId('rollup-summary').innerText(), /1\/2/);
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Hệ thống ngoài' }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Nền tảng tiếp nhận phản ánh, kiến nghị pakn.nq57.vn"]').click();
  const month = page.getByLabel('Tháng', { exact: true });
  await month.click();
  await month.fill('11/2026');
  await month.press('Enter');
  await page.getByTestId('prepare').click();
  await page.getByText(/^Đã chuẩn bị \d+ mục/).waitFor();
  const rows = page.locator('[data-testid="outbox"] tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.ok(await rows.count() > 0);
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await page.getByLabel('Ngày nhập lên hệ thống cấp trên').fill('24/11/2026');
  await page.getByLabel('Ngày nhập lên hệ thống cấp trên').press('Enter');
  await page.getByLabel('Số tham chiếu').fill('PAKN-E2E-1');
  await page.getByRole('button', { name: 'Ghi nhận đã nhập' }).click();
  await rows.first().getByText('Đã gửi/đã nhập').waitFor();
  const marked = (await ok((await client(server, 'admin')).get('/api/v1/outbox?system=pakn.nq57.vn&state=sent'), 'sent')).items;
  assert.deepEqual(marked.map((i) => [i.entered_on, i.external_ref, i.period]), [['2026-11-24', 'PAKN-E2E-1', '2026-11']]);
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/exchange-390.png`, fullPage: true });
});

// Picks `title` in the antd select labelled `name` (typing first when it searches).
async function choose(page, name, title, { type } = {}) {
  const box = page.getByRole('combobox', { name, exact: true });
  await page.locator('.ant-select', { has: box }).click();
  if (type) await box.fill(type);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}
const PROGRAM = '97-CTr/THU (nq57, 2 nhiệm vụ)';
const fieldError = (item) => item.locator('.ant-form-item-explain-error');

test('on a phone the sections of Văn bản are a list, not a tab bar that scrolls sideways', async () => {
  const page = await login(browser, server.base, 'skhcn', PHONE);
  await page.goto(server.base + '/#/documents');
  await page.getByText('Lưu phần viết').waitFor();
  assert.equal(await page.getByRole('tab').count(), 0, 'no tab bar on a phone');
  assert.ok(await noSideScroll(page, PHONE.width));
  await choose(page, 'Mục', 'Trao đổi với cấp trên');
  await choose(page, 'Chương trình', PROGRAM);
  await page.getByText('NQ57-E2E-01').first().waitFor();
  await choose(page, 'Mục', 'Nhập kế hoạch');
  await page.getByRole('combobox', { name: 'Nhập vào kế hoạch' }).waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/documents-sections-390.png` });
  await page.context().close();
});

test('the admin edits a column template: a cleared header and a field used twice are refused beside their inputs', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/trao-doi');
  const card = page.getByTestId('templates');
  await card.getByTestId('assumed').waitFor();
  assert.match(await card.getByTestId('assumed').innerText(), /giả định/);
  const columns = card.getByTestId('template-column');
  const n = await columns.count();
  assert.ok(n >= 3);
  // Bad input 1, caught on the page: column 1's header emptied.
  const header1 = page.getByLabel('Tiêu đề cột 1', { exact: true });
  const before = await header1.inputValue();
  await header1.fill('');
  await page.getByRole('button', { name: 'Lưu mẫu cột' }).click();
  await fieldError(columns.nth(0)).filter({ hasText: 'Tiêu đề cột 1: không được để trống.' }).waitFor();
  await header1.fill(before);
  // Bad input 2, refused by the server: column 2 takes column 1's field.
  const field1 = await columns.nth(0).locator('.ant-select-selection-item').getAttribute('title');
  await choose(page, 'Trường của cột 2', field1, { type: field1 });
  await page.getByRole('button', { name: 'Lưu mẫu cột' }).click();
  const refused = fieldError(columns.nth(1));
  await refused.filter({ hasText: 'Cột thứ 2: trường này đã có ở cột khác.' }).waitFor();
  await card.screenshot({ path: `${SHOTS}/template-refused-1366.png` });
  // Put it right: the last column goes first, its header is renamed and "overdue" gets the system's word.
  await page.reload();
  await card.getByTestId('template-column').first().waitFor();
  const admin = await client(server, 'admin');
  const was = (await ok(admin.get('/api/v1/outbox-templates'), 'templates')).items.find((x) => x.system === 'nq57');
  for (let i = n; i > 1; i--) await page.getByRole('button', { name: `Chuyển lên ${i}`, exact: true }).click();
  await page.getByLabel('Tiêu đề cột 1', { exact: true }).fill('Cột đầu (đổi thử)');
  await page.getByLabel('Cách gọi: Quá hạn', { exact: true }).fill('Chậm (thử)');
  await page.getByRole('button', { name: 'Lưu mẫu cột' }).click();
  await page.getByText('Đã lưu mẫu cột.').waitFor();
  const now = (await ok(admin.get('/api/v1/outbox-templates'), 'templates')).items.find((x) => x.system === 'nq57');
  assert.deepEqual(now.columns.map((c) => c.field), [was.columns.at(-1).field, ...was.columns.slice(0, -1).map((c) => c.field)]);
  assert.equal(now.columns[0].header, 'Cột đầu (đổi thử)');
  assert.equal(now.status_map.overdue, 'Chậm (thử)');
  assert.equal(now.assumed, was.assumed, 'the mark "assumed" is kept unless the admin unticks it');
  assert.ok(await noSideScroll(page, 1366));
  await page.context().close();
});

test('the standing agency links a city task to an upstream task and removes a link, on a phone', async () => {
  const page = await login(browser, server.base, 'skhcn', PHONE);
  await page.goto(server.base + '/#/trao-doi');
  const card = page.getByTestId('links');
  await choose(page, 'Kế hoạch của thành phố', '27/QĐ-BCĐ', { type: '27/QĐ-BCĐ' });
  await choose(page, 'Nhiệm vụ của thành phố', `${city.code}. ${city.name}`, { type: `${city.code}. ${city.name}` });
  await choose(page, 'Chương trình cấp trên', '97-CTr/THU (nq57)');
  await card.getByTestId('link').filter({ hasText: 'NQ57-E2E-01' }).waitFor();
  // Bad input: nothing chosen, then the task already linked.
  await card.getByRole('button', { name: 'Thêm liên kết' }).click();
  await card.getByText('Nhiệm vụ cấp trên được thực hiện: hãy chọn một nhiệm vụ.').waitFor();
  await choose(page, 'Nhiệm vụ cấp trên được thực hiện', 'NQ57-E2E-01 · Việc cấp trên một', { type: 'E2E-01' });
  await card.getByRole('button', { name: 'Thêm liên kết' }).click();
  await card.getByText('Nhiệm vụ cấp trên được thực hiện: nhiệm vụ này đã được liên kết.').waitFor();
  await choose(page, 'Nhiệm vụ cấp trên được thực hiện', 'NQ57-E2E-02 · Việc cấp trên hai', { type: 'hai' });
  await card.getByRole('button', { name: 'Thêm liên kết' }).click();
  await card.getByTestId('link').filter({ hasText: 'NQ57-E2E-02' }).waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await card.screenshot({ path: `${SHOTS}/links-390.png` });
  await card.getByRole('button', { name: 'Bỏ liên kết NQ57-E2E-01' }).click();
  await card.getByTestId('link').filter({ hasText: 'NQ57-E2E-01' }).waitFor({ state: 'detached' });
  const links = (await ok((await client(server, 'skhcn')).get(`/api/v1/tasks/${city.id}/upstream-links`), 'links')).items;
  assert.deepEqual(links.map((l) => l.upstream_task_id), [upstream[1].id]);
  await page.context().close();
});

test('the admin subscribes a receiver on a phone, reads its failed delivery, replays it and switches it off', async () => {
  const page = await login(browser, server.base, 'admin', PHONE);
  await page.goto(server.base + '/#/trao-doi');
  const card = page.getByTestId('subscriptions');
  await card.getByRole('button', { name: 'Thêm đăng ký' }).click();
  const form = card.getByTestId('subscribe-form');
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  await form.getByText('Tên đăng ký: không được để trống.').waitFor();
  await form.getByText('Địa chỉ nhận: không được để trống.').waitFor();
  await form.getByText('Loại sự kiện: hãy chọn ít nhất một loại.').waitFor();
  await page.getByLabel('Tên đăng ký', { exact: true }).fill('Kho dữ liệu thử');
  await page.getByLabel('Địa chỉ nhận', { exact: true }).fill(`http://127.0.0.1:${deadPort}/hook`);
  await form.getByText('Báo cáo được gửi', { exact: true }).click();
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  await form.getByText('Địa chỉ nhận phải bắt đầu bằng https://').waitFor();
  // Refused by the server: not on its allowlist; the message stands under the field.
  await page.getByLabel('Địa chỉ nhận', { exact: true }).fill('https://10.0.0.1/hook');
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  await fieldError(form.locator('.ant-form-item', { has: page.getByLabel('Địa chỉ nhận', { exact: true }) }))
    .filter({ hasText: 'danh sách cho phép của máy chủ' }).waitFor();
  await form.screenshot({ path: `${SHOTS}/subscribe-refused-390.png` });
  await page.getByLabel('Địa chỉ nhận', { exact: true }).fill(`https://127.0.0.1:${deadPort}/hook`);
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  assert.match(await card.getByTestId('secret').locator('code').innerText(), /^[0-9a-f]{64}$/);
  const sub = card.getByTestId('subscription').filter({ hasText: 'Kho dữ liệu thử' });
  await sub.getByText('Đang nhận').waitFor();

  // A report submitted now is an event for it; sending finds nobody listening and, with one attempt allowed, gives up.
  const admin = await client(server, 'admin');
  const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  const unit = await unitByCode(admin, 'P-HAIAN');
  const report = await ok(admin.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12', unit_id: unit.id }), 'report');
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items: [{ assignment_id: report.items[0].assignment_id, progress_percent: 40 }] }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  await card.getByRole('button', { name: 'Gửi ngay' }).click();
  await page.getByText(/đã gửi 0\./).waitFor();
  await sub.getByRole('button', { name: 'Nhật ký chuyển' }).click();
  const delivery = sub.getByTestId('delivery').first();
  await delivery.getByText('Gửi thất bại hẳn').waitFor();
  await delivery.getByText('Báo cáo được gửi').waitFor();
  await delivery.getByRole('button', { name: 'Xem các lần thử' }).click();
  await delivery.getByTestId('attempts').locator('li').first().waitFor();
  assert.equal(await delivery.getByTestId('attempts').locator('li').count(), 1);
  assert.ok(await noSideScroll(page, PHONE.width));
  await sub.screenshot({ path: `${SHOTS}/deliveries-390.png` });
  await delivery.getByRole('button', { name: 'Gửi lại' }).click();
  await sub.getByTestId('delivery').first().getByText('Đang chờ gửi').waitFor();
  const mine = (await ok(admin.get('/api/v1/event-subscriptions'), 'subs')).items.find((x) => x.name === 'Kho dữ liệu thử');
  const [d] = (await ok(admin.get(`/api/v1/event-deliveries?subscription_id=${mine.id}`), 'deliveries')).items;
  assert.equal(d.state, 'pending');
  await sub.getByRole('button', { name: 'Tắt' }).click();
  await sub.getByText('Đã tắt').waitFor();
  assert.equal((await ok(admin.get('/api/v1/event-subscriptions'), 'subs')).items.find((x) => x.id === mine.id).active, false);
  await page.context().close();
});

test('the whole exchange page at 1366 px', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/trao-doi');
  await page.getByTestId('subscription').first().waitFor();
  assert.ok(await noSideScroll(page, 1366));
  await page.screenshot({ path: `${SHOTS}/exchange-1366.png`, fullPage: true });
  await page.context().close();
});
