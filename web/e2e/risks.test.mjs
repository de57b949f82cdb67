// Issue 17: the dashboard's "Nguy cơ" section in Chromium — the at-risk list as the API gives it, the
// bottlenecks drilling down to their assignments, and one click from a risk to its assignment.
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

test('a leader sees the risks, drills into a bottleneck and opens an assignment', async () => {
  const api = await client(server, 'lanhdao');
  const r = (await api.get('/api/v1/risks')).body;
  assert.ok(r.items.length > 0);
  const leader = await login(browser, server.base, 'lanhdao');
  const section = leader.getByTestId('risks');
  await section.getByText(`Nguy cơ trễ hạn (${r.items.length})`).waitFor();
  await section.getByRole('tab', { name: 'Điểm nghẽn' }).click();
  const obstacle = r.bottlenecks.difficulties[0];
  await section.getByTestId('risk-difficulties').getByRole('row').filter({ hasText: obstacle.name }).first().waitFor();
  const top = r.bottlenecks.lead_unit[0];
  await section.getByRole('row').filter({ hasText: top.name }).first().click();
  // The list now holds the bottleneck's assignments only.
  await section.getByText('Bỏ lọc').waitFor();
  const first = r.items.find((i) => top.assignment_ids.includes(i.assignment_id));
  const row = section.getByRole('row').filter({ hasText: first.task_name }).first();
  await row.waitFor();
  await row.click();
  await leader.getByText('Lịch sử báo cáo').waitFor();
  const opened = Number(new URL(leader.url()).hash.split('/').pop());
  assert.ok(top.assignment_ids.includes(opened), `assignment ${opened} is one of the bottleneck's`);
});
