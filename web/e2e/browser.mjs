// Debian's Chromium driven by playwright-core: headless, sandbox off (tests run as root in CI), and no
// background networking (this machine's network is closed).
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function login(browser, base, username, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('HaiPhong#Ke-hoach-57');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('whoami').waitFor();
  return page;
}
