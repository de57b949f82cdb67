// Every number and deadline a person enters, refused when it is not one: each bad value sent to each
// numeric field through the public API answers 400 naming the field (its Vietnamese label in the
// message) and saves nothing; no answer ever holds NaN or Infinity; a share's rate is the server's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, plan, haianUnit, syt, target;
const texts = [];  // every answer's raw text, checked for NaN and Infinity at the end

before(async () => {
  server = await startServer();
  skhcn = await client(server, 'skhcn');
  haian = await client(server, 'haian');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  haianUnit = await unitByCode(skhcn, 'P-HAIAN');
  syt = await unitByCode(skhcn, 'SYT');
  const r = await skhcn.post('/api/v1/directives', { number: '901/KH-THU', kind: 'plan', title: 'Kế hoạch thử số liệu', issued_on: '2026-01-02', has_plan: true, year: 2026 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  target = r.body;
});
after(async () => { await server?.stop(); });

// Sends `body` with the placeholder "__X__" replaced by raw JSON text (1e400, NaN, Infinity …).
async function raw(c, method, path, body, x) {
  const text = JSON.stringify(body).replace('"__X__"', x);
  const r = await c.call(method, path, text, { 'content-type': 'application/json' });
  return r;
}

// The raw text of an answer, kept for the NaN/Infinity check.
async function rawGet(c, path) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${c.token}` } });
  const text = await res.text();
  texts.push([path, text]);
  return { status: res.status, text };
}

function refused(r, field, label, what) {
  assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.error.code, 'invalid', what);
  assert.equal(r.body.error.field, field, `${what}: ${JSON.stringify(r.body)}`);
  if (label) assert.ok(r.body.error.message.includes(label), `${what}: ${r.body.error.message}`);
  texts.push([what, JSON.stringify(r.body)]);
}

const goodDeadlines = [
  ['Tháng 6 năm 2026', 'month', '2026-06-30'],
  ['T6/2026', 'month', '2026-06-30'],
  ['tháng 6/2026', 'month', '2026-06-30'],
  ['Hoàn thành trong tháng 10 năm 2026', 'month', '2026-10-31'],
  ['Ngày 15 tháng 8 năm 2026', 'exact', '2026-08-15'],
  ['15/8/2026', 'exact', '2026-08-15'],
  ['Quý II năm 2026', 'quarter', '2026-06-30'],
  ['Q.II/2026', 'quarter', '2026-06-30'],
  ['quý 3 năm 2026', 'quarter', '2026-09-30'],
  ['quy II nam 2026', 'quarter', '2026-06-30'],
  ['6 tháng đầu năm 2026', 'month', '2026-06-30'],
  ['6 tháng cuối năm 2026', 'year', '2026-12-31'],
  ['9 tháng đầu năm 2026', 'month', '2026-09-30'],
  ['Nửa đầu năm 2026', 'month', '2026-06-30'],
  ['Năm 2026', 'year', '2026-12-31'],
  ['Trong năm 2026', 'year', '2026-12-31'],
  ['Trước ngày 30 tháng 6 năm 2026', 'exact', '2026-06-29'],
  ['trước 30/6/2026', 'exact', '2026-06-29'],
  ['Thường xuyên', 'recurring', null],
  ['hằng năm', 'recurring', null],
];
const badDeadlines = ['abc', '31/02/2027', 'Quý V/2027', 'Tháng 13/2026', 'Q.V/2027', '0/2026', 'Năm 1999', '13 tháng đầu năm 2026'];

test('a task deadline in every written form is read; text that is not a deadline is refused, nothing saved', async () => {
  let n = 0;
  for (const [text, kind, due] of goodDeadlines) {
    const r = await skhcn.post('/api/v1/tasks', { directive_id: target.id, code: `D${++n}`, name: `Việc ${text}`, deadline_text: text, lead_unit_ids: [syt.id] });
    assert.equal(r.status, 201, `${text}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.deadline_kind, kind, text);
    assert.equal(r.body.deadline_due, due, text);
  }
  const before = (await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total;
  for (const text of badDeadlines) {
    const r = await skhcn.post('/api/v1/tasks', { directive_id: target.id, code: `X${++n}`, name: 'Việc sai hạn', deadline_text: text, lead_unit_ids: [syt.id] });
    refused(r, 'deadline_text', 'Thời hạn', text);
  }
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total, before);
});

