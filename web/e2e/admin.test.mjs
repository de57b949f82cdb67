// The administration forms send what the server would decide by itself only when the user chooses it:
// a count target typed in the indicator form is a count (not a ratio), a commune added in the unit form
// is ranked with the communes (R12). Every choice reads in Vietnamese, and the dashboard's status cards
// stay within a 390 px phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
let server, browser, admin;
before(async () => {
  server = await startServer({ webRoot: WEB });
  browser = await launch();
  admin = await client(server, 'admin');
});
after(async () => { await browser?.close(); await server?.stop(); });

async function choose(page, select, search, title) {
  await select.click();
  if (search) await select.fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

test('a count target entered in the indicator form is saved as a count, its aggregation taken from its unit', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/admin');
  await page.getByRole('tab', { name: 'Chỉ tiêu' }).click();
  const form = page.locator('.ant-tabs-tabpane-active');
  await choose(page, form.getByLabel('Kế hoạch'), '', '27/QĐ-BCĐ');
  await form.getByLabel('Số thứ tự').fill('99');
  await form.getByLabel(/^Kết quả/).fill('150 sản phẩm');
  await form.getByLabel('Chỉ tiêu', { exact: true }).fill('Số sản phẩm số được đưa vào sử dụng');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('99. Số sản phẩm số được đưa vào sử dụng').waitFor();
  const list = await admin.get('/api/v1/indicators?limit=500');
  const saved = list.body.items.find((i) => i.code === '99');
  assert.equal(saved.target_text, '150 sản phẩm');
  assert.equal(saved.unit_of_measure, 'sản phẩm');
  assert.equal(saved.aggregation, 'cumulative');
  // A rate typed there is still a ratio of sums, by the same default.
  await choose(page, form.getByLabel('Kế hoạch'), '', '27/QĐ-BCĐ');
  await form.getByLabel('Số thứ tự').fill('98');
  await form.getByLabel(/^Kết quả/).fill('≥90%');
  await form.getByLabel('Chỉ tiêu', { exact: true }).fill('Tỷ lệ hồ sơ trực tuyến');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('98. Tỷ lệ hồ sơ trực tuyến').waitFor();
  const rate = (await admin.get('/api/v1/indicators?limit=500')).body.items.find((i) => i.code === '98');
  assert.equal(rate.aggregation, 'ratio_of_sums');
  await page.context().close();
});

test('a commune added in the unit form is compared with the communes; kinds read in Vietnamese', async () => {
  const page = await login(browser, server.base, 'admin');
  await page.goto(server.base + '/#/admin');
  await page.getByRole('tab', { name: 'Đơn vị' }).click();
  const tab = page.locator('.ant-tabs-tabpane-active');
  await tab.getByPlaceholder('Mã', { exact: true }).first().fill('X-MOI-2027');
  await tab.getByPlaceholder('Tên đơn vị').fill('Xã Mới Thành Lập');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id === null);
  await choose(page, tab.locator('input[aria-label="Đơn vị cấp trên"]'), root.name, root.name);
  await choose(page, tab.locator('.ant-select').filter({ has: page.locator('input[aria-label="Loại đơn vị"]') }), '', 'Xã');
  await tab.getByRole('button', { name: 'Lưu' }).first().click();
  await page.locator('.ant-message').getByText('Xã Mới Thành Lập').waitFor();
  const unit = (await admin.get('/api/v1/units?q=X-MOI-2027&limit=10')).body.items.find((u) => u.code === 'X-MOI-2027');
  assert.equal(unit.kind, 'commune');
  assert.equal(unit.peer_group, 'commune');
  const body = await tab.innerText();
  for (const word of ['special_zone', 'department', 'commune', 'office', 'city']) assert.doesNotMatch(body, new RegExp(`\\b${word}\\b`), `"${word}" on screen`);
  // The other tabs name roles, periods and ranking weights in Vietnamese too.
  const codes = /\b(standing_agency|directing_leader|leader|unit_head|focal_point|viewer|monthly|quarterly|timeliness|updates|completion|indicators)\b/;
  for (const name of ['Người dùng', 'Quy định báo cáo']) {
    await page.getByRole('tab', { name }).click();
    await page.waitForTimeout(700);
    const text = await page.locator('.ant-tabs-tabpane-active').innerText();
    assert.doesNotMatch(text, codes, `${name}: ${text.match(codes)?.[0]}`);
  }
  await page.context().close();
});

