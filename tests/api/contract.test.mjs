// The check every API test relies on (contract.mjs) refuses what the document does not allow; without a
// server, on answers written here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkResponse, checkVietnamese, findOperation, openapi } from './contract.mjs';

const JSON_TYPE = 'application/json; charset=utf-8';
const unit = { id: 5, parent_id: 1, code: 'HA', name: 'Phường Hải An', short_name: 'Hải An', kind: 'ward',
  peer_group: 'commune', active_from: '2025-07-01', active_to: null, successors: [], predecessors: [] };

test('a literal path segment wins over a parameter, and the query string is ignored', () => {
  assert.equal(findOperation('PUT', '/api/v1/notifications/preferences').template, '/api/v1/notifications/preferences');
  assert.equal(findOperation('POST', '/api/v1/notifications/7/read').template, '/api/v1/notifications/{id}/read');
  assert.equal(findOperation('GET', '/api/v1/directives/8/synthesis.docx?period=2026-11').template, '/api/v1/directives/{id}/synthesis.docx');
  assert.equal(findOperation('GET', '/api/v1/khong-co'), undefined);
});

test('an answer matching its schema passes; an error in the one error shape passes', () => {
  checkResponse('GET', '/api/v1/units/5', 200, JSON_TYPE, unit);
  checkResponse('GET', '/api/v1/units/5', 404, JSON_TYPE, { error: { code: 'not_found', message: 'Không tìm thấy đơn vị.', field: null } });
  checkResponse('GET', '/api/v1/khong-co', 404, JSON_TYPE, { error: { code: 'not_found', message: 'Không tìm thấy.', field: null } });
});

test('a wrong type, a missing field, a code outside its enum or a bad date fails, naming the path', () => {
  const bad = [
    { ...unit, id: '5' },
    { ...unit, kind: 'province' },
    { ...unit, active_from: '01/07/2025' },
    (({ name, ...rest }) => rest)(unit),
  ];
  for (const body of bad) {
    assert.throws(() => checkResponse('GET', '/api/v1/units/5', 200, JSON_TYPE, body), /GET \/api\/v1\/units\/5 → 200 does not match/);
  }
  assert.throws(() => checkResponse('GET', '/api/v1/units/5', 404, JSON_TYPE, { error: 'not found' }), /does not match/);
});

test('an undocumented status, a JSON answer where a file is documented, or a success off any route fails', () => {
  assert.throws(() => checkResponse('GET', '/api/v1/units/5', 418, JSON_TYPE, {}), /status not documented/);
  assert.throws(() => checkResponse('GET', '/api/v1/import-template.xlsx', 200, JSON_TYPE, {}), /documents none/);
  assert.throws(() => checkResponse('GET', '/api/v1/khong-co', 200, JSON_TYPE, {}), /not a documented route/);
});

test('every success answer of every operation is a component schema the validator compiles', () => {
  let n = 0;
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const [status, response] = Object.entries(op.responses).find(([s]) => s.startsWith('2'));
      if (!response.content['application/json']) continue;
      // Compiling each schema finds a broken $ref or keyword; a bare number is no documented body.
      assert.throws(() => checkResponse(method.toUpperCase(), path.replace(/\{[^}]+\}/g, '1'), Number(status), JSON_TYPE, 5),
        /does not match/, `${method} ${path}`);
      n++;
    }
  }
  assert.ok(n > 70, `${n} JSON operations`);
});

test('an error naming a field by its JSON name or an English code fails; a Vietnamese one passes', () => {
  for (const message of ['Trường "progress_percent" là bắt buộc.', 'Trường "name" là bắt buộc.',
    'Quyết định phải là active, paused hoặc cancelled_x.', 'Mỗi đơn vị phải có mã (unit)']) {
    assert.throws(() => checkVietnamese('POST', '/api/v1/units', 400, message), /in English/, message);
  }
  checkVietnamese('POST', '/api/v1/units', 400, 'Trường "Tiến độ (%)" phải là số (ngày dạng YYYY-MM-DD).');
});
