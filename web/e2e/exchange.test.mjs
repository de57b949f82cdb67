// Exchange with upstream systems (issue 18) in Chromium: the standing agency opens it from Văn bản; on a 390 px
// phone the admin reads a program's roll-up per upstream task, prepares November's list for pakn.nq57.vn, opens
// an item and marks it entered upstream (day and reference); nothing scrolls sideways. Screenshots in /tmp/exchange-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client, ok, directiveByNumber } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/exchange-shots';
const PHONE = { width: 390, height: 844 };
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);
let server, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB, args: ['--scheduler-seconds', '0'] });
  browser = await launch();
  // An upstream program of two tasks (invented), one city task implementing the first.
  const admin = await client(server, 'admin');
  const program = await ok(admin.post('/api/v1/directives', { number: '97-CTr/THU', kind: 'program', title: 'Chương trình thử (giả định)', issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'program');
  const up = await ok(admin.call('POST', `/api/v1/directives/${program.id}/imports?filename=p.csv&upstream=nq57`,
    'TT,Mã nq57,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,NQ57-E2E-01,Việc cấp trên một,Các tỉnh,12/2026\n2,NQ57-E2E-02,Việc cấp trên hai,Các tỉnh,12/2026\n'), 'import');
  await ok(admin.post(`/api/v1/imports/${up.id}/confirm`), 'confirm');
  const upstream = (await ok(admin.get(`/api/v1/tasks?directive_id=${program.id}`), 'tasks')).items;
  const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  const [city] = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=1`), 'city')).items;
  await ok(admin.put(`/api/v1/tasks/${city.id}/upstream-links`, { upstream_task_ids: [upstream[0].id] }), 'link');
});
after(async () => { await browser?.close(); await server?.stop(); });

test('the standing agency finds it as a tab of Văn bản', async () => {
  const page = await login(browser, server.base, 'skhcn');
  await page.goto(server.base + '/#/documents');
  await page.getByText('Lưu phần viết').waitFor();
  await page.getByRole('tab', { name: 'Trao đổi với cấp trên' }).click();
  await page.getByText('NQ57-E2E-01').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Tải Excel' }).isVisible());
  assert.equal(await page.getByTestId('prepare').count(), 0, 'only the admin prepares');
  await page.context().close();
});

test('the admin on a phone: the roll-up, November prepared for pakn.nq57.vn, an item marked entered', async () => {
  const page = await login(browser, server.base, 'admin', PHONE);
  await page.goto(server.base + '/#/trao-doi');
  await page.getByText('NQ57-E2E-01').waitFor();
  assert.match(await page.getByTestId('rollup-summary').innerText(), /1\/2/);
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Hệ thống ngoài' }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Nền tảng tiếp nhận phản ánh, kiến nghị pakn.nq57.vn"]').click();
  const month = page.getByLabel('Tháng', { exact: true });
  await month.click();
  await month.fill('11/2026');
  await month.press('Enter');
  await page.getByTestId('prepare').click();
  await page.getByText(/^Đã chuẩn bị \d+ mục/).waitFor();
  const rows = page.locator('[data-testid="outbox"] tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.ok(await rows.count() > 0);
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await page.getByLabel('Ngày nhập lên hệ thống cấp trên').fill('24/11/2026');
  await page.getByLabel('Ngày nhập lên hệ thống cấp trên').press('Enter');
  await page.getByLabel('Số tham chiếu').fill('PAKN-E2E-1');
  await page.getByRole('button', { name: 'Ghi nhận đã nhập' }).click();
  await rows.first().getByText('Đã gửi/đã nhập').waitFor();
  const marked = (await ok((await client(server, 'admin')).get('/api/v1/outbox?system=pakn.nq57.vn&state=sent'), 'sent')).items;
  assert.deepEqual(marked.map((i) => [i.entered_on, i.external_ref, i.period]), [['2026-11-24', 'PAKN-E2E-1', '2026-11']]);
  assert.ok(await noSideScroll(page, PHONE.width));
  await page.screenshot({ path: `${SHOTS}/exchange-390.png`, fullPage: true });
});
