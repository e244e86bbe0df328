// The dashboard as a user meets it: the bundle built by Vite, the API in this process on a free
// loopback port over PGlite in a temporary folder, an admin token required, and Debian's Chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, createToken, LocalFolderStore } from '@r1lab/api';
import { createDb, type DbHandle } from '@r1lab/db';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

export const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUT = join(WEB_ROOT, 'test-output');

/** Builds the bundle into apps/web/dist (what the API serves at `/`). */
export async function buildBundle(): Promise<void> {
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** Debian's Chromium (`apt-get install -y chromium`); never a downloaded browser build. */
export function chromiumPath(): string {
  const fromEnv = process.env.R1LAB_CHROMIUM;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium not found: install it with `apt-get install -y chromium`');
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox'],
  });
}

export interface TestServer {
  url: string;
  token: string;
  handle: DbHandle;
  api: ReturnType<typeof createApp>;
  artifactsUri: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'r1lab-web-'));
  const artifacts = join(dir, 'artifacts');
  mkdirSync(artifacts);
  const handle = await createDb({ url: '', dataDir: join(dir, 'db') });
  const { token } = await createToken(handle.db, { name: 'dashboard-test', role: 'admin' });
  const api = createApp({
    db: handle.db,
    driver: handle.driver,
    artifacts: new LocalFolderStore(artifacts),
    logger: pino({ level: 'silent' }),
    sse: { pollMs: 100, heartbeatMs: 1_000 },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    handle,
    api,
    artifactsUri: pathToFileURL(artifacts).href,
    close: async () => {
      // Open event streams keep sockets alive; drop them so close() returns.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page that records its errors; `errors()` lists uncaught exceptions and console errors. */
export async function openPage(browser: Browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, errors: () => errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}
