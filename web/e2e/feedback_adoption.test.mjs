// Issue 15 in Chromium: on a 390 px phone a citizen opens the public list of plans, picks a task and sends an
// initiative about it; the standing agency accepts it, assigns a lead unit with a coordinating unit, and the lead
// unit proposes it for adoption; the standing agency adopts it into a plan task; the citizen's lookup shows it.
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

test('a citizen sends an initiative about a plan task on a phone; staff propose and adopt it', async () => {
  const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await citizen.goto(`${server.base}/#/gop-y`);
  await citizen.getByRole('tab', { name: 'Kế hoạch' }).click();
  const firstTask = citizen.getByTestId('public-plan-task').first();
  await firstTask.waitFor();
  const taskText = (await firstTask.locator('div').first().innerText()).trim();
  assert.ok(await citizen.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'plans: no sideways scroll');
  if (SHOTS) await citizen.screenshot({ path: `${SHOTS}/public-plans-390.png`, fullPage: false });
  await firstTask.getByRole('button', { name: 'Góp ý về nhiệm vụ này' }).click();

  // The form opens with the task chosen.
  await citizen.getByTestId('public-task').getByText(taskText, { exact: false }).waitFor();
  for (const [id, option] of [['kind', 'Sáng kiến'], ['field', 'Đổi mới sáng tạo']]) {
    await citizen.locator('.ant-select').filter({ has: citizen.locator(`input#${id}`) }).click();
    await citizen.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  }
  await citizen.getByLabel('Tiêu đề').fill('Ứng dụng bản đồ số cho chợ truyền thống');
  await citizen.getByLabel('Nội dung').fill('Đề xuất số hóa sơ đồ các chợ để người dân tra cứu gian hàng và giá');
  await citizen.getByLabel('Họ và tên').fill('Trần Thị Bình');
  await citizen.getByLabel('Số điện thoại hoặc thư điện tử').fill('0907 444 555');
  await citizen.getByText('Tôi đồng ý cho phép xử lý dữ liệu cá nhân nêu trên').click();
  await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
  const code = (await citizen.getByTestId('receipt-code').innerText()).trim();
  const link = (await citizen.getByTestId('receipt-link').innerText()).trim();

  const agency = await client(server, 'skhcn');
  const raw = (await agency.get('/api/v1/feedback?state=received&limit=200')).body.items.find((i) => i.code === code);
  assert.equal(raw.kind, 'sang_kien');
  assert.equal(raw.tasks.length, 1, 'the chosen task is linked');
  assert.ok(taskText.includes(raw.tasks[0].task_name));
  const haian = await unitByCode(agency, 'P-HAIAN');
  const lechan = await unitByCode(agency, 'P-LECHAN');
  const acc = (await agency.post(`/api/v1/feedback/${raw.id}/classify`, { version: raw.version, outcome: 'accepted' })).body;

  // The standing agency assigns the lead unit and a coordinating unit in the inbox (desktop).
  const desk = await login(browser, server.base, 'skhcn');
  await desk.goto(`${server.base}/#/phan-anh/${acc.id}`);
  const card = desk.locator(`[data-testid="feedback-item"][data-code="${code}"]`);
  await card.waitFor();
  await card.getByRole('combobox', { name: 'Đơn vị chủ trì' }).click();
  await desk.keyboard.type(haian.name);
  await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: haian.name }).first().click();
  await card.getByRole('combobox', { name: 'Đơn vị phối hợp' }).click();
  await desk.keyboard.type(lechan.name);
  await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: lechan.name }).first().click();
  await desk.keyboard.press('Escape');
  await card.getByTestId('assign').click();
  await card.getByTestId('coordinators').getByText(lechan.name).waitFor();

  // The lead unit's officer proposes it on a phone.
  const focal = await login(browser, server.base, 'haian', { width: 390, height: 844 });
  await focal.goto(`${server.base}/#/phan-anh/${acc.id}`);
  const fcard = focal.locator(`[data-testid="feedback-item"][data-code="${code}"]`);
  await fcard.getByLabel('Lý do đề xuất áp dụng').fill('Chi phí thấp, làm được ngay');
  await fcard.getByTestId('adoption-propose').click();
  await fcard.getByTestId('adoption').filter({ hasText: 'Đề xuất áp dụng' }).first().waitFor();
  assert.equal(await fcard.getByTestId('adoption-branch').count(), 1, 'the step taken leaves no stale copy behind');
  assert.equal(await fcard.getByTestId('adoption-adopt').count(), 0, 'only the standing agency is offered the decision');
  assert.ok(await focal.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'inbox: no sideways scroll');
  if (SHOTS) await fcard.screenshot({ path: `${SHOTS}/feedback-adoption-proposed-390.png` });

  // The standing agency adopts it into a task, chosen by typing part of its name.
  const task = (await agency.get('/api/v1/tasks?limit=1')).body.items[0];
  await desk.reload();
  await card.getByRole('combobox', { name: 'Nhiệm vụ được áp dụng vào (gõ tên hoặc mã)' }).click();
  await desk.keyboard.type(task.name.split(' ').slice(0, 3).join(' '));
  await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: task.name }).first().click();
  await card.getByTestId('adoption-adopt').click();
  await card.getByTestId('adoption').filter({ hasText: 'Đã được áp dụng' }).first().waitFor();
  if (SHOTS) await card.screenshot({ path: `${SHOTS}/feedback-adoption-adopted.png` });

  // The citizen's link shows the decision.
  await citizen.goto(`${server.base}/${link.slice(link.indexOf('#'))}`);
  await citizen.getByTestId('public-adoption').getByText('Đã được áp dụng', { exact: false }).waitFor();
  assert.match(await citizen.getByTestId('public-adoption').innerText(), new RegExp(task.name.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});
