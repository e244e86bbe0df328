// The API from the page: the typed hono/client of @r1lab/api, with the bearer token the server
// printed. `?token=` in any dashboard URL is kept in localStorage and dropped from the address bar.
import { createClient } from '@r1lab/api/client';

const TOKEN_KEY = 'r1lab.token';

export function takeTokenFromUrl(): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  localStorage.setItem(TOKEN_KEY, token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

function withAuth(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** fetch with the current token (read per call, so a token typed in later applies at once). */
export const authFetch: typeof fetch = (input, init) => fetch(input, withAuth(init));

export const api = createClient(location.origin, { fetch: authFetch });

export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem from the API, with its field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  static async from(res: Response): Promise<ApiError> {
    try {
      const p = (await res.json()) as { detail?: string; title?: string; errors?: FieldError[] };
      return new ApiError(res.status, p.detail ?? p.title ?? res.statusText, p.errors ?? []);
    } catch {
      return new ApiError(res.status, `${res.status} ${res.statusText}`);
    }
  }
}

type Json<R> = R extends { json(): Promise<infer T> } ? T : never;
type Success<R> = R extends { ok: true } ? R : never;

/** Awaits a typed client call and returns its success body, or throws ApiError. */
export async function ok<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  call: Promise<R>,
): Promise<Json<Success<R>>> {
  const res = await call;
  if (!res.ok) throw await ApiError.from(res as unknown as Response);
  return (await res.json()) as Json<Success<R>>;
}

/** A route outside the typed client (e.g. the job queue, which other builds may lack). */
export async function raw<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await authFetch(path, init);
  if (!res.ok) throw await ApiError.from(res);
  return (res.status === 204 ? null : await res.json()) as T;
}
