// Every answer the harness's client receives is checked against src/api/openapi.json: the route's
// operation is found by method and path template, the status must be one it documents, and a JSON body
// must match that status's schema. So the document cannot drift from what the server really answers.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const DOC_URL = new URL('../../src/api/openapi.json', import.meta.url);
export const openapi = JSON.parse(readFileSync(DOC_URL, 'utf8'));

// OpenAPI 3.0 schemas are JSON Schema with `nullable` (which ajv understands) and a few annotations
// (`example`, `x-…`) that strict mode would refuse; formats date and date-time come from ajv-formats.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv, ['date', 'date-time']);
ajv.addSchema(openapi, 'openapi');

const pointer = (...parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

// Literal segments win over parameters ("/notifications/preferences" before "/notifications/{id}").
const operations = [];
for (const [template, item] of Object.entries(openapi.paths)) {
  const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
  const literal = template.replace(/\{[^}]+\}/g, '').length;
  for (const method of Object.keys(item)) operations.push({ method: method.toUpperCase(), template, re, literal });
}
operations.sort((a, b) => b.literal - a.literal);

export function findOperation(method, path) {
  const bare = path.split('?')[0];
  return operations.find((o) => o.method === method && o.re.test(bare));
}

function resolve(obj) {
  while (obj?.$ref) {
    obj = obj.$ref.slice(2).split('/').reduce((o, k) => o[k.replaceAll('~1', '/').replaceAll('~0', '~')], openapi);
  }
  return obj;
}

const compiled = new Map(); // one validator per operation and status, compiled on first use
function validatorFor(op, status) {
  const key = `${op.method} ${op.template} ${status}`;
  if (!compiled.has(key)) {
    const responses = openapi.paths[op.template][op.method.toLowerCase()].responses;
    const response = resolve(responses[String(status)]);
    let validate = null;
    if (response?.content?.['application/json']?.schema) {
      // Refer into the document (not a copy) so that its $refs resolve against it.
      const at = responses[String(status)].$ref
        ? `${responses[String(status)].$ref}/content/application~1json/schema`
        : '#/' + pointer('paths', op.template, op.method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema');
      validate = ajv.compile({ $ref: `openapi${at}` });
    }
    compiled.set(key, { documented: Boolean(response), json: Boolean(response?.content?.['application/json']), validate });
  }
  return compiled.get(key);
}

const errorSchema = ajv.compile({ $ref: 'openapi#/components/schemas/Error' });

// Throws with the method, path and ajv's errors when the answer is not what the document says.
export function checkResponse(method, path, status, contentType, body) {
  const op = findOperation(method, path);
  const isJson = (contentType ?? '').includes('json');
  if (!op) {
    // Not a route: only the server's own errors (404, 405) may answer, in the one error shape.
    if (status < 400 || (isJson && !errorSchema(body)))
      throw new Error(`${method} ${path} → ${status}: not a documented route\n${JSON.stringify(errorSchema.errors, null, 1)}`);
    return;
  }
  const v = validatorFor(op, status);
  if (!v.documented) throw new Error(`${method} ${path} → ${status}: status not documented for ${op.method} ${op.template}`);
  if (isJson && !v.json) throw new Error(`${method} ${path} → ${status}: JSON answer where ${op.method} ${op.template} documents none`);
  if (v.validate && isJson && !v.validate(body)) {
    throw new Error(`${method} ${path} → ${status} does not match ${op.method} ${op.template} in openapi.json:\n` +
      JSON.stringify(v.validate.errors.slice(0, 10), null, 1));
  }
  if (status >= 400 && isJson) checkVietnamese(method, path, status, body.error.message);
  if (status === 200 && isJson && BILINGUAL.test(op.template)) checkBilingual(method, path, body.items);
}

// Every notification the server writes is written in both languages from the same facts (issue 14): a reader
// who chose English never gets a Vietnamese-only message, whatever made it (a report's step, a reminder, a
// nudge, a reopening, the weekly brief). Names (units, tasks) and what people typed stay as written.
const BILINGUAL = /^\/api\/v1\/(notifications|reminders\/send)$/;
function checkBilingual(method, path, items) {
  for (const n of items ?? []) {
    const problem = !n.title_en || !n.body_en ? 'no English'
      : n.title_en === n.title ? 'an English title equal to the Vietnamese'
        : null;
    if (problem) throw new Error(`${method} ${path}: notification ${n.kind ?? ''} has ${problem}: ${JSON.stringify(n)}`);
  }
}

// An error is read by a Vietnamese official: it names a field by its Vietnamese label, never by its JSON name
// or an English code (snake_case words like "progress_percent", or a quoted bare English word like "name").
const ENGLISH = [/\b[a-z]+(?:_[a-z]+)+\b/, /"[a-z]+"/, /\((?:[a-z]+)\)/];
export function checkVietnamese(method, path, status, message) {
  for (const re of ENGLISH) {
    const m = message.match(re);
    if (m) throw new Error(`${method} ${path} → ${status}: the error names "${m[0]}" in English: ${message}`);
  }
}
