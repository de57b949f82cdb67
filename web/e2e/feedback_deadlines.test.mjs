// Issue 15, item 3 in Chromium: a leader sees on the dashboard the feedback answers overdue, by lead unit, and
// opens the inbox's warning list; a commune's focal point on a 390 px phone opens a reminder from the bell and
// lands on that one item, marked as due soon. Screenshots in $TIENDO_SHOTS when set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.TIENDO_SHOTS;
const ARGS = ['--scheduler-seconds', '0'];
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB, args: ARGS });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('overdue answers on the dashboard; a reminder opens its item on a phone', async () => {
  // A letter entered at Hải An's desk on 24/11/2026, its answer due 09/12; the server then reads 07/12.
  const focalApi = await client(server, 'haian');
  const item = (await focalApi.post('/api/v1/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Wi-Fi ở chợ Cột Đèn',
    text: 'Đề nghị lắp Wi-Fi công cộng', sender_type: 'nguoi_dan', name: 'Nguyễn Văn An', contact: '0907 200 001', consent: true,
    channel: 'letter' })).body;
  assert.ok(item.id, JSON.stringify(item));
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, webRoot: WEB, clock: '2026-12-07T03:00:00Z', args: ARGS });
  assert.equal((await (await client(server, 'admin')).post('/api/v1/reminders/run')).status, 200);

  const figures = (await (await client(server, 'lanhdao')).get('/api/v1/feedback-figures')).body;
  assert.ok(figures.total.overdue > 0, 'the demo has answers overdue');
  const leader = await login(browser, server.base, 'lanhdao');
  const card = leader.getByTestId('feedback-warnings');
  await card.getByText(`Phản ánh, kiến nghị quá hạn trả lời (${figures.total.overdue})`, { exact: false }).waitFor();
  const worst = figures.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue)[0];
  await card.getByText(worst.unit_name ?? 'Chưa giao đơn vị chủ trì').first().waitFor();
  if (SHOTS) await card.screenshot({ path: `${SHOTS}/feedback-warnings.png` });
  await card.getByText('Danh sách quá hạn hôm nay').click();
  await leader.waitForURL(/#\/phan-anh\?urgency=overdue/);
  const overdue = (await (await client(server, 'lanhdao')).get('/api/v1/feedback?urgency=overdue&limit=1000')).body;
  await leader.getByTestId('urgency').first().waitFor();
  assert.equal(await leader.getByTestId('feedback-item').count(), Math.min(overdue.total, 200));
  assert.equal(await leader.getByText('Sắp đến hạn trả lời', { exact: true }).count(), 0);

  const focal = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await focal.getByTestId('bell').click();
  await focal.getByText(`Kiến nghị ${item.code}: sắp đến hạn trả lời (09/12/2026)`).click();
  await focal.waitForURL(new RegExp(`#/phan-anh/${item.id}$`));
  await focal.getByTestId('all-feedback').waitFor();
  await focal.locator(`[data-testid="feedback-item"][data-code="${item.code}"]`).waitFor();
  assert.equal(await focal.getByTestId('feedback-item').count(), 1);
  await focal.getByTestId('urgency').getByText('Sắp đến hạn trả lời').waitFor();
  assert.ok(await focal.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'no sideways scroll');
  if (SHOTS) await focal.screenshot({ path: `${SHOTS}/feedback-reminder-390.png`, fullPage: true });
});
