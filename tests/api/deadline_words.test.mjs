// Issue 14: the form echoes how the server reads deadline words while they are typed. The echo is the reading
// the task will be saved with: for every wording, GET /deadlines/read and POST /tasks agree (the same refusal, or
// the same kind and last on-time day).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, directiveByNumber, unitByCode } from './harness.mjs';

let server, skhcn, plan, unit;
before(async () => {
  server = await startServer();
  skhcn = await client(server, 'skhcn');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  unit = await unitByCode(skhcn, 'P-HAIAN');
});
after(async () => { await server?.stop(); });

const WORDS = [
  ['Quý II/2026', 'quarter', '2026-06-30'],
  ['30/6/2026', 'exact', '2026-06-30'],
  ['Tháng 12/2026', 'month', '2026-12-31'],
  ['Trước ngày 20/12/2026', 'exact', '2026-12-19'],
  ['Năm 2027', 'year', '2027-12-31'],
  ['Thường xuyên', 'recurring', null],
  ['Theo lộ trình của Bộ', 'roadmap', null],
  ['abc', null],
  ['31/02/2027', null],
  ['Quý V/2027', null],
  ['Tháng 13/2026', null],
];

test('the echo of deadline words is the reading the task is saved with', async () => {
  let n = 0;
  for (const [words, kind, due] of WORDS) {
    const echo = await skhcn.get(`/api/v1/deadlines/read?deadline_text=${encodeURIComponent(words)}`);
    const made = await skhcn.post('/api/v1/tasks', { directive_id: plan.id, code: `DW${++n}`, name: `Việc thử thời hạn ${n}`,
      deadline_text: words, lead_unit_ids: [unit.id] });
    if (kind === null) {
      assert.equal(echo.status, 400, words);
      assert.equal(echo.body.error.field, 'deadline_text');
      assert.match(echo.body.error.message, /Thời hạn/);
      assert.equal(made.status, 400, words);
      assert.equal(made.body.error.message, echo.body.error.message);
      continue;
    }
    assert.equal(echo.status, 200, `${words}: ${JSON.stringify(echo.body)}`);
    assert.deepEqual([echo.body.deadline_kind, echo.body.due], [kind, due], words);
    assert.ok(echo.body.deadline_kind_label.length > 0);
    assert.equal(made.status, 201, `${words}: ${JSON.stringify(made.body)}`);
    assert.deepEqual([made.body.deadline_kind, made.body.deadline_due], [echo.body.deadline_kind, echo.body.due], words);
  }
});

test('an empty or overlong text is answered, never a server error', async () => {
  const empty = await skhcn.get('/api/v1/deadlines/read?deadline_text=');
  assert.equal(empty.status, 200);
  assert.equal(empty.body.deadline_kind, 'unspecified');
  const long = await skhcn.get(`/api/v1/deadlines/read?deadline_text=${'a'.repeat(301)}`);
  assert.equal(long.status, 400);
  assert.equal(long.body.error.field, 'deadline_text');
});
