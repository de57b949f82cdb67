// The only way the page talks to the server: the public /api/v1, with the session cookie and the
// CSRF token on every write.
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

export async function api<T = any>(method: string, path: string, body?: unknown, raw?: Blob): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (raw) payload = raw;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const data = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const e = data?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? `HTTP ${res.status}`, e.field ?? null);
  }
  return data as T;
}

export const get = <T = any>(path: string) => api<T>('GET', path);
export const post = <T = any>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T = any>(path: string, body: unknown) => api<T>('PUT', path, body);

export interface User {
  id: number;
  username: string;
  full_name: string;
  role: string;
  unit_id: number;
  unit_name: string;
  csrf_token?: string;
}

export interface List<T> {
  items: T[];
  total: number;
}
