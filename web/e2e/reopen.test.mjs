// Issue 14, item 1, in the browser: the focal point asks to reopen an accepted report with a reason (on a
// 390 px phone), the standing agency sees the request in its review queue and grants it (at 1366 px), and the
// report is a draft again for the focal point. Screenshots in /tmp/reopen-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client, directiveByNumber } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/reopen-shots';
let server, browser, reportId;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
  // An accepted November report of Hải An, through the API: the browser part is the reopening.
  const plan = await directiveByNumber(await client(server, 'skhcn'), '27/QĐ-BCĐ');
  const created = await (await client(server, 'haian')).post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  reportId = created.body.id;
  for (const [who, step] of [['haian', 'submit'], ['haian.truong', 'approve'], ['skhcn', 'accept']])
    assert.equal((await (await client(server, who)).post(`/api/v1/reports/${reportId}/${step}`)).status, 200, step);
});
after(async () => { await browser?.close(); await server?.stop(); });

const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);

test('asked on a phone with a reason, granted from the review queue, a draft again', async () => {
  const phone = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await phone.goto(`${server.base}/#/report/${reportId}`);
  await phone.getByTestId('report-state').filter({ hasText: 'Đã tiếp nhận' }).waitFor();
  assert.ok(await phone.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().isDisabled(), 'no silent edit');
  await phone.getByRole('button', { name: 'Đề nghị mở lại để sửa' }).click();
  const dialog = phone.getByRole('dialog');
  assert.ok(await dialog.getByRole('button', { name: 'Gửi đề nghị' }).isDisabled(), 'a reason is required');
  await dialog.getByLabel('Lý do đề nghị mở lại').fill('Số liệu chỉ tiêu 1 nhập nhầm tử số');
  await phone.screenshot({ path: `${SHOTS}/reopen-ask-390.png` });
  await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await phone.getByTestId('reopen-pending').waitFor();
  assert.match(await phone.getByTestId('reopen-pending').textContent(), /Số liệu chỉ tiêu 1 nhập nhầm tử số/);
  assert.equal(await phone.getByTestId('report-state').textContent(), 'Đã tiếp nhận');
  assert.equal(await phone.getByRole('button', { name: 'Đề nghị mở lại để sửa' }).count(), 0, 'one request at a time');
  await phone.waitForTimeout(800);  // the layout settles after the notice appears
  await phone.screenshot({ path: `${SHOTS}/reopen-pending-390.png` });
  const wide = await phone.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 392)
    .slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
  assert.ok(await noSideScroll(phone, 390), JSON.stringify(wide));

  const agency = await login(browser, server.base, 'skhcn');
  await agency.getByTestId('bell').click();
  await agency.getByTestId('notification').filter({ hasText: 'Đề nghị mở lại báo cáo tháng 11/2026' }).first().waitFor();
  await agency.goto(`${server.base}/#/review`);
  const card = agency.getByTestId('reopen-requests');
  await card.waitFor();
  const row = card.getByRole('row', { name: /Phường Hải An/ });
  assert.match(await row.textContent(), /tháng 11\/2026 — 27\/QĐ-BCĐ/);
  await agency.screenshot({ path: `${SHOTS}/reopen-review-1366.png` });
  await row.getByRole('button', { name: 'Đồng ý mở lại' }).click();
  await card.waitFor({ state: 'detached' });

  await phone.reload();
  await phone.getByTestId('report-state').filter({ hasText: 'Đang soạn' }).waitFor();
  await phone.getByTestId('reopen-granted').waitFor();
  assert.ok(await phone.getByRole('textbox', { name: 'Kết quả thực hiện' }).first().isEnabled());
  await phone.screenshot({ path: `${SHOTS}/reopen-granted-390.png` });
  const r = await (await client(server, 'skhcn')).get(`/api/v1/reports/${reportId}`);
  assert.equal(r.body.state, 'draft');
  assert.equal(r.body.reopened_count, 1);
});
