// The standing agency's documents page: the synthesis report with its figures and a saved narrative, a
// .docx download, a plan imported from a CSV file through the preview, and the register of issued documents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test('the standing agency writes the synthesis report, downloads it, and imports a plan', async () => {
  const page = await login(browser, server.base, 'skhcn');
  await page.goto(`${server.base}/#/documents`);
  await page.getByText('Đơn vị đã gửi báo cáo').first().waitFor();
  const box = page.getByLabel('Đánh giá chung');
  await box.fill('Tháng 11, các đơn vị cơ bản hoàn thành báo cáo.');
  await page.getByRole('button', { name: 'Lưu phần viết' }).click();
  await page.getByText('Đã lưu').waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('docx').click();
  assert.match((await download).suggestedFilename(), /^bao-cao-2026-11\.docx$/);
  const agency = await client(server, 'skhcn');
  const plan = (await agency.get('/api/v1/directives?q=27%2FQ%C4%90-BC%C4%90')).body.items[0];
  const saved = await agency.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`);
  assert.equal(saved.body.narrative.summary, 'Tháng 11, các đơn vị cơ bản hoàn thành báo cáo.');
  // The S&T tasks' figures the document's section I.3 carries, as the page shows them.
  const st = saved.body.st_tasks;
  assert.ok(st, 'the demo has S&T tasks');
  await page.getByText('Nhiệm vụ KH&CN theo dõi toàn trình').waitFor();
  await page.getByText(st.tracked.text, { exact: true }).waitFor();

  const created = await agency.post('/api/v1/directives', { number: '77/KH-UBND', kind: 'plan', title: 'Kế hoạch thử nhập', issued_on: '2026-01-02', has_plan: true, year: 2026 });
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-e2e-'));
  const csv = join(dir, 'ke-hoach.csv');
  writeFileSync(csv, '\ufeffTT;Tên nhiệm vụ;Chủ trì;Phối hợp;Thời hạn\n1;Triển khai bệnh án điện tử;Sở Y tế;Công an thành phố;Quý IV/2026\n2;Số hóa hồ sơ;Ban Quản lý dự án số;;12/2026\n');
  await page.getByRole('tab', { name: 'Nhập kế hoạch' }).click();
  await page.getByLabel('Nhập vào kế hoạch').first().click();
  await page.getByTitle('77/KH-UBND').click();
  await page.getByLabel('Tệp kế hoạch').setInputFiles(csv);
  await page.getByText('Ban Quản lý dự án số').first().waitFor();
  // Unmatched words block the confirmation until a person chooses.
  assert.equal(await page.getByTestId('confirm-import').isDisabled(), true);
  const chooser = page.locator('.ant-select-multiple').first();
  await chooser.click();
  await page.keyboard.type('Sở Khoa học');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="confirm-import"]')?.hasAttribute('disabled'));
  await page.getByTestId('confirm-import').click();
  await page.getByText(/Đã tạo 0 chỉ tiêu, 2 nhiệm vụ, 2 lượt giao/).waitFor();
  const tasks = (await agency.get(`/api/v1/tasks?directive_id=${created.body.id}`)).body;
  assert.equal(tasks.total, 2);
});

test('at 390 px the standing agency issues a document in the register and downloads the very file issued', async () => {
  const page = await login(browser, server.base, 'skhcn', { width: 390, height: 844 });
  await page.goto(`${server.base}/#/documents`);
  // On a phone the sections are a list, not a tab bar that would scroll sideways.
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Mục', exact: true }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Sổ văn bản đã ban hành"]').click();
  // The synthesis tab's form stays in the page with fields of the same names: each form names its fields apart,
  // so every label points at its own field (no id twice in the page), and the register's own form is meant.
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'ids used twice in the page');
  const form = page.locator('form#issue');
  await form.getByLabel('Số văn bản').fill('321/BC-SKHCN');
  await form.getByLabel('Ngày ban hành (YYYY-MM-DD)').fill('2026-11-24');
  await form.getByLabel('Kế hoạch ban hành').first().click();
  await page.getByTitle('27/QĐ-BCĐ').last().click();
  await page.getByTestId('issue').click();
  await page.getByRole('cell', { name: '321/BC-SKHCN' }).waitFor();
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390),
    `the register scrolls sideways: ${await page.evaluate(() => document.scrollingElement.scrollWidth)} px`);
  const agency = await client(server, 'skhcn');
  const row = (await agency.get('/api/v1/issued-documents')).body.items.find((x) => x.number === '321/BC-SKHCN');
  const download = page.waitForEvent('download');
  await page.getByRole('row', { name: /321\/BC-SKHCN/ }).getByRole('button', { name: 'Tải về' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), row.filename);
  const bytes = readFileSync(await file.path());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), row.sha256);
});
