// The focal point's month on a 390 px phone: one card per assignment without sideways scrolling, a bad value
// marked where it is typed while the rest saves, the draft kept on the device across a reload and a dropped
// line, the summary before submitting, and the withdrawal until the unit head acts. Screenshots in
// /tmp/phone-shots (or $SHOTS) at 390 and 1366 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/phone-shots';
let server, browser, reportId;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function openReport(page, planNumber) {
  const row = page.getByTestId('due-report').filter({ hasText: `Kế hoạch ${planNumber} — tháng 11/2026` });
  await row.getByRole('button').click();
  await page.getByTestId('report-state').waitFor();
}
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);

test('a phone month: cards, a bad value kept apart, the draft on the device, summary, submit, withdraw', async () => {
  const phone = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await openReport(phone, '27/QĐ-BCĐ');
  reportId = Number(new URL(phone.url()).hash.split('/')[2]);
  await phone.getByTestId('item-card').first().waitFor();
  assert.ok(await noSideScroll(phone, 390), `the form scrolls sideways: ${await phone.evaluate(() => document.scrollingElement.scrollWidth)} px`);
  const fontSize = await phone.getByLabel('Tiến độ 1', { exact: true }).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(fontSize >= 16, `inputs are ${fontSize}px: phones would zoom`);
  assert.equal(await phone.getByLabel('Tiến độ 1', { exact: true }).getAttribute('inputmode'), 'decimal');
  const header = await phone.locator('.ant-layout-header').boundingBox();
  assert.ok(header.height <= 56, `the header is ${header.height}px high`);
  await phone.screenshot({ path: `${SHOTS}/form-390.png` });

  // A new report starts from last period's report: its texts are copied into the empty fields.
  await phone.getByTestId('from-last-period').click();
  await phone.waitForFunction(() => [...document.querySelectorAll('textarea[aria-label="Kết quả thực hiện"]')].some((e) => e.value.trim()));
  // Evidence is attached to its own assignment.
  await phone.getByLabel('Minh chứng 1', { exact: true }).setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
  await phone.getByTestId('item-card').first().getByTestId('evidence').filter({ hasText: 'bien-ban.pdf' }).waitFor();

  // One bad value: marked next to its field by its Vietnamese name; the other fields save.
  await phone.getByLabel('Tiến độ 1', { exact: true }).fill('150');
  await phone.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().fill('Đã ban hành Kế hoạch 150/KH-UBND ngày 10/11/2026');
  await phone.getByLabel('Tử số 1', { exact: true }).fill('12,5');
  await phone.getByLabel('Mẫu số 1', { exact: true }).fill('40');
  assert.equal(await phone.getByTestId('rate-1').textContent(), '31,3 %');
  const error = phone.getByTestId('field-error').first();
  await error.waitFor();
  assert.match(await error.textContent(), /Tiến độ.*từ 0 đến 100/);
  await phone.getByTestId('save-state').filter({ hasText: 'còn 1 trường cần sửa' }).waitFor();
  const api = await client(server, 'haian');
  let r = (await api.get(`/api/v1/reports/${reportId}`)).body;
  const item1 = r.items.find((i) => i.task_code === '1');
  assert.equal(item1.work_done, 'Đã ban hành Kế hoạch 150/KH-UBND ngày 10/11/2026');
  assert.notEqual(item1.progress_percent, 150);
  assert.notEqual(item1.progress_percent, 100, 'never silently capped');
  assert.equal(r.indicator_values[0].numerator, 12.5, '"12,5" is twelve and a half');
  await phone.getByLabel('Tiến độ 1', { exact: true }).scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${SHOTS}/error-390.png` });

  // A reload restores the typed but invalid value from the device.
  const warned = [];
  phone.on('dialog', (d) => { warned.push(d.type()); return d.type() === 'confirm' ? d.dismiss() : d.accept(); });
  await phone.reload();
  await phone.getByTestId('restored').waitFor();
  assert.equal(await phone.getByLabel('Tiến độ 1', { exact: true }).inputValue(), '150');
  await phone.getByTestId('field-error').first().waitFor();
  assert.deepEqual(warned, ['beforeunload'], 'leaving with a value not saved warns first');
  // Inside the app too: the link and the back button ask, and staying keeps the page.
  await phone.getByRole('button', { name: '← Việc của tôi' }).click();
  await phone.goBack();
  await phone.waitForTimeout(300);
  assert.deepEqual(warned, ['beforeunload', 'confirm', 'confirm']);
  assert.match(phone.url(), /#\/report\//);
  assert.equal(await phone.getByLabel('Tiến độ 1', { exact: true }).inputValue(), '150');

  // A dropped line: kept on the device, sent when the line is back.
  await phone.getByLabel('Tiến độ 1', { exact: true }).fill('60');
  await phone.context().setOffline(true);
  await phone.getByTestId('save-state').filter({ hasText: 'Mất kết nối' }).waitFor();
  await phone.context().setOffline(false);
  await phone.getByTestId('saved').waitFor({ timeout: 20000 });
  r = (await api.get(`/api/v1/reports/${reportId}`)).body;
  assert.equal(r.items.find((i) => i.task_code === '1').progress_percent, 60);

  // The summary before sending, then the withdrawal.
  await phone.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const summary = phone.getByTestId('submit-summary');
  await summary.waitFor();
  await phone.waitForTimeout(400);  // the dialog's opening animation
  assert.match(await summary.textContent(), /chưa có minh chứng/);
  assert.doesNotMatch(await phone.getByTestId('missing-evidence').textContent(), /: 1,/, 'task 1 has its evidence');
  await phone.screenshot({ path: `${SHOTS}/summary-390.png` });
  await phone.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
  await phone.getByTestId('report-state').filter({ hasText: 'Đã gửi' }).waitFor();
  const first = (await api.get(`/api/v1/reports/${reportId}`)).body.first_submitted_at;
  await phone.getByRole('button', { name: 'Rút lại để sửa' }).click();
  await phone.getByRole('dialog').getByRole('button', { name: 'Rút lại' }).click();
  await phone.getByTestId('report-state').filter({ hasText: 'Đang soạn' }).waitFor();
  r = (await api.get(`/api/v1/reports/${reportId}`)).body;
  assert.equal(r.state, 'draft');
  assert.equal(r.first_submitted_at, first);

  const desk = await login(browser, server.base, 'haian');
  await desk.goto(`${server.base}/#/report/${reportId}`);
  await desk.getByTestId('item-card').first().waitFor();
  assert.ok(await noSideScroll(desk, 1366));
  await desk.screenshot({ path: `${SHOTS}/form-1366.png` });
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.waitForTimeout(200);
  assert.ok(await noSideScroll(phone, 360), 'no sideways scroll at 360 px either');
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.getByText('EN', { exact: true }).click();
  await phone.getByText('Withdraw to edit').or(phone.getByText('Submit').first()).first().waitFor();
  await phone.screenshot({ path: `${SHOTS}/form-390-en.png` });
});