test('random deadline words through the API: always read or refused, never a server error', async () => {
  const pieces = ['Quý', 'quy', 'Q.', 'T', 'tháng', 'năm', 'ngày', 'trước', '/', '-', '.', ' ', '6', '12', '31', '2026', 'II', 'V', 'đầu', 'cuối', '\u202e', '0', '99999', 'thường xuyên'];
  let seed = 11;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const before = (await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total;
  let created = 0;
  for (let k = 0; k < 60; k++) {
    let text = '';
    for (let j = 1 + rnd(8); j > 0; j--) text += pieces[rnd(pieces.length)];
    const r = await skhcn.post('/api/v1/tasks', { directive_id: target.id, code: `R${k}`, name: 'Việc ngẫu nhiên', deadline_text: text, lead_unit_ids: [syt.id] });
    assert.ok(r.status === 201 || r.status === 400, `${JSON.stringify(text)}: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.status === 400) assert.ok(['deadline_text'].includes(r.body.error.field), JSON.stringify(r.body));
    else created++;
  }
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total, before + created);
});

test('a plan import marks a row whose deadline is not one as an error, and confirming is refused', async () => {
  const csv = 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,Việc đúng,Sở Y tế,Tháng 6 năm 2026\n2,Việc sai,Sở Y tế,31/02/2027\n3,Việc chữ,Sở Y tế,abc\n';
  const p = await skhcn.call('POST', `/api/v1/directives/${target.id}/imports?filename=k.csv`, csv);
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.tasks[0].deadline.due, '2026-06-30');
  const errors = p.body.issues.filter((i) => i.field === 'deadline_text' && i.blocking);
  assert.equal(errors.length, 2, JSON.stringify(p.body.issues));
  assert.ok(errors.every((i) => /Thời hạn/.test(i.message)));
  const before = (await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total;
  const c = await skhcn.post(`/api/v1/imports/${p.body.id}/confirm`);
  assert.ok(c.status >= 400, JSON.stringify(c.body));
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${target.id}&limit=1000`)).body.total, before);
});

