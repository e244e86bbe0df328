// The typed client of the API: `hono/client` over the app's own route types, so the dashboard,
// the worker and the CLI call routes with checked paths, inputs and outputs.
import { hc } from 'hono/client';
import type { AppType } from './app.ts';

export type ApiClient = ReturnType<typeof hc<AppType>>;

/**
 * @example
 * const api = createClient('http://127.0.0.1:8080', { token: process.env.R1LAB_TOKEN });
 * const res = await api.v1.runs.$get({ query: {} });
 */
export function createClient(
  baseUrl: string,
  o: { token?: string | undefined; fetch?: typeof fetch } = {},
): ApiClient {
  return hc<AppType>(baseUrl, {
    headers: o.token ? { authorization: `Bearer ${o.token}` } : {},
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
}
