// The only way the page talks to the server: the public /api/v1, with the session cookie and the
// CSRF token on every write. Bodies are typed by src/generated/openapi.ts, which `npm run gen` writes from
// src/api/openapi.json (the document the API tests hold the server to).
import type { components } from './generated/openapi';

export type Schemas = components['schemas'];
export type User = Schemas['SessionUser'];
export type { AssignmentStatus, IndicatorStatus, ReportState, Role } from './generated/openapi';

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public field: string | null) {
    super(message);
  }
}

let csrf = sessionStorage.getItem('tiendo.csrf') ?? '';
export function setCsrf(token: string) {
  csrf = token;
  sessionStorage.setItem('tiendo.csrf', token);
}

export const csrfToken = () => csrf;

function errorOf(data: unknown): Partial<Schemas['Error']['error']> {
  if (typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'object' && data.error !== null)
    return data.error as Partial<Schemas['Error']['error']>;
  return {};
}

// T names the answer's schema (e.g. get<Schemas['UnitList']>('/units')); an answer read without one is unknown.
export async function api<T = unknown>(method: string, path: string, body?: unknown, raw?: Blob, extra?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { ...extra };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (raw) payload = raw;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const data: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const e = errorOf(data);
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? `HTTP ${res.status}`, e.field ?? null);
  }
  return data as T;
}

export const get = <T = unknown>(path: string) => api<T>('GET', path);
export const post = <T = unknown>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T = unknown>(path: string, body: unknown, extra?: Record<string, string>) => api<T>('PUT', path, body, undefined, extra);
