// Issue 15, item 5: the feedback report on the documents page — the standing agency chooses a half year or the
// year, sees the main figures the document states, and downloads the .docx and the .xlsx appendix; on a desktop and
// on a 390 px phone without sideways scrolling. Screenshots in /tmp/feedback-report-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/feedback-report-shots';
let server, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function open(page) {
  await page.goto(`${server.base}/#/documents`);
  await page.getByText('Đơn vị đã gửi báo cáo').first().waitFor();
}

test('the standing agency reads the year\'s feedback report and downloads it, on a desktop and on a phone', async () => {
  const agency = await client(server, 'skhcn');
  const year = (await agency.get('/api/v1/feedback-report?period=2026')).body;
  const desk = await login(browser, server.base, 'skhcn');
  await open(desk);
  await desk.getByRole('tab', { name: 'Báo cáo phản ánh, kiến nghị' }).click();
  await desk.getByTestId('feedback-report').waitFor();
  await desk.getByTestId('feedback-period').click();
  await desk.getByTitle('Năm 2026', { exact: true }).click();
  const card = desk.getByTestId('feedback-report');
  await card.getByText('Báo cáo phản ánh, kiến nghị — Năm 2026').waitFor();
  // The figures as the document writes them, with the counts behind them.
  await card.getByText(year.total.r1_text, { exact: true }).waitFor();
  await card.getByText(year.total.r2_text, { exact: true }).waitFor();
  for (const g of year.by_kind) {
    const row = card.getByTestId('feedback-by-kind').locator('tr', { hasText: g.label });
    assert.match(await row.innerText(), new RegExp(`\\b${g.received}\\b`));
  }
  await desk.screenshot({ path: `${SHOTS}/feedback-report-1366.png`, fullPage: true });
  let download = desk.waitForEvent('download');
  await desk.getByTestId('feedback-docx').click();
  assert.equal((await download).suggestedFilename(), 'bao-cao-phan-anh-2026.docx');
  download = desk.waitForEvent('download');
  await desk.getByTestId('feedback-xlsx').click();
  assert.equal((await download).suggestedFilename(), 'phu-luc-phan-anh-2026.xlsx');

  const phone = await login(browser, server.base, 'skhcn', { width: 390, height: 844 });
  await open(phone);
  await phone.getByTestId('section-select').click();
  await phone.getByTitle('Báo cáo phản ánh, kiến nghị', { exact: true }).click();
  await phone.getByTestId('feedback-report').waitFor();
  await phone.getByTestId('feedback-data-read').waitFor();
  assert.ok(await phone.evaluate(() => document.scrollingElement.scrollWidth <= 390),
    `the page scrolls sideways: ${await phone.evaluate(() => document.scrollingElement.scrollWidth)} px`);
  await phone.screenshot({ path: `${SHOTS}/feedback-report-390.png`, fullPage: true });
});
