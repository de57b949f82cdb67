// Issue 14, "English mode is complete": what the server writes in words (notifications, the reasons of the risk
// list) reads in English once the reader chooses EN, on a phone as at a desk; Vietnamese stays the default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.TIENDO_SHOTS;
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('a focal point reads the bell in English on a phone, a leader the risks\' reasons', async () => {
  // A report sent by the focal point notifies the unit head, in both languages.
  const haian = await client(server, 'haian');
  const plans = (await haian.get('/api/v1/directives?limit=100')).body.items;
  const plan = plans.find((d) => d.number === '27/QĐ-BCĐ');
  const report = (await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' })).body;
  assert.equal((await haian.post(`/api/v1/reports/${report.id}/submit`)).status, 200);
  const bell = (await (await client(server, 'haian.truong')).get('/api/v1/notifications')).body.items;
  const sent = bell.find((n) => n.kind === 'report_submitted');

  const head = await login(browser, server.base, 'haian.truong', { width: 390, height: 844 });
  await head.goto(server.base + '/#/notifications');
  await head.getByText(sent.title).waitFor();
  await head.getByText('EN', { exact: true }).click();
  await head.getByText(sent.title_en).waitFor();
  assert.equal(await head.getByText(sent.title, { exact: true }).count(), 0, 'the Vietnamese title is gone in English');
  await head.getByText(sent.body_en).waitFor();
  if (SHOTS) await head.screenshot({ path: `${SHOTS}/notifications-en-390.png`, fullPage: true });

  const risks = (await (await client(server, 'lanhdao')).get('/api/v1/risks')).body.items;
  assert.ok(risks.length > 0);
  const leader = await login(browser, server.base, 'lanhdao');
  await leader.getByText('EN', { exact: true }).click();
  const section = leader.getByTestId('risks');
  await section.getByText(risks[0].reason_en, { exact: false }).first().waitFor();
  assert.equal(await section.getByText(risks[0].reason, { exact: false }).count(), 0);
  if (SHOTS) await leader.screenshot({ path: `${SHOTS}/risks-en.png`, fullPage: true });
});