test('two editors: a version conflict shows what the other changed; an expired session logs in again in place', async () => {
  const page = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await page.goto(`${server.base}/#/report/${reportId}`);
  await page.getByTestId('item-card').first().waitFor();
  const api = await client(server, 'haian');
  const r = (await api.get(`/api/v1/reports/${reportId}`)).body;
  const items = r.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: i.progress_percent, work_done: i.work_done }));
  items.find((_, k) => r.items[k].task_code === '1').work_done = 'Bản của người khác';
  assert.equal((await api.put(`/api/v1/reports/${reportId}`, { version: r.version, items })).status, 200);

  await page.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().fill('Bản của tôi');
  const conflict = page.getByTestId('conflict');
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /Nhiệm vụ 1 — Kết quả thực hiện: .*Bản của người khác/);
  assert.equal((await api.get(`/api/v1/reports/${reportId}`)).body.items.find((i) => i.task_code === '1').work_done, 'Bản của người khác',
    'nothing overwritten');
  await page.screenshot({ path: `${SHOTS}/conflict-390.png` });
  await conflict.getByRole('button', { name: 'Dùng lại nội dung của tôi' }).click();
  await page.getByTestId('saved').waitFor();
  assert.equal((await api.get(`/api/v1/reports/${reportId}`)).body.items.find((i) => i.task_code === '1').work_done, 'Bản của tôi');

  // The session ends while typing: the typed work stays, a password asked in place saves it.
  await page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': sessionStorage.getItem('tiendo.csrf') ?? '' } }));
  await page.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().fill('Bản của tôi, sửa sau khi hết phiên');
  const dialog = page.getByRole('dialog').filter({ hasText: 'Phiên đăng nhập đã hết' });
  await dialog.waitFor();
  await page.waitForTimeout(400);  // the dialog's opening animation
  await page.screenshot({ path: `${SHOTS}/relogin-390.png` });
  await dialog.getByLabel('Mật khẩu').fill('HaiPhong#Ke-hoach-57');
  await dialog.getByRole('button', { name: 'Đăng nhập và lưu' }).click();
  await page.getByTestId('saved').waitFor();
  assert.equal((await api.get(`/api/v1/reports/${reportId}`)).body.items.find((i) => i.task_code === '1').work_done,
    'Bản của tôi, sửa sau khi hết phiên');
});
