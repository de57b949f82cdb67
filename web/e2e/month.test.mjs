// The month of one commune in the browser, the leader's drill-down, a refused action, the phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function openReport(page, planNumber) {
  const row = page.getByTestId('due-report').filter({ hasText: `Kế hoạch ${planNumber} — tháng 11/2026` });
  await row.getByRole('button').click();
  await page.getByTestId('report-state').waitFor();
}

test('a commune month: draft with autosave, submit, approve, return, fix, accept', async () => {
  const focal = await login(browser, server.base, 'haian');
  await openReport(focal, '27/QĐ-BCĐ');
  assert.equal(await focal.getByTestId('report-state').textContent(), 'Đang soạn');
  const reportId = Number(new URL(focal.url()).hash.split('/')[2]);

  await focal.getByLabel('Tiến độ 1', { exact: true }).fill('60');
  await focal.getByLabel('Tử số 1', { exact: true }).fill('35');
  await focal.getByLabel('Mẫu số 1', { exact: true }).fill('40');
  assert.equal(await focal.getByTestId('rate-1').textContent(), '87,5 %');
  await focal.getByTestId('saved').waitFor();  // autosaved draft

  await focal.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await focal.getByTestId('submit-summary').waitFor();  // what is missing, shown before it is sent
  await focal.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
  await focal.getByTestId('report-state').filter({ hasText: 'Đã gửi' }).waitFor();

  const head = await login(browser, server.base, 'haian.truong');
  await head.goto(`${server.base}/#/report/${reportId}`);
  await head.getByRole('button', { name: 'Phê duyệt' }).click();
  await head.getByTestId('report-state').filter({ hasText: 'Lãnh đạo đơn vị đã duyệt' }).waitFor();

  const agency = await login(browser, server.base, 'skhcn');
  await agency.getByLabel('Tìm đơn vị').fill('hai an');
  // The queue's row, not one of the follow-up tables below it (escalations name Hải An too and may come first).
  const queue = agency.locator('.ant-card').filter({ has: agency.getByLabel('Tìm đơn vị') });
  await queue.getByRole('row', { name: /Phường Hải An/ }).first().click();
  await agency.getByRole('button', { name: 'Trả lại' }).click();
  await agency.getByLabel('Lý do').fill('Bổ sung số, ngày văn bản đầu ra');
  await agency.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
  await agency.getByTestId('report-state').filter({ hasText: 'Bị trả lại' }).waitFor();

  await focal.goto(`${server.base}/#/inbox`);
  const alert = focal.getByTestId('returned').first();
  await alert.waitFor();
  assert.match(await alert.textContent(), /Bổ sung số, ngày văn bản đầu ra/);
  await alert.getByRole('button', { name: 'Mở báo cáo' }).click();
  await focal.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().fill('Đã ban hành Kế hoạch 150/KH-UBND ngày 10/11/2026');
  await focal.getByTestId('saved').waitFor();
  await focal.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await focal.getByTestId('submit-summary').waitFor();  // what is missing, shown before it is sent
  await focal.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
  await focal.getByTestId('report-state').filter({ hasText: 'Đã gửi' }).waitFor();

  await head.reload();
  await head.getByRole('button', { name: 'Phê duyệt' }).click();
  await head.getByTestId('report-state').filter({ hasText: 'Lãnh đạo đơn vị đã duyệt' }).waitFor();
  await agency.reload();
  await agency.getByRole('button', { name: 'Tiếp nhận' }).click();
  await agency.getByTestId('report-state').filter({ hasText: 'Đã tiếp nhận' }).waitFor();

  // An accepted report is read-only for the focal point: reopening it is asked for (e2e/reopen.test.mjs).
  await focal.reload();
  await focal.getByTestId('report-state').filter({ hasText: 'Đã tiếp nhận' }).waitFor();
  assert.ok(await focal.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().isDisabled());
  await focal.getByRole('button', { name: 'Đề nghị mở lại để sửa' }).waitFor();

  // What the page showed is what the API holds.
  const api = await client(server, 'skhcn');
  const r = await api.get(`/api/v1/reports/${reportId}`);
  assert.equal(r.body.state, 'accepted');
  assert.equal(r.body.items.find((i) => i.task_code === '1').progress_percent, 60);
  assert.equal(r.body.indicator_values[0].rate, 87.5);
});

test('the leader drills down from a dashboard number to the assignments behind it', async () => {
  const leader = await login(browser, server.base, 'lanhdao');
  const card = leader.getByTestId('status-overdue');
  await card.waitFor();
  const shown = Number((await card.locator('.ant-statistic-content-value').textContent()).replace(/\./g, ''));
  await card.click();
  const total = leader.getByTestId('assignments-total');
  await total.filter({ hasText: 'dòng' }).waitFor();
  const api = await client(server, 'lanhdao');
  const r = await api.get('/api/v1/assignments?status=overdue&limit=1');
  assert.equal(shown, r.body.total);
  assert.equal(await total.textContent(), `${r.body.total} dòng`);
  await leader.getByRole('row').nth(1).click();
  await leader.getByText('Lịch sử báo cáo').waitFor();
});

test('a focal point of another ward is refused the Hải An report', async () => {
  const api = await client(server, 'haian');
  const reports = await api.get('/api/v1/reports?limit=1');
  const other = await login(browser, server.base, 'lechan');
  await other.goto(`${server.base}/#/report/${reports.body.items[0].id}`);
  await other.getByText('Không tìm thấy báo cáo.').waitFor();
});

test('works on a 360 px phone screen', async () => {
  const phone = await login(browser, server.base, 'haian', { width: 360, height: 740 });
  await phone.getByText('Báo cáo của đơn vị').waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the screen by ${overflow}px`);
  await phone.getByText('EN', { exact: true }).click();
  await phone.getByText('My work').first().waitFor();
});

test('an explanation request reaches the unit and is answered; the bell lists the reminders', async () => {
  const unit = await login(browser, server.base, 'lechan');
  const alert = unit.getByTestId('explanation').first();
  await alert.waitFor();
  await alert.getByLabel('Giải trình').fill('Chưa bố trí được cán bộ chuyên trách; cam kết hoàn thành trước 31/12/2026.');
  await alert.getByRole('button', { name: 'Giải trình' }).click();
  await alert.waitFor({ state: 'detached' });
  const api = await client(server, 'lanhdao');
  const answered = await api.get('/api/v1/explanation-requests?answered=true');
  assert.ok(answered.body.items.some((x) => x.answer.startsWith('Chưa bố trí được cán bộ')));

  const focal = await login(browser, server.base, 'haian');
  await focal.getByTestId('bell').click();
  await focal.getByTestId('notification').first().waitFor();
  // The workflow's own notices (a return) may come first: the reminder is among them.
  assert.ok((await focal.getByTestId('notification').allTextContents()).some((x) => /Nhắc báo cáo tháng 11\/2026/.test(x)));
});
