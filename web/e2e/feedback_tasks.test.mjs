// Issue 15, item 2 in Chromium: a commune's focal point on a 390 px phone links a feedback item to the plan's task
// it concerns, by typing part of the task's name; the city's leader opens the task's assignment and sees it there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.TIENDO_SHOTS;
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB, args: ['--scheduler-seconds', '0'] });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('a focal point links an item to its task on a phone; the leader sees it on the task', async () => {
  const api = await client(server, 'haian');
  const haian = await unitByCode(api, 'P-HAIAN');
  const a = (await api.get(`/api/v1/assignments?unit_id=${haian.id}&limit=1`)).body.items[0];
  const item = (await api.post('/api/v1/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Hồ sơ trực tuyến bị trả lại',
    text: 'Đề nghị hướng dẫn nộp hồ sơ trực tuyến', sender_type: 'nguoi_dan', name: 'Trần Văn Bình', contact: '0907 300 001',
    consent: true, channel: 'phone' })).body;

  const phone = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await phone.goto(`${server.base}/#/phan-anh/${item.id}`);
  const card = phone.locator(`[data-testid="feedback-item"][data-code="${item.code}"]`);
  await card.waitFor();
  await card.getByRole('combobox', { name: 'Liên kết với nhiệm vụ (gõ tên hoặc mã)' }).click();
  await phone.keyboard.type(a.task_name.split(' ').slice(0, 3).join(' '));
  await phone.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: a.task_name }).first().click();
  await card.getByTestId('task-links').getByText(`${a.task_code}. ${a.task_name}`, { exact: false }).waitFor();
  assert.ok(await phone.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'no sideways scroll');
  if (SHOTS) await phone.screenshot({ path: `${SHOTS}/feedback-task-link-390.png`, fullPage: true });

  const leader = await login(browser, server.base, 'lanhdao');
  await leader.goto(`${server.base}/#/assignment/${a.id}`);
  const box = leader.getByTestId('task-feedback');
  await box.getByText(item.code).waitFor();
  await box.getByText(item.code).click();
  await leader.waitForURL(new RegExp(`#/phan-anh/${item.id}$`));
});
