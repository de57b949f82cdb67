// The login page on a commune's line (issue 14): its first load is React and the page alone, sent compressed
// (≤ 200 KB of gzip JavaScript, no antd, no echarts); a field left empty or a wrong password is said in
// Vietnamese beside the form; the signed-in frame and the first page come as their own chunks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../tests/api/harness.mjs';
import { launch } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
let server, browser;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function fresh(width = 390) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

test('the login page\'s first load: ≤ 200 KB of gzip JavaScript, every file compressed, nothing missing', async () => {
  const page = await fresh();
  const answers = [];
  page.on('response', (r) => answers.push(r));
  await page.goto(server.base + '/');
  await page.getByLabel('Mật khẩu', { exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  const scripts = [];
  for (const r of answers) {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) continue;
    assert.equal(r.status(), 200, path);
    const h = await r.allHeaders();
    assert.equal(h['content-encoding'], 'gzip', path);
    if (path.endsWith('.js')) scripts.push({ path, bytes: Number(h['content-length']) });
  }
  const total = scripts.reduce((n, s) => n + s.bytes, 0);
  assert.ok(scripts.length >= 1);
  assert.ok(total <= 200 * 1024, `the login page fetched ${total} bytes of JavaScript: ${JSON.stringify(scripts)}`);
  // No antd on this page: its stylesheet-in-JS would have put ant- classes in the document.
  assert.equal(await page.locator('[class*="ant-"]').count(), 0);
  await page.context().close();
});

test('the login form names what is missing and shows a refused password, then signs in', async () => {
  const page = await fresh();
  await page.goto(server.base + '/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Nhập tên đăng nhập').waitFor();
  await page.getByText('Nhập mật khẩu').waitFor();
  assert.equal(await page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Tên đăng nhập').fill('haian');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-9');
  await page.getByRole('button', { name: 'Hiện' }).click();
  assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).getAttribute('type'), 'text');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /mật khẩu/i);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('HaiPhong#Ke-hoach-57');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('whoami').waitFor();
  await page.context().close();
});
