// The OpenAPI document: valid OpenAPI 3.1, and the same set of routes as the app serves.
import type { DbHandle } from '@r1lab/db';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, tempDir, testApp } from './fixtures.ts';

// Served for people, not part of the API they describe (the dashboard's catch-all: web-assets.ts).
const META = new Set(['GET /openapi.json', 'GET /docs', 'GET /docs/assets/{name}', 'GET /*']);

describe('OpenAPI document', () => {
  let handle: DbHandle;
  let api: ReturnType<typeof testApp>;
  const store = tempDir('r1lab-openapi-');
  const [, open] = drivers()[0]!;
  beforeAll(async () => {
    handle = await open();
    api = testApp(handle, store.dir);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    store.remove();
  });

  it('validates as OpenAPI 3.1', async () => {
    const doc = await (await api.app.request('/openapi.json')).json();
    expect((doc as { openapi: string }).openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every route the app serves, and no other', async () => {
    const doc = (await (await api.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = new Set(
      api.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
        .filter((r) => !META.has(r)),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(served.size).toBeGreaterThan(25);
  });

  it('serves interactive docs from npm, not a CDN', async () => {
    const page = await (await api.app.request('/docs')).text();
    expect(page).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page).not.toMatch(/https?:\/\//);
    const js = await api.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await api.app.request('/docs/assets/passwd')).status).toBe(404);
  });
});
