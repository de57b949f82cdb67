// S&T tasks (issue 16) in Chromium: Sở KH&CN reads the register and a task's timeline at 1366 px and records
// the next step with its document, and imports the register from .xlsx (preview, then confirm); the host's
// officer (host role) lands on its tasks and files a monthly update on a 390 px phone; the public results page
// on a phone; the problem pipeline on a phone, down to a task. Screenshots in /tmp/st-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer, client, CLOCK } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/st-shots';
const PHONE = { width: 390, height: 844 };
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);
let server, browser, tasks;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
  tasks = (await (await client(server, 'skhcn')).get('/api/v1/st-tasks?limit=1000')).body.items;
});
after(async () => { await browser?.close(); await server?.stop(); });

test('Sở KH&CN: the register, a task timeline and its next step with the document', async () => {
  const page = await login(browser, server.base, 'skhcn');
  await page.goto(server.base + '/#/nhiem-vu-khcn');
  await page.getByTestId('tracked').waitFor();
  await page.getByText('Tạm ứng bị chặn').first().waitFor();
  assert.match(await page.getByTestId('year-disbursement').innerText(), /Giải ngân so với dự toán năm 2026: \d/);
  await page.screenshot({ path: `${SHOTS}/register-1366.png`, fullPage: false });
  const approved = tasks.find((t) => t.stage === 'phe_duyet');
  await page.goto(server.base + `/#/nhiem-vu-khcn/${approved.id}`);
  await page.getByText('Các bước và văn bản').waitFor();
  await page.getByTestId('next-stage').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Ký hợp đồng"]').click();
  await page.getByLabel('Số văn bản').fill('88/HĐ-SKHCN');
  // Dates are picked (or typed as dd/mm/yyyy), never typed as YYYY-MM-DD.
  const day = page.getByLabel('Ngày văn bản');
  await day.click();
  await day.fill('24/11/2026');
  await day.press('Enter');
  await page.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn Hùng');
  await page.getByLabel('Chức vụ người ký').fill('Giám đốc Sở Khoa học và Công nghệ');
  await page.getByTestId('record-step').click();
  await page.getByText('Đã ghi.').waitFor();
  assert.ok(await page.getByText('88/HĐ-SKHCN, ngày 24/11/2026', { exact: false }).isVisible(), 'the picked date recorded');
  // The year's estimate, entered on the task's page, stands from today.
  await page.getByLabel('Năm dự toán').fill('2026');
  await page.getByLabel('Dự toán (đồng)').fill('450000000');
  await page.getByTestId('save-estimate').click();
  await page.getByText('2026: 450 tr.đ').waitFor();
  await page.screenshot({ path: `${SHOTS}/task-1366.png`, fullPage: true });
});

test('Sở KH&CN imports the register from .xlsx: a preview, then the confirmation', async () => {
  const agency = await client(server, 'skhcn');
  const res = await fetch(server.base + '/api/v1/st-tasks.xlsx', { headers: { authorization: `Bearer ${agency.token}` } });
  const file = `${SHOTS}/so-nhiem-vu.xlsx`;
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  const page = await login(browser, server.base, 'skhcn');
  await page.goto(server.base + '/#/nhiem-vu-khcn');
  await page.getByTestId('register-import').click();
  await page.getByTestId('register-file').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), new RegExp(`${tasks.length} dòng — 0 tạo mới, 0 sửa, ${tasks.length} giữ nguyên; 0 lỗi`));
  await page.getByText('Giữ nguyên').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/import-1366.png`, fullPage: false });
  await page.getByTestId('confirm-register-import').click();
  await page.getByText('Đã nhập sổ: 0 nhiệm vụ mới, 0 nhiệm vụ được sửa.').waitFor();
});

test('the host files its monthly update on a 390 px phone, and has no other page', async () => {
  const page = await login(browser, server.base, 'vmu', PHONE);
  // A host organisation's officer lands on its S&T tasks; the plan's pages are not there for it.
  await page.getByText('Nhiệm vụ KH&CN sử dụng ngân sách nhà nước').waitFor();
  await page.goto(server.base + '/#/dashboard');
  await page.getByText('Nhiệm vụ KH&CN sử dụng ngân sách nhà nước').waitFor();
  assert.equal(await page.getByTestId('register-import').count(), 0);
  const mine = (await (await client(server, 'vmu')).get('/api/v1/st-tasks?limit=1000')).body.items;
  const running = mine.find((t) => t.stage === 'thuc_hien');
  // On a phone the register is a column of cards, not a table squeezing the titles; a card opens its task.
  await page.goto(server.base + '/#/nhiem-vu-khcn');
  await page.getByTestId('st-task-card').first().waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.getByTestId('st-task-card').filter({ hasText: running.code }).click();
  await page.getByText('Cập nhật hằng tháng', { exact: true }).waitFor();
  assert.ok(page.url().endsWith(`/#/nhiem-vu-khcn/${running.id}`));
  // The month is the server's (the tests' clock, 24/11/2026), whatever the device's date.
  assert.equal(await page.getByLabel('Tháng', { exact: true }).inputValue(), String(new Date(CLOCK).getUTCMonth() + 1));
  assert.equal(await page.getByLabel('Năm', { exact: true }).inputValue(), String(new Date(CLOCK).getUTCFullYear()));
  await page.getByLabel('Tiến độ (%)').fill('60');
  await page.getByLabel('Khó khăn, vướng mắc').first().fill('Chờ thiết bị nhập khẩu');
  await page.getByTestId('send-update').click();
  await page.getByText('Đã ghi.').waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/update-390.png`, fullPage: true });
});

test('the public results page on a phone shows recognised tasks', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.base + '/#/ket-qua-khcn');
  await page.getByText('Kết quả nhiệm vụ khoa học và công nghệ của thành phố Hải Phòng').waitFor();
  await page.locator('.ant-card').first().waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/public-390.png`, fullPage: true });
});

test('the problem pipeline on a 390 px phone: a sector opens onto its problems and a task', async () => {
  const page = await login(browser, server.base, 'skhcn', PHONE);
  await page.goto(server.base + '/#/nhiem-vu-khcn');
  assert.match(await page.getByTestId('pipeline-ordered').innerText(), /^\d+ \/ \d+ bài toán đã có nhiệm vụ đặt hàng/);
  await page.getByTestId('problem-pipeline').getByText('Đạt mục tiêu').waitFor();
  await page.getByTestId('problem-pipeline').locator('.ant-collapse-header').first().click();
  const task = page.getByTestId('problem-pipeline').locator('.ant-list-item button').first();
  await task.waitFor();
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/pipeline-390.png`, fullPage: true });
  await task.click();
  await page.getByText('Các bước và văn bản').waitFor();
});

test("the leader's dashboard lists the S&T tasks late at a stage, each opening its task", async () => {
  const page = await login(browser, server.base, 'lanhdao');
  await page.goto(server.base + '/#/dashboard');
  const section = page.getByTestId('st-overdue');
  await section.getByText('Quá hạn ký hợp đồng').first().waitFor();
  const late = (await (await client(server, 'lanhdao')).get('/api/v1/st-task-figures')).body.overdue;
  assert.match(await section.locator('.ant-card-head-title').innerText(), new RegExp(`\\(${late.length}\\)`));
  const worst = [...late].sort((a, b) => b.days_late - a.days_late)[0];
  await section.locator('.ant-list-item').first().click();
  await page.getByText(`${worst.code} — ${worst.title}`).waitFor();
});
