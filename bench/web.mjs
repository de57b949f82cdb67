// Issue 14, "speed on a commune's line": the web client over a throttled line in Debian's Chromium.
//   bash bench/web.sh            (BIN=<tiendo> WEB=<dist folder> RUNS=5 for another build, e.g. a before)
// Each run is a first visit (a fresh browser context: empty cache, no cookie) over 1.6 Mbps down,
// 750 kbps up, 150 ms round trip (Chrome DevTools' "slow 4G", set by CDP Network.emulateNetworkConditions):
//  - login: Largest Contentful Paint of "/" until the login form shows, and the JavaScript it fetched
//    (bytes on the wire, and the same files gzip-compressed at level 9 as a server that compresses sends them);
//  - dashboard: the leader logs in on that page; the time from the click to the first status figure on screen,
//    then a new load of "#/dashboard" with the session (the login page's files now cached, as the next morning)
//    and its Largest Contentful Paint once the figures show.
// Medians of RUNS runs; every run's figures are printed too.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startServer, PASSWORD } from '../tests/api/harness.mjs';
import { launch } from '../web/e2e/browser.mjs';

const WEB = process.env.WEB ?? new URL('../web/dist', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 5);
const LINE = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };
const TIMEOUT = 120000;

// Every Largest Contentful Paint candidate of the page, kept where the bench can read it.
function recordLcp() {
  window.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__lcp.push({ t: e.startTime, size: e.size, what: `${e.element?.tagName ?? '?'} ${(e.element?.textContent ?? '').trim().slice(0, 40)}` });
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

// A page on the slow line, with the scripts it fetches counted from the network events.
async function slowPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINE);
  const scripts = new Map();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.set(e.requestId, { url: e.response.url, wire: 0, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '' });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.wire = e.encodedDataLength;
  });
  return { page, scripts };
}

async function lastLcp(page) {
  await page.waitForTimeout(300);  // a candidate is reported after its frame is presented
  const all = await page.evaluate(() => window.__lcp);
  if (!all.length) throw new Error('no largest-contentful-paint entry');
  return all[all.length - 1];
}

// The same file as a compressing server would send it (gzip -9), read from the built folder.
function gzipBytes(url) {
  const file = join(WEB, new URL(url).pathname);
  return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : NaN;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

const server = await startServer({ webRoot: WEB });
const browser = await launch();
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await context.addInitScript(recordLcp);
    const { page, scripts } = await slowPage(context);
    await page.goto(server.base + '/', { waitUntil: 'commit' });
    await page.getByLabel('Mật khẩu').waitFor();
    const loginLcp = await lastLcp(page);
    await page.waitForLoadState('networkidle');  // whatever the login page still fetches counts too
    const fetched = [...scripts.values()];
    const wire = fetched.reduce((n, s) => n + s.wire, 0);
    const gzip = fetched.reduce((n, s) => n + gzipBytes(s.url), 0);

    await page.getByLabel('Tên đăng nhập').fill('lanhdao');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    const clicked = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const shown = await (await page.waitForFunction(() => document.querySelector('[data-testid^="status-"]') && performance.now(),
      null, { polling: 'raf', timeout: TIMEOUT })).jsonValue();

    const { page: again } = await slowPage(context);
    await again.goto(server.base + '/#/dashboard', { waitUntil: 'commit' });
    await again.locator('[data-testid^="status-"]').first().waitFor();
    const dashLcp = await lastLcp(again);
    await context.close();
    const run = { loginLcp: loginLcp.t, loginLcpElement: loginLcp.what, scripts: fetched.length, wire, gzip, afterLogin: shown - clicked,
      dashboardLcp: dashLcp.t, dashboardLcpElement: dashLcp.what };
    console.log(`run ${i + 1}: login LCP ${sec(run.loginLcp)} (${run.loginLcpElement}); ${run.scripts} scripts, ${kb(wire)} on the wire, ${kb(gzip)} gzip; ` +
      `figures ${sec(run.afterLogin)} after the click; dashboard LCP ${sec(run.dashboardLcp)} (${run.dashboardLcpElement})`);
    runs.push(run);
  }
} finally {
  await browser.close();
  await server.stop();
}
const m = (k) => median(runs.map((r) => r[k]));
console.log(`\nmedian of ${RUNS} (1.6 Mbps down, 750 kbps up, 150 ms RTT; ${WEB}):`);
console.log(`  login page LCP                         ${sec(m('loginLcp'))}   (target ≤ 3 s)`);
console.log(`  login page JavaScript, on the wire     ${kb(m('wire'))}`);
console.log(`  login page JavaScript, gzip            ${kb(m('gzip'))}   (target ≤ 200 KB)`);
console.log(`  dashboard figures after the click      ${sec(m('afterLogin'))}`);
console.log(`  dashboard LCP, new load with session   ${sec(m('dashboardLcp'))}   (target ≤ 5 s)`);
