// Refreshes docs/screenshots/: the main pages at desktop and phone width, on the demo data.
//   cd web && node e2e/screenshots.mjs      (make screenshots)
import { startServer } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const server = await startServer({ webRoot: new URL('../dist', import.meta.url).pathname });
const browser = await launch();
const shots = [
  ['lanhdao', 'dashboard', '', 'Tỷ lệ cập nhật'],
  ['haian', 'inbox', '#/inbox', 'Báo cáo của đơn vị'],
  ['skhcn', 'review', '#/review', 'Tình hình nhận báo cáo'],
  ['lanhdao', 'assignments-overdue', '#/assignments?status=overdue', 'dòng'],
  ['lanhdao', 'assignments-by-leader', '#/assignments?group=directing_leader', 'Lãnh đạo chỉ đạo'],
  ['lanhdao', 'ranking', '#/xep-hang', 'Bảng xếp hạng'],
  ['skhcn', 'st-tasks', '#/nhiem-vu-khcn', 'Nhiệm vụ KH&CN'],
  ['skhcn', 'feedback', '#/phan-anh', 'Phản ánh'],
];
try {
  for (const [width, suffix] of [[1366, 'desktop'], [360, 'phone']]) {
    for (const [user, name, hash, text] of shots) {
      const page = await login(browser, server.base, user, { width, height: width > 400 ? 900 : 740 });
      if (hash) await page.goto(server.base + '/' + hash);
      await page.getByText(text).first().waitFor();
      // The figures, not the spinner: a table's loading wheel has gone.
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 20000 });
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${OUT}${name}-${suffix}.png` });
      await page.context().close();
    }
    const viewport = { width, height: width > 400 ? 900 : 740 };
    const first = await (await browser.newContext({ viewport, locale: 'vi-VN' })).newPage();
    await first.goto(server.base + '/');
    await first.getByLabel('Mật khẩu', { exact: true }).waitFor();
    await first.screenshot({ path: `${OUT}login-${suffix}.png` });
    await first.context().close();
    const admin = await login(browser, server.base, 'admin', viewport);
    await admin.goto(server.base + '/#/admin');
    // A phone chooses the area from a list, a desktop from the tabs.
    if (width > 400) await admin.getByRole('tab', { name: 'Đơn vị' }).click();
    else {
      await admin.getByTestId('admin-areas').click();
      await admin.locator('.ant-select-dropdown:visible').getByText('Đơn vị', { exact: true }).click();
    }
    await admin.getByLabel('Tìm đơn vị').fill('le chan');
    await admin.getByText('Phường Lê Chân').first().waitFor();
    await admin.getByLabel('Tìm đơn vị').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${OUT}admin-units-${suffix}.png` });
    await admin.context().close();
    const page = await login(browser, server.base, 'haian', viewport);
    const row = page.getByTestId('due-report').filter({ hasText: 'Kế hoạch 27/QĐ-BCĐ — tháng 11/2026' });
    await row.getByRole('button').click();
    await page.getByTestId('report-state').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}report-form-${suffix}.png` });
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