test('at 390 px the dashboard\'s status cards stay within the screen, and no table squeezes a text column', async () => {
  for (const user of ['skhcn', 'haian']) {
    const page = await login(browser, server.base, user, { width: 390, height: 844 });
    await page.goto(server.base + '/#/dashboard');
    await page.getByText('Tỷ lệ cập nhật').first().waitFor();
    await page.waitForTimeout(500);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${user}: the page is ${over}px wider than the phone`);
    await page.context().close();
  }
  const page = await login(browser, server.base, 'skhcn', { width: 390, height: 844 });
  await page.goto(server.base + '/#/review');
  await page.getByText('Đề nghị gia hạn').first().waitFor();
  await page.waitForTimeout(800);
  // A column of text a word wide makes a row a screen tall: tables scroll sideways instead.
  const narrow = await page.evaluate(() => [...document.querySelectorAll('td')]
    .filter((td) => td.innerText.trim().length > 12 && td.getBoundingClientRect().width > 0 && td.getBoundingClientRect().width < 80)
    .map((td) => `${Math.round(td.getBoundingClientRect().width)} px: ${td.innerText.slice(0, 40)}`));
  assert.deepEqual(narrow, []);
  await page.context().close();
});

test('at 390 px the unit list is a column of cards, found without diacritics; dates say dd/mm/yyyy in Vietnamese', async () => {
  const page = await login(browser, server.base, 'admin', { width: 390, height: 844 });
  await page.goto(server.base + '/#/admin');
  // On a phone the admin areas are a list the screen's width, not a tab bar.
  await page.getByTestId('admin-areas').click();
  await page.locator('.ant-select-dropdown:visible').getByText('Đơn vị', { exact: true }).click();
  const tab = page.locator('.ant-tabs-tabpane-active');
  await tab.getByTestId('unit-card').first().waitFor();
  assert.equal(await tab.locator('table').count(), 0, 'no unit table on a phone');
  await tab.getByLabel('Tìm đơn vị').fill('le chan');
  const card = tab.getByTestId('unit-card').filter({ hasText: 'Phường Lê Chân' });
  await card.waitFor();
  const box = await card.boundingBox();
  assert.ok(box.width >= 300, `the card is ${box.width}px wide`);
  await card.getByRole('button', { name: /Sáp nhập, chia tách/ }).click();
  await card.getByRole('button', { name: 'Sáp nhập, chia tách…' }).waitFor();
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'the page scrolls sideways');
  const date = tab.getByLabel('Hoạt động từ');
  assert.equal(await date.getAttribute('placeholder'), 'Hoạt động từ (dd/mm/yyyy)');
  await date.fill('01/07/2026');
  await date.press('Enter');
  assert.equal(await date.inputValue(), '01/07/2026');
  assert.doesNotMatch(await page.locator('body').innerHTML(), /Chọn thời điểm/);
  await page.context().close();

  // At desktop width the same list is a table; a date field left empty asks for a day as dd/mm/yyyy.
  const desk = await login(browser, server.base, 'admin', { width: 1280, height: 900 });
  await desk.goto(server.base + '/#/admin');
  await desk.getByRole('tab', { name: 'Đơn vị' }).click();
  await desk.locator('.ant-tabs-tabpane-active').getByLabel('Tìm đơn vị').fill('le chan');
  await desk.locator('.ant-tabs-tabpane-active table').getByText('Phường Lê Chân').first().waitFor();
  await desk.getByRole('tab', { name: 'Ngày nghỉ lễ' }).click();
  const holiday = desk.locator('.ant-tabs-tabpane-active').getByLabel('Ngày nghỉ');
  assert.equal(await holiday.getAttribute('placeholder'), 'Chọn ngày (dd/mm/yyyy)');
  assert.doesNotMatch(await desk.locator('body').innerHTML(), /Chọn thời điểm/);
  await desk.context().close();
});
