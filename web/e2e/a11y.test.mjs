// Accessibility bar of issue 14: the main pages (login, my work, the report form, review, dashboard, the
// drill-down list) pass axe-core (WCAG 2.1 A and AA rules) with no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startServer } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function serious(page) {
  // Evaluated through the debugging protocol: the page's own Content-Security-Policy (rightly) refuses an
  // injected <script>, and axe must test the page as served.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  // antd's table measures column widths in a hidden row of empty cells: not content a user reaches.
  const result = await page.evaluate(() => window.axe.run({ include: [document], exclude: [['.ant-table-measure-row']] }, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('login page', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  await page.getByLabel('Tên đăng nhập').waitFor();
  assert.deepEqual(await serious(page), []);
});

test('my work and the report form', async () => {
  const page = await login(browser, server.base, 'haian');
  await page.getByTestId('due-report').first().waitFor();
  assert.deepEqual(await serious(page), [], 'my work');
  await page.getByTestId('due-report').filter({ hasText: 'Kế hoạch 27/QĐ-BCĐ — tháng 11/2026' }).getByRole('button').click();
  await page.getByTestId('item-card').first().waitFor();
  assert.deepEqual(await serious(page), [], 'report form');
});

test('review queue', async () => {
  const page = await login(browser, server.base, 'skhcn');
  await page.getByTestId('queue').waitFor();
  await page.getByTestId('escalations').waitFor();
  assert.deepEqual(await serious(page), []);
});

test('dashboard and the drill-down list', async () => {
  const page = await login(browser, server.base, 'lanhdao');
  const card = page.getByTestId('status-overdue');
  await card.waitFor();
  assert.deepEqual(await serious(page), [], 'dashboard');
  await card.click();
  await page.getByTestId('assignments-total').filter({ hasText: 'dòng' }).waitFor();
  assert.deepEqual(await serious(page), [], 'drill-down list');
});

test('the exchange page with its forms open (issue 18)', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/trao-doi');
  await page.getByTestId('template-form').waitFor();
  await page.getByRole('button', { name: 'Thêm đăng ký' }).click();
  await page.getByTestId('subscribe-form').waitFor();
  assert.deepEqual(await serious(page), []);
});
