// The dashboard (apps/web, built by Vite into apps/web/dist) served at `/`: hashed assets cached
// for a year, index.html for every client route, and — when the bundle was never built — a page
// saying how to build it, so the API starts and answers without it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths the API answers itself; an unknown one of these is a 404, never the dashboard. */
const API_PATHS = /^\/(v1|docs|openapi\.json|healthz|metrics)(\/|$)/;

/** Where `npm run build -w @r1lab/web` writes the bundle. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The dashboard's address on a server.
 *
 * @example
 * dashboardUrl('http://127.0.0.1:8080'); // 'http://127.0.0.1:8080/'
 * dashboardUrl('http://127.0.0.1:8080', 'r1l_…'); // 'http://127.0.0.1:8080/?token=r1l_…' (kept by the page, then dropped from the URL)
 */
export function dashboardUrl(baseUrl: string, token?: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return token ? `${base}?token=${encodeURIComponent(token)}` : base;
}

function notBuilt(dir: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>r1lab</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The r1lab dashboard is not built</h1>
<p>The API is running (see <a href="/docs">/docs</a>), but <code>${dir}</code> has no <code>index.html</code>.
Build the dashboard once, then reload this page:</p>
<pre>npm run build -w @r1lab/web</pre></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * A GET handler for `*`, mounted after every API route.
 *
 * @example
 * app.get('*', webAssets());
 */
export function webAssets(dir: string = DEFAULT_WEB_DIST) {
  const root = normalize(dir.endsWith(sep) ? dir : `${dir}${sep}`);
  return async (c: Context) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    if (API_PATHS.test(path)) return c.notFound();
    const index = join(root, 'index.html');
    if (!existsSync(index)) return notBuilt(root);
    const file = normalize(join(root, path));
    const inside = file.startsWith(root) && file !== root;
    if (inside && extname(file) && existsSync(file)) {
      const immutable = file.startsWith(join(root, 'assets') + sep);
      return new Response(await readFile(file), {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        },
      });
    }
    // A missing file (with an extension) is a 404; anything else is a client route.
    if (extname(path)) return c.notFound();
    return new Response(await readFile(index), {
      headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' },
    });
  };
}