test('report lines and indicator values: every bad number refused with its field, nothing saved', async () => {
  // Indicators of each kind that Hải An reports: a share (demo no. 1), a count, money in đồng.
  const inds = (await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&limit=100`)).body.items;
  const share = inds.find((i) => i.code === '1');
  const mk = async (code, target_text, aggregation) => {
    const r = await skhcn.post('/api/v1/indicators', { directive_id: plan.id, code, name: `Chỉ tiêu thử ${code}`, target_text, aggregation, monitoring_unit_id: haianUnit.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const count = await mk('T1', '5 sản phẩm', 'sum');
  const money = await mk('T2', '20000000000000 đồng', 'sum');

  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const report = created.body;
  const path = `/api/v1/reports/${report.id}`;
  const snapshot = async () => {
    const r = (await haian.get(path)).body;
    return JSON.stringify({ v: r.version, items: r.items.map((i) => i.progress_percent), values: r.indicator_values });
  };
  const first = await snapshot();
  const item = (x) => ({ version: report.version, items: [{ assignment_id: report.items[0].assignment_id, progress_percent: x }] });
  const value = (ind, o) => ({ version: report.version, indicator_values: [{ indicator_id: ind.id, ...o }] });

  const progress = 'items[0].progress_percent';
  for (const [x, what] of [[101, '101'], [-1, '-1'], [12.5, '12.5'], [1e308, '1e308'], ['x', 'a string']])
    refused(await haian.put(path, item(x)), progress, 'Tiến độ', `progress ${what}`);
  for (const x of ['1e400', '-1e400', '1E999'])
    refused(await raw(haian, 'PUT', path, item('__X__'), x), progress, 'Tiến độ', `progress ${x}`);
  for (const x of ['NaN', 'Infinity', '-Infinity']) {
    const r = await raw(haian, 'PUT', path, item('__X__'), x);
    assert.equal(r.status, 400, x);  // not JSON at all
  }

  const iv = (f) => `indicator_values[0].${f}`;
  const shareCases = [
    [{ numerator: 41, denominator: 40 }, 'numerator', 'Tử số'],
    [{ numerator: -1, denominator: 40 }, 'numerator', 'Tử số'],
    [{ numerator: 1, denominator: -40 }, 'denominator', 'Mẫu số'],
    [{ numerator: 1, denominator: 1e308 }, 'denominator', 'Mẫu số'],
    [{ numerator: 35 }, 'denominator', null],
    [{ numerator: 35, denominator: 40, estimated_full_year: 150 }, 'estimated_full_year', 'Ước thực hiện cả năm'],
  ];
  for (const [o, f, label] of shareCases) refused(await haian.put(path, value(share, o)), iv(f), label, `share ${JSON.stringify(o)}`);
  refused(await raw(haian, 'PUT', path, value(share, { numerator: '__X__', denominator: 40 }), '1e400'), iv('numerator'), 'Tử số', 'share 1e400');
  refused(await raw(haian, 'PUT', path, value(share, { numerator: 1, denominator: '__X__' }), '1e400'), iv('denominator'), 'Mẫu số', 'share den 1e400');

  const countCases = [[-1, 'negative'], [2.5, 'fraction'], [1e308, '1e308'], [1e16, '1e16']];
  for (const [x, what] of countCases) refused(await haian.put(path, value(count, { value: x })), iv('value'), 'Giá trị', `count ${what}`);
  refused(await raw(haian, 'PUT', path, value(count, { value: '__X__' }), '1e400'), iv('value'), 'Giá trị', 'count 1e400');
  refused(await haian.put(path, value(count, { value: 3, estimated_full_year: -2 })), iv('estimated_full_year'), 'Ước thực hiện cả năm', 'count estimate');

  for (const [x, what] of [[-1000, 'negative'], [1000.5, 'half đồng'], [1e308, '1e308']])
    refused(await haian.put(path, value(money, { value: x })), iv('value'), 'Giá trị', `money ${what}`);

  assert.equal(await snapshot(), first, 'nothing of the refused edits is saved');

  // In range: accepted; a share's rate is computed by the server, whatever rate or value is sent.
  const ok = await haian.put(path, { version: report.version,
    items: [{ assignment_id: report.items[0].assignment_id, progress_percent: 100 }],
    indicator_values: [
      { indicator_id: share.id, numerator: 35, denominator: 40, value: 99, rate: 12 },
      { indicator_id: count.id, value: 4, estimated_full_year: 5 },
      { indicator_id: money.id, value: 10000000000000 },
    ] });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const sv = ok.body.indicator_values.find((v) => v.indicator_id === share.id);
  assert.equal(sv.rate, 87.5);
  const mv = ok.body.indicator_values.find((v) => v.indicator_id === money.id);
  assert.equal(mv.value, 10000000000000);
  // 0/0 is no rate, never NaN.
  const zero = await haian.put(path, { version: ok.body.version, indicator_values: [{ indicator_id: share.id, numerator: 0, denominator: 0 }] });
  assert.equal(zero.status, 200, JSON.stringify(zero.body));
  await rawGet(haian, path);
});

test('plan figures: weights, shares of the reporting rule, indicator targets and baselines', async () => {
  const rulePath = `/api/v1/directives/${target.id}/reporting-rule`;
  const rule = JSON.stringify((await skhcn.get(rulePath)).body);
  for (const [body, field, label] of [
    [{ weights: { updates: 1.5 } }, 'weights.updates', 'Trọng số cập nhật'],
    [{ weights: { timeliness: -0.1 } }, 'weights.timeliness', 'Trọng số đúng hạn báo cáo'],
    [{ update_target: 2 }, 'update_target', 'Tỷ lệ cập nhật yêu cầu'],
    [{ at_risk_tolerance: -1 }, 'at_risk_tolerance', 'Ngưỡng cảnh báo chậm'],
    // R11 divides by the weights: all four at zero would rank every unit 0 with no score.
    [{ weights: { timeliness: 0, updates: 0, completion: 0, indicators: 0 } }, 'weights', null],
  ]) refused(await skhcn.put(rulePath, body), field, label, JSON.stringify(body));
  refused(await raw(skhcn, 'PUT', rulePath, { weights: { completion: '__X__' } }, '1e400'), 'weights.completion', null, 'weight 1e400');
  refused(await raw(skhcn, 'PUT', rulePath, { update_target: '__X__' }, '1e400'), 'update_target', null, 'update_target 1e400');
  assert.equal(JSON.stringify((await skhcn.get(rulePath)).body), rule);

  const before = (await skhcn.get(`/api/v1/indicators?directive_id=${target.id}&limit=100`)).body.total;
  const ind = (o) => ({ directive_id: target.id, code: 'B1', name: 'Chỉ tiêu thử', target_text: '5 sản phẩm', aggregation: 'sum', ...o });
  refused(await skhcn.post('/api/v1/indicators', ind({ baseline: -3 })), 'baseline', 'Giá trị năm gốc', 'negative count baseline');
  refused(await skhcn.post('/api/v1/indicators', ind({ baseline: 1e308 })), 'baseline', 'Giá trị năm gốc', '1e308 baseline');
  refused(await raw(skhcn, 'POST', '/api/v1/indicators', ind({ baseline: '__X__' }), '1e400'), 'baseline', null, '1e400 baseline');
  refused(await skhcn.post('/api/v1/indicators', ind({ target_text: '150%', aggregation: 'ratio_of_sums' })), 'target_text', 'Chỉ tiêu', '150% share');
  refused(await skhcn.post('/api/v1/indicators', ind({ target_text: '10000000000000000 sản phẩm' })), 'target_text', 'Chỉ tiêu', '1e16 target');
  // Written as the documents write numbers: exponents are no target; dots group thousands.
  for (const text of ['1e20 sản phẩm', '5E+3 sản phẩm', '12.34.5 sản phẩm', '10.000.000.000.000.000 sản phẩm'])
    refused(await skhcn.post('/api/v1/indicators', ind({ target_text: text })), 'target_text', null, text);
  assert.equal((await skhcn.get(`/api/v1/indicators?directive_id=${target.id}&limit=100`)).body.total, before);
  // A count target without an aggregation adds up (as the import does); it is not a share capped at 100.
  const counted = await skhcn.post('/api/v1/indicators', { directive_id: target.id, code: 'C1', name: 'Số sản phẩm', target_text: '150 sản phẩm', baseline: 20 });
  assert.equal(counted.status, 201, JSON.stringify(counted.body));
  assert.equal(counted.body.aggregation, 'cumulative');
  const rate = await skhcn.post('/api/v1/indicators', { directive_id: target.id, code: 'C2', name: 'Tỷ lệ', target_text: '≥80%' });
  assert.equal(rate.body.aggregation, 'ratio_of_sums');
  for (const [code, text, value] of [['C3', '20.000.000.000.000 đồng', 20e12], ['C4', '1.500 sản phẩm', 1500]]) {
    const r = await skhcn.post('/api/v1/indicators', { directive_id: target.id, code, name: 'Số lớn', target_text: text });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.target_value, value, text);
  }
});

test('no answer ever holds NaN or Infinity', async () => {
  for (const p of [`/api/v1/dashboard?directive_id=${plan.id}`, `/api/v1/indicators?directive_id=${plan.id}&limit=100`,
    `/api/v1/tasks?directive_id=${target.id}&limit=100`, `/api/v1/report-obligations?directive_id=${plan.id}&period=2026-11&limit=1000`,
    `/api/v1/directives/${plan.id}/synthesis?period=2026-11`]) {
    const r = await rawGet(skhcn, p);
    assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 300)}`);
  }
  for (const [what, text] of texts) {
    assert.ok(!/\bNaN\b|-?\bInfinity\b|1e99999/.test(text), `${what} holds a non-finite number`);
    JSON.parse(text);
  }
});
