// Issue 14, item 8, in Chromium: a rank explained — the dashboard's unit opens the whole ranking at its row with
// its components in words and figures, scores with two decimals; the standing agency publishes an ended month
// (on a phone), the table then shows when and by whom; a commune reads its own place in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/ranking-shots';
mkdirSync(SHOTS, { recursive: true });
let server, browser, api;
before(async () => {
  server = await startServer({ webRoot: WEB, args: ['--scheduler-seconds', '0'] });
  browser = await launch();
  api = await client(server, 'lanhdao');
});
after(async () => { await browser?.close(); await server?.stop(); });

test('1366 px: a unit of the dashboard\'s ranking opens the whole ranking with its components in words', async () => {
  const dash = (await api.get('/api/v1/dashboard')).body;
  const top = dash.ranking.commune.items[0];
  const whole = (await api.get('/api/v1/ranking?peer_group=commune')).body;
  const page = await login(browser, server.base, 'lanhdao');
  await page.goto(`${server.base}/#/dashboard`);
  // Scores always with two decimals (R12 rounds to 0,01).
  const score = top.score.toFixed(2).replace('.', ',');
  await page.getByRole('link', { name: top.unit_name, exact: true }).first().click();
  const words = page.getByTestId(`rank-words-${top.unit_id}`);
  await words.waitFor();
  const c = top.components;
  const text = await words.innerText();
  assert.ok(text.startsWith(`Hạng ${top.rank}, điểm ${score}: `), text);
  assert.ok(text.includes(`báo cáo đúng hạn ${c.timeliness.numerator}/${c.timeliness.denominator}`), text);
  assert.ok(text.includes(`hoàn thành đúng hạn / đến hạn ${c.completion.numerator}/${c.completion.denominator}`), text);
  assert.doesNotMatch(text, /\d\.\d/, 'decimal commas only');
  // The whole group, not its ends.
  await page.getByText(`${whole.items.length} đơn vị`, { exact: false }).waitFor();
  assert.ok(whole.items.length > 10);
  // The score stays in sight beside the words.
  const box = await page.getByRole('columnheader', { name: 'Điểm' }).boundingBox();
  assert.ok(box && box.x + box.width <= 1366, 'the score column is on the screen');
  await page.screenshot({ path: `${SHOTS}/ranking-1366.png`, fullPage: false });
  await page.context().close();
});

test('390 px: the standing agency publishes October; the commune reads its own place in it', async () => {
  const page = await login(browser, server.base, 'skhcn', { width: 390, height: 844 });
  await page.goto(`${server.base}/#/xep-hang?peer_group=commune`);
  await page.getByText('Bảng xếp hạng đã công bố', { exact: true }).waitFor();
  // The picker offers the month before today's by default; the tests' server lives on 24/11/2026: choose 10/2026.
  const picker = page.getByLabel('Tháng công bố');
  await picker.click();
  await picker.fill('10/2026');
  await picker.press('Enter');
  await page.getByRole('button', { name: 'Công bố xếp hạng tháng này' }).click();
  const row = page.getByRole('link', { name: 'tháng 10/2026' });
  await row.waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
  const header = await page.getByRole('columnheader', { name: 'Điểm' }).first().boundingBox();
  assert.ok(header && header.x + header.width <= 390, 'the score column is on the phone\'s screen');
  await page.screenshot({ path: `${SHOTS}/publish-390.png`, fullPage: true });
  await row.click();
  await page.getByText('Số liệu đến hết ngày', { exact: true }).waitFor();
  await page.getByText('31/10/2026', { exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/published-390.png`, fullPage: true });
  const id = page.url().split('/').pop();
  await page.context().close();

  const focal = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await focal.goto(`${server.base}/#/xep-hang/${id}`);
  await focal.getByText('Đơn vị xem được vị trí của mình', { exact: false }).waitFor();
  assert.equal(await focal.locator('.ant-table-tbody tr.ant-table-row').count(), 1, 'only its own row');
  await focal.screenshot({ path: `${SHOTS}/published-commune-390.png`, fullPage: true });
  await focal.context().close();
});
