// Issue 14, item 11, in the browser: the standing agency's queue holds only what it can act on (the reports
// still with their unit head counted apart), accepts several at once with a comment and says how each went;
// escalations come grouped by task; a unit head delegates approval and the deputy's approval reads "KT.".
// Screenshots in /tmp/review-shots (or $SHOTS) at 1366 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client, directiveByNumber } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/review-shots';
let server, browser, plan;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
  plan = await directiveByNumber(await client(server, 'skhcn'), '27/QĐ-BCĐ');
});
after(async () => { await browser?.close(); await server?.stop(); });

async function sent(username, period) {
  const c = await client(server, username);
  const r = await c.post('/api/v1/reports', { directive_id: plan.id, period });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await c.post(`/api/v1/reports/${r.body.id}/submit`)).status, 200);
  return r.body.id;
}

test('the queue: only what the agency can act on, several accepted at once, escalations by task', async () => {
  const haian = await sent('haian', '2026-11');
  await sent('lechan', '2026-11');  // still with its unit head: counted apart
  assert.equal((await (await client(server, 'haian.truong')).post(`/api/v1/reports/${haian}/approve`, { comment: 'Đồng ý' })).status, 200);
  const agency = await login(browser, server.base, 'skhcn');
  const queue = agency.getByTestId('queue');
  await queue.waitFor();
  assert.match(await agency.getByTestId('with-head').textContent(), /chờ lãnh đạo đơn vị phê duyệt/);
  for (const state of await queue.getByRole('row').locator('.ant-tag').allTextContents())
    assert.equal(state, 'Lãnh đạo đơn vị đã duyệt', 'only what the agency can act on');
  await queue.getByLabel('Tìm đơn vị').fill('hai an');
  const row = queue.getByRole('row', { name: /Phường Hải An/ });
  await row.waitFor();
  const escalations = agency.getByTestId('escalations');
  await escalations.waitFor();
  assert.match(await escalations.locator('.ant-card-head-title').textContent(), /kiến nghị, \d+ nhiệm vụ/);
  await agency.screenshot({ path: `${SHOTS}/review-1366.png`, fullPage: true });

  await row.getByRole('checkbox').check();
  await queue.getByLabel('Ý kiến khi tiếp nhận (không bắt buộc)').fill('Đã tổng hợp vào báo cáo tháng');
  await queue.getByRole('button', { name: /^Tiếp nhận \(1\)$/ }).click();
  await agency.getByTestId('batch-outcome').waitFor();
  assert.match(await agency.getByTestId('batch-outcome').textContent(), /Đã xử lý 1; không xử lý được 0/);
  await row.waitFor({ state: 'detached' });

  await agency.goto(`${server.base}/#/report/${haian}`);
  const reviews = agency.getByTestId('reviews');
  await reviews.waitFor();
  assert.match(await reviews.textContent(), /Đồng ý/);
  assert.match(await reviews.textContent(), /Đã tổng hợp vào báo cáo tháng/);

  const phone = await login(browser, server.base, 'skhcn', { width: 390, height: 844 });
  await phone.getByTestId('queue').waitFor();
  assert.ok(await phone.evaluate(() => document.scrollingElement.scrollWidth <= 390));
  await phone.screenshot({ path: `${SHOTS}/review-390.png` });
});

test('a unit head delegates approval; the deputy approves and the report reads KT.', async () => {
  const head = await login(browser, server.base, 'haian.truong');
  const card = head.getByTestId('delegations');
  await card.waitFor();
  await card.getByRole('combobox', { name: 'Người được ủy quyền' }).click();
  await head.locator('.ant-select-item-option', { hasText: 'Cán bộ theo dõi' }).click();
  await card.getByLabel('Từ ngày').fill('24/11/2026');
  await card.getByLabel('Từ ngày').press('Enter');
  await card.getByLabel('Đến ngày').fill('30/11/2026');
  await card.getByLabel('Đến ngày').press('Enter');
  await card.getByRole('button', { name: 'Ủy quyền' }).click();
  await card.getByText('Đang hiệu lực').waitFor();
  await head.screenshot({ path: `${SHOTS}/delegation-1366.png`, fullPage: true });

  const report = await sent('haian', '2026-12');
  const deputy = await login(browser, server.base, 'xem', { width: 390, height: 844 });
  await deputy.goto(`${server.base}/#/report/${report}`);
  await deputy.getByRole('button', { name: 'Phê duyệt' }).click();
  await deputy.getByTestId('report-state').filter({ hasText: 'Lãnh đạo đơn vị đã duyệt' }).waitFor();
  const signed = deputy.getByTestId('signed-for');
  await signed.waitFor();
  assert.match(await signed.textContent(), /^KT\. Cao Huy Hiếu.* — Cán bộ theo dõi/);
  await deputy.screenshot({ path: `${SHOTS}/deputy-approved-390.png` });
});
