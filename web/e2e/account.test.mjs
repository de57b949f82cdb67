// Accounts in the browser: a password change from the user menu, "Quên mật khẩu?" with the e-mailed link
// opened at phone width, and an admin's account buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const NEW_PASSWORD = 'Cau-Rao-2#Lach-Tray';
let server, browser, smtp, maildir;
const smtpPort = 25000 + Math.floor(Math.random() * 5000);

before(async () => {
  maildir = join(mkdtempSync(join(tmpdir(), 'tiendo-mail-')), 'box');
  smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
    { stdio: 'ignore' });
  await sleep(800);
  server = await startServer({ webRoot: WEB, args: ['--scheduler-seconds', '0', '--smtp-host', '127.0.0.1', '--smtp-port', String(smtpPort),
    '--smtp-from', 'tiendo@haiphong.test', '--public-url', 'https://tiendo.haiphong.test'] });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); smtp?.kill(); });

async function mailTo(address) {
  for (let i = 0; i < 100; i++) {
    const dir = join(maildir, 'new');
    const found = existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).filter((m) => m.includes(`To: ${address}`)) : [];
    if (found.length) return Buffer.from(found[0].split('\n\n').slice(1).join('').replace(/\s/g, ''), 'base64').toString('utf8');
    await sleep(50);
  }
  throw new Error(`no mail to ${address}`);
}

async function logIn(page, username, password) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('a user changes their password from the user menu, and logs in with the new one', async () => {
  const page = await login(browser, server.base, 'haian');
  await page.getByTestId('whoami').click();
  await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
  await page.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-1');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Mật khẩu hiện tại không đúng.').waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill('HaiPhong#Ke-hoach-57');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('TienDo@2026-moi');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('TienDo@2026-moi');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Mật khẩu không được chứa tên sản phẩm (Tiến Độ).').waitFor();
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByTestId('password-changed').waitFor();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await logIn(page, 'haian', NEW_PASSWORD);
  await page.getByTestId('whoami').waitFor();
  await page.context().close();
});

test('quên mật khẩu at phone width: the e-mailed link opens the reset page, the new password logs in', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  await page.getByRole('button', { name: 'Quên mật khẩu?' }).click();
  await page.getByLabel('Tên đăng nhập hoặc e-mail').fill('skhcn');
  await page.getByRole('button', { name: 'Gửi liên kết' }).click();
  await page.getByTestId('forgot-sent').waitFor();
  const text = await mailTo('skhcn@demo.tiendo.vn');
  const link = /https:\/\/tiendo\.haiphong\.test(\/#\/dat-lai-mat-khau\?token=[0-9a-f]{64})/.exec(text);
  assert.ok(link, text);
  await page.goto(server.base + link[1]);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the reset page is ${width} px wide at 375`);
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await page.getByTestId('to-login').click();
  await logIn(page, 'skhcn', NEW_PASSWORD);
  await page.getByTestId('whoami').waitFor();
  // The link works once.
  await page.goto(server.base + link[1]);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Mot-loi-chuc-khac-99');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('Mot-loi-chuc-khac-99');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await page.getByText(/đã dùng hoặc đã hết hạn/).waitFor();
  await context.close();
});

test('an admin ends a user\'s sessions and deactivates the account from the Người dùng tab', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/admin');
  await page.getByRole('tab', { name: 'Người dùng' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'xem', exact: true }) });
  await row.getByRole('button', { name: 'Kết thúc phiên' }).click();
  await page.getByText(/Đã kết thúc phiên/).waitFor();
  await row.getByRole('button', { name: 'Khóa tài khoản' }).click();
  await page.getByRole('button', { name: 'Khóa', exact: true }).click();
  await row.getByText('Đã khóa').waitFor();
  await row.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
  await row.getByText('Hoạt động').waitFor();
  await page.context().close();
});
