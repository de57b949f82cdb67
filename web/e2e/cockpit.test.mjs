// Issue 14, items 7 and 10, in Chromium at 1366 and 390 px: the breakdown by unit (worst first, its sum the
// dashboard's, a cell opening exactly its rows under a title naming the filters), the warning list's full
// length, the Excel downloads named by plan and date, and the dashboard printed on A4 with no blank page and no
// column cut off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/cockpit-shots';
mkdirSync(SHOTS, { recursive: true });
let server, browser, api;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
  api = await client(server, 'lanhdao');
});
after(async () => { await browser?.close(); await server?.stop(); });

for (const width of [1366, 390]) {
  test(`${width} px: who and where — the breakdown by unit opens the rows behind a cell`, async () => {
    const units = (await api.get('/api/v1/dashboard/units')).body;
    const dash = (await api.get('/api/v1/dashboard')).body;
    const page = await login(browser, server.base, 'lanhdao', { width, height: width > 500 ? 900 : 844 });
    await page.goto(`${server.base}/#/dashboard`);
    const card = page.getByTestId('unit-breakdown');
    await card.getByTestId('sum-overdue').waitFor();
    assert.equal(Number(await card.getByTestId('sum-overdue').innerText()), dash.assignments.by_status.overdue);
    const worst = units.items[0];
    const first = card.locator('.ant-table-tbody tr.ant-table-row').first();
    assert.match(await first.innerText(), new RegExp(worst.unit_name));
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/breakdown-${width}.png`, fullPage: false });
    // The communes alone, then back; the table is a plain table of figures on demand.
    await card.getByText('UBND cấp xã', { exact: true }).click();
    await card.getByText('Theo đơn vị — UBND cấp xã').waitFor();
    await card.getByText('Tất cả', { exact: true }).click();
    await card.getByTestId(`cell-${worst.unit_id}-overdue`).click();
    await page.getByTestId('list-title').getByText(`Nhiệm vụ — Quá hạn — ${worst.unit_name}`).waitFor();
    await page.getByTestId('assignments-total').getByText(`${worst.by_status.overdue} dòng`).waitFor();
    await page.screenshot({ path: `${SHOTS}/list-${width}.png`, fullPage: false });
    // Its Excel file: exactly that list, named by the plan and the date.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assignments-xlsx').click()]);
    assert.match(download.suggestedFilename(), /^Danh sách nhiệm vụ - Tất cả kế hoạch - đến \d\d-\d\d-\d{4}\.xlsx$/);
    await page.context().close();
  });
}

test('1366 px: the whole warning list is one click away, in order, with its filters in the title', async () => {
  const dash = (await api.get('/api/v1/dashboard')).body;
  const page = await login(browser, server.base, 'lanhdao');
  await page.goto(`${server.base}/#/dashboard`);
  const warnings = page.getByTestId('warnings');
  await warnings.getByText(`(${dash.warnings.items.length}/${dash.warnings.total})`, { exact: false }).waitFor();
  await warnings.getByTestId('warnings-all').click();
  await page.getByTestId('list-title').getByText('Nhiệm vụ — Cảnh báo').waitFor();
  await page.getByTestId('assignments-total').getByText(`${dash.warnings.total} dòng`).waitFor();
  const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
  assert.match(await firstRow.innerText(), new RegExp(dash.warnings.items[0].task_name.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.context().close();
});

test('1366 px: the list sorts by a column header and groups by directing leader; a group opens its rows', async () => {
  const page = await login(browser, server.base, 'lanhdao');
  await page.goto(`${server.base}/#/assignments?warning=true`);
  await page.getByTestId('assignments-total').filter({ hasText: 'dòng' }).waitFor();
  // Sorted by progress, largest first, by two clicks on its header: the server sorts the whole list.
  const header = page.locator('thead th.ant-table-column-has-sorters').filter({ hasText: 'Tiến độ' }).first();
  await header.click();
  await page.waitForURL(/sort=progress/);
  await header.click();
  await page.waitForURL(/sort=-progress/);
  const sorted = (await api.get('/api/v1/assignments?warning=true&sort=-progress&limit=1')).body.items[0];
  const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await first.filter({ hasText: sorted.unit_name }).waitFor();
  // Grouped by directing leader: worst first, the counts the API gives.
  await page.getByTestId('group-by').click();
  await page.getByTitle('Nhóm theo lãnh đạo chỉ đạo').click();
  const groups = (await api.get('/api/v1/assignment-groups?warning=true&by=directing_leader')).body;
  const table = page.getByTestId('assignment-groups');
  await page.getByTestId('list-title').getByText('Nhiệm vụ — Cảnh báo — theo lãnh đạo chỉ đạo').waitFor();
  await page.getByTestId('assignments-total').getByText(`${groups.total} nhóm, ${groups.sum.listed} dòng`).waitFor();
  const top = groups.items.find((g) => g.filter.value);
  const row = table.locator('tr.ant-table-row').filter({ hasText: top.label }).first();
  assert.match(await row.innerText(), new RegExp(`\\b${top.warnings}\\b`));
  await page.screenshot({ path: `${SHOTS}/groups-1366.png` });
  await row.getByRole('link', { name: top.label }).click();
  await page.getByTestId('list-title').getByText(`Nhiệm vụ — Cảnh báo — ${top.label}`).waitFor();
  await page.getByTestId('assignments-total').getByText(`${top.listed} dòng`).waitFor();
  await page.context().close();
});

test('390 px: "Nhắc" on an overdue warning shows the message first, then sends it', async () => {
  const dash = (await api.get('/api/v1/dashboard')).body;
  const overdue = dash.warnings.items.find((w) => w.status === 'overdue');
  const page = await login(browser, server.base, 'lanhdao', { width: 390, height: 844 });
  await page.goto(`${server.base}/#/dashboard`);
  const row = page.getByTestId('warnings').locator('tr.ant-table-row').filter({ hasText: overdue.unit_name }).first();
  await row.getByTestId('nudge').click();
  const preview = page.getByTestId('nudge-preview');
  await preview.getByText(`đã quá hạn ${overdue.overdue_days} ngày`, { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/nudge-390.png` });
  assert.match(page.url(), /#\/dashboard/, 'the button does not open the row');
  await page.getByRole('button', { name: 'Gửi nhắc' }).click();
  await page.getByText('Đã nhắc 1 đơn vị', { exact: false }).waitFor();
  await page.context().close();
});

test('the dashboard prints on A4: every page has text, no table is wider than the page', async () => {
  const page = await login(browser, server.base, 'lanhdao', { width: 1366, height: 900 });
  await page.goto(`${server.base}/#/dashboard`);
  await page.getByTestId('unit-breakdown').getByTestId('sum-overdue').waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 718, height: 1000 });  // A4 less its margins, at 96 dpi
  await page.screenshot({ path: `${SHOTS}/print-718.png`, fullPage: true });
  const overflow = await page.evaluate(() => [...document.querySelectorAll('.ant-table table')]
    .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((t) => `${t.closest('.ant-card')?.querySelector('.ant-card-head-title')?.textContent}: ${Math.round(t.getBoundingClientRect().right)} px`));
  assert.deepEqual(overflow, [], 'a table runs past the page');
  assert.equal(await page.locator('.ant-layout-header').isVisible(), false);
  const file = `${SHOTS}/dashboard.pdf`;
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  assert.ok(pages >= 1 && pages < 30, `${pages} pages`);
  for (let i = 1; i <= pages; ++i) {
    const text = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' });
    assert.ok(text.trim().length > 20, `page ${i} of ${pages} is blank`);
  }
  await page.context().close();
});
