// An S&T task that is also one of the plan's tasks (issue 16) in Chromium: Sở KH&CN links a task in execution to a
// Hải An assignment on the task's page (1366 px); the host files November's update; Hải An's focal point opens its
// November report, where that line's progress is read-only with where it came from, at 1366 px and on a 390 px
// phone. Screenshots in /tmp/st-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client, unitByCode, directiveByNumber } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/st-shots';
const PHONE = { width: 390, height: 844 };
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);
let server, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('a linked plan line shows the S&T task’s progress, read-only, in the unit’s report', async () => {
  const agency = await client(server, 'skhcn');
  const haian = await client(server, 'haian');
  const plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  const unit = await unitByCode(agency, 'P-HAIAN');
  const tasks = (await agency.get('/api/v1/st-tasks?limit=1000')).body.items;
  const vmu = await unitByCode(agency, 'VMU');
  const task = tasks.find((t) => t.stage === 'thuc_hien' && t.host_unit_id === vmu.id);
  const assignments = (await agency.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100`)).body.items;
  const a = assignments.find((x) => !['cancelled', 'paused', 'done_on_time', 'done_late'].includes(x.status));

  const page = await login(browser, server.base, 'skhcn');
  await page.goto(server.base + `/#/nhiem-vu-khcn/${task.id}`);
  await page.getByTestId('plan-link').waitFor();
  const search = page.getByTestId('plan-link-select').locator('input');
  await search.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
  await search.fill(`${a.task_code} — ${a.task_name} (${a.unit_name})`);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('plan-link-save').click();
  await page.getByText('Đang gắn').waitFor();
  await page.getByTestId('plan-unlink').waitFor();
  await page.screenshot({ path: `${SHOTS}/plan-link-1366.png`, fullPage: true });

  // The host's officer files November's update for the task; Hải An opens its November report.
  const host = await client(server, 'vmu');
  const up = await host.post(`/api/v1/st-tasks/${task.id}/updates`, { year: 2026, month: 11, progress_percent: 55 });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const report = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(report.status, 201, JSON.stringify(report.body));
  for (const [name, viewport] of [['1366', undefined], ['390', PHONE]]) {
    const p = await login(browser, server.base, 'haian', viewport);
    await p.goto(`${server.base}/#/report/${report.body.id}`);
    const derived = p.getByTestId('derived-progress');
    await derived.waitFor();
    const text = await derived.innerText();
    assert.match(text, /55 %/);
    assert.ok(text.includes(task.code), text);
    assert.match(text, /cập nhật ngày 24\/11\/2026/);
    assert.equal(await p.getByTestId('derived-progress').count(), 1);
    await derived.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/report-derived-${name}.png`, fullPage: false });
    if (viewport) assert.ok(await noSideScroll(p, PHONE.width));
  }
});
