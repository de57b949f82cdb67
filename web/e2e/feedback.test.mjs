// Feedback (issue 15) in Chromium: a citizen on a 390 px phone sends an item without logging in and gets a
// tracking code and a link; the standing agency classifies and assigns it, the ward's officer drafts the
// answer and writes the public version (moderation), its head approves it (published); the citizen opens the link on the phone, reads the answer and
// rates it once. Screenshots in /tmp/feedback-shots (or $SHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, client } from '../../tests/api/harness.mjs';
import { launch, login } from './browser.mjs';

const WEB = new URL('../dist', import.meta.url).pathname;
const SHOTS = process.env.SHOTS ?? '/tmp/feedback-shots';
let server, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ webRoot: WEB });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

const PHONE = { width: 390, height: 844 };
const noSideScroll = (page, width) => page.evaluate((w) => document.scrollingElement.scrollWidth <= w, width);

async function choose(page, select, search, title) {
  await select.click();
  if (search) await page.keyboard.type(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

async function phone() {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true, hasTouch: true });
  return context.newPage();
}

async function card(page, code) {
  const c = page.locator(`[data-testid="feedback-item"][data-code="${code}"]`);
  await c.waitFor();
  return c;
}

test('a citizen sends on a phone, staff classify, assign, answer, approve; the citizen reads and rates the answer', async () => {
  // The citizen, from the login page's link, no account.
  const citizen = await phone();
  await citizen.goto(server.base + '/');
  await citizen.getByTestId('public-feedback-link').click();
  await citizen.getByRole('button', { name: 'Gửi góp ý' }).waitFor();
  assert.ok(await noSideScroll(citizen, 390), 'the public form scrolls sideways');
  await choose(citizen, citizen.locator('.ant-select').filter({ has: citizen.locator('input#field') }), '', 'Chuyển đổi số');
  await citizen.getByLabel('Tiêu đề').fill('Wi-Fi công cộng ở chợ Hải An');
  await citizen.getByLabel('Nội dung').fill('Đề nghị lắp Wi-Fi miễn phí tại chợ để tiểu thương thanh toán không dùng tiền mặt.');
  await citizen.getByLabel('Họ và tên').fill('Trần Thị Bình');
  // Sending without consent is refused on the page, beside the box.
  await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
  await citizen.getByText('Cần nhập số điện thoại hoặc thư điện tử').or(citizen.getByText('Nhập số điện thoại hoặc thư điện tử')).first().waitFor();
  await citizen.getByLabel('Số điện thoại hoặc thư điện tử').fill('0987 654 321');
  await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
  await citizen.getByText('Cần đồng ý để gửi góp ý').waitFor();
  await citizen.getByText('Tôi đồng ý cho phép xử lý dữ liệu cá nhân nêu trên').click();
  const fontSize = await citizen.getByLabel('Tiêu đề').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(fontSize >= 16, `inputs are ${fontSize}px: phones would zoom`);
  await citizen.screenshot({ path: `${SHOTS}/form-390.png`, fullPage: true });
  await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
  await citizen.getByTestId('receipt').waitFor({ timeout: 8000 }).catch(async (e) => { await citizen.screenshot({ path: `${SHOTS}/fail.png`, fullPage: true }); throw e; });
  const code = (await citizen.getByTestId('receipt-code').textContent()).trim();
  assert.match(code, /^PA-[2-9A-Z]{8}$/);
  const link = (await citizen.getByTestId('receipt-link').textContent()).trim();
  assert.ok(link.includes(`ma=${code}`) && link.includes('&t='), link);
  await citizen.getByText('09/12/2026').waitFor();  // 15 days after 24/11/2026
  await citizen.screenshot({ path: `${SHOTS}/receipt-390.png`, fullPage: true });

  // The standing agency: classify (accepted) and assign the ward as lead unit; the contact is shown to it.
  const agency = await login(browser, server.base, 'skhcn');
  await agency.goto(server.base + '/#/phan-anh');
  let c = await card(agency, code);
  await c.getByText('0987 654 321').waitFor();
  await c.getByTestId('classify').click();
  await c.getByTestId('item-state').filter({ hasText: 'Đã thụ lý, chờ giao' }).waitFor();
  await choose(agency, c.locator('.ant-select').filter({ has: agency.locator('input[aria-label="Đơn vị chủ trì"]') }), 'Hải An', 'Phường Hải An');
  await c.getByTestId('assign').click();
  await c.getByTestId('item-state').filter({ hasText: 'Đang xử lý' }).waitFor();

  // The ward's officer drafts; approving is not theirs (the server says so on the card).
  const officer = await login(browser, server.base, 'haian');
  await officer.goto(server.base + '/#/phan-anh');
  c = await card(officer, code);
  await c.getByLabel('Nội dung trả lời').fill('Phường đã đưa chợ Hải An vào danh sách điểm Wi-Fi công cộng quý I/2027.');
  await c.getByLabel('Ghi chú nội bộ').fill('Chờ kinh phí từ Sở');
  await c.getByTestId('draft').click();
  await c.getByTestId('item-state').filter({ hasText: 'Chờ thủ trưởng duyệt' }).waitFor();
  await c.getByTestId('approve').click();
  await c.getByTestId('step-error').filter({ hasText: 'duyệt và công khai' }).waitFor();
  // The public version: not yet written, so the head could not approve; the officer writes it from the
  // received text and publishes the name the citizen gave.
  await c.getByTestId('not-moderated').waitFor();
  await c.getByLabel('Tiêu đề bản công khai').fill('Wi-Fi công cộng ở chợ Hải An');
  await c.getByLabel('Nội dung bản công khai').fill('Đề nghị lắp Wi-Fi miễn phí tại chợ Hải An để thanh toán không dùng tiền mặt.');
  await c.getByText('Công khai không kèm tên người gửi').click();
  await c.getByTestId('moderate').click();
  await c.getByText('Đã biên tập').waitFor();

  // The officer also enters a call received at the ward's desk: the ward is its receiving unit.
  await officer.getByText('Nhập phản ánh nhận qua thư, điện thoại, cuộc họp, một cửa, pakn.nq57.vn').click();
  const desk = officer.locator('.ant-collapse-content-active');
  await choose(officer, desk.locator('.ant-select').filter({ has: officer.locator('input#channel') }), '', 'Điện thoại');
  await choose(officer, desk.locator('.ant-select').filter({ has: officer.locator('input#field') }), '', 'Đề án 06');
  await desk.getByLabel('Tiêu đề').fill('Gọi điện hỏi về VNeID mức 2');
  await desk.getByLabel('Nội dung').fill('Bà gọi lúc 9 giờ hỏi vì sao tài khoản VNeID mức 2 chưa được kích hoạt.');
  await desk.getByLabel('Họ và tên').fill('Lê Thị Mai');
  await desk.getByLabel('Số điện thoại hoặc thư điện tử').fill('0225 384 2123');
  await desk.getByText('Người gửi đã đồng ý cho phép xử lý dữ liệu cá nhân').click();
  await desk.getByRole('button', { name: 'Nhập phản ánh' }).click();
  await desk.getByTestId('desk-receipt').waitFor();
  const deskCode = /PA-[2-9A-Z]{8}/.exec(await desk.getByTestId('desk-receipt').textContent())[0];
  await (await card(officer, deskCode)).getByTestId('classify').waitFor();

  // The ward's head approves: published. The figures table counts it answered on time.
  const head = await login(browser, server.base, 'haian.truong');
  await head.goto(server.base + '/#/phan-anh');
  c = await card(head, code);
  await c.getByTestId('approve').click();
  await c.getByTestId('item-state').filter({ hasText: 'Đã trả lời' }).waitFor();
  // The figures table shows the ward's R1 with the counts behind it, as the API counts them.
  const figures = (await (await client(server, 'haian.truong')).get('/api/v1/feedback-figures')).body;
  const ward = figures.units.find((u) => u.unit_name === 'Phường Hải An');
  await head.getByTestId('feedback-figures').locator('tr', { hasText: 'Phường Hải An' })
    .getByText(`(${ward.answered_on_time}/${ward.answered + ward.overdue})`).first().waitFor();
  await head.screenshot({ path: `${SHOTS}/inbox-1366.png`, fullPage: true });

  // The citizen opens the link on the phone: the answer, no internal note; rates once.
  await citizen.goto(link.replace(/^https?:\/\/[^/]+/, server.base));
  await citizen.getByTestId('lookup').waitFor();
  assert.equal((await citizen.getByTestId('public-status').textContent()).trim(), 'Đã trả lời');
  await citizen.getByTestId('answer').filter({ hasText: 'quý I/2027' }).waitFor();
  // The moderated version, not the received words; the name the staff chose to publish.
  await citizen.getByTestId('public-text').filter({ hasText: 'Đề nghị lắp Wi-Fi miễn phí tại chợ Hải An để thanh toán' }).waitFor();
  await citizen.getByText('Trần Thị Bình').waitFor();
  assert.ok(!(await citizen.content()).includes('tiểu thương'), 'the received text reached the public page');
  assert.ok(!(await citizen.content()).includes('Chờ kinh phí'), 'the internal note reached the public page');
  assert.ok(await noSideScroll(citizen, 390), 'the lookup scrolls sideways');
  await citizen.getByText('Hài lòng', { exact: true }).click();
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await citizen.getByTestId('rated').waitFor();
  await citizen.screenshot({ path: `${SHOTS}/rated-390.png`, fullPage: true });
  // The public results: the city's figures and the answer, on the phone without sideways scrolling.
  await citizen.getByRole('tab', { name: 'Kết quả trả lời' }).click();
  await citizen.getByTestId('results').getByText('quý I/2027').first().waitFor();
  await citizen.getByTestId('feedback-figures').waitFor();
  // A card per scope on a phone, not an eight-column table; each rate with the counts behind it.
  assert.equal(await citizen.getByTestId('feedback-figures').locator('.ant-table').count(), 0);
  await citizen.getByTestId('feedback-figures-card').first().getByText('Đúng hạn (R1)').waitFor();
  assert.ok(await noSideScroll(citizen, 390), 'the figures fit the phone');
  await citizen.screenshot({ path: `${SHOTS}/results-390.png`, fullPage: true });
  // Looked up by code alone (no link), the rating shows but no rating form.
  const stranger = await phone();
  await stranger.goto(`${server.base}/#/gop-y?ma=${code}`);
  await stranger.getByTestId('lookup').waitFor();
  assert.equal(await stranger.getByTestId('rate').count(), 0);
});
