// /docs: Swagger UI from the swagger-ui-dist npm package, served by the API itself (no CDN), so the
// interactive docs work offline. The file reads are the Node built-ins this page needs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

let root: string | undefined;
function assetRoot(): string {
  root ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return root;
}

/** The docs page, pointing Swagger UI at the API's own /openapi.json. */
export function docsPage(): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>r1lab API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true });</script>
</body></html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** One Swagger UI asset, or null for a name that is not one. */
export async function docsAsset(name: string): Promise<Response | null> {
  const type = ASSETS[name];
  if (!type) return null;
  const body = await readFile(join(assetRoot(), name));
  return new Response(body, {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
  });
}
