// The dashboard as the API serves it: index.html for client routes, hashed assets cached for a
// year with their content type, a 404 for a missing asset and for unknown API paths, and — with
// no bundle built — a page that says how to build it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardUrl, webAssets } from '../src/web-assets.ts';
import { tempDir } from './fixtures.ts';

describe('dashboard assets', () => {
  const built = tempDir('r1lab-web-dist-');
  const empty = tempDir('r1lab-web-none-');
  afterAll(() => {
    built.remove();
    empty.remove();
  });
  mkdirSync(join(built.dir, 'assets'));
  writeFileSync(join(built.dir, 'index.html'), '<!doctype html><title>r1lab</title>');
  writeFileSync(join(built.dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const app = (dir: string) => new Hono().get('*', webAssets(dir));

  it('answers client routes with index.html, never cached stale', async () => {
    for (const path of [
      '/',
      '/runs',
      '/runs/0b9d6c7e-3f7a-4a51-9f0e-6f1c2a3b4c5d/samples?step=3',
    ]) {
      const res = await app(built.dir).request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>r1lab</title>');
    }
  });

  it('serves hashed assets with their type, cached for a year; a missing one is a 404', async () => {
    const res = await app(built.dir).request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app(built.dir).request('/assets/gone-1.js')).status).toBe(404);
  });

  it('never serves a file outside the bundle, nor the page for API paths', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/v1/nothing',
      '/docs/nothing',
    ]) {
      const res = await app(built.dir).request(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('says how to build the dashboard when it was never built', async () => {
    const res = await app(empty.dir).request('/runs');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w @r1lab/web');
  });

  it('gives the dashboard URL, with a token the page keeps', () => {
    expect(dashboardUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(dashboardUrl('http://127.0.0.1:8080/', 'r1l_a_b')).toBe(
      'http://127.0.0.1:8080/?token=r1l_a_b',
    );
  });
});
