// The same app under Node, Bun and Deno (both installed from npm): each entry file starts it on a
// data folder with a token, answers /healthz, an authenticated GET /v1/runs and a 400, and exits 0
// on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@r1lab/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/index.ts';
import { bindRefusal } from '../src/serve-options.ts';
import { tempDir } from './fixtures.ts';

const src = (f: string) => fileURLToPath(new URL(`../src/${f}`, import.meta.url));
const bin = (name: string) =>
  fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));

const RUNTIMES: Array<[string, (args: string[]) => [string, string[]]]> = [
  ['Node', (a) => [process.execPath, ['--import', 'tsx', src('entry-node.ts'), ...a]]],
  ['Bun', (a) => [bin('bun'), [src('entry-bun.ts'), ...a]]],
  ['Deno', (a) => [bin('deno'), ['run', '-A', src('entry-deno.ts'), ...a]]],
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, ms = 110_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return res;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} in ${ms} ms: ${log()}`);
}

describe('API entry points', () => {
  const data = tempDir('r1lab-runtimes-');
  let token = '';
  beforeAll(async () => {
    const h = await createDb({ url: '', dataDir: join(data.dir, 'db') });
    token = (await createToken(h.db, { name: 'test', role: 'viewer' })).token;
    await h.close();
  }, 60_000);
  afterAll(() => data.remove());

  it('refuses a non-loopback bind while no token exists', () => {
    expect(bindRefusal('0.0.0.0', false)).toMatch(/refusing to listen on 0\.0\.0\.0/);
    expect(bindRefusal('0.0.0.0', true)).toBeNull();
    expect(bindRefusal('127.0.0.1', false)).toBeNull();
    expect(bindRefusal('::1', false)).toBeNull();
  });

  it.each(RUNTIMES)(
    'starts and stops under %s',
    async (_name, command) => {
      const port = await freePort();
      const [cmd, args] = command(['--port', String(port), '--data-dir', data.dir]);
      const child = spawn(cmd, args, {
        env: { ...process.env, DATABASE_URL: '', R1LAB_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (b) => (out += b));
      child.stderr!.on('data', (b) => (out += b));
      try {
        const url = `http://127.0.0.1:${port}`;
        const health = await waitHealthy(url, child, () => out);
        expect(((await health.json()) as { database: { driver: string } }).database.driver).toBe(
          'pglite',
        );
        await expect(fetch(`${url}/v1/runs`).then((r) => r.status)).resolves.toBe(401);
        const runs = await fetch(`${url}/v1/runs`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(runs.status).toBe(200);
        expect(await runs.json()).toEqual({ items: [], nextCursor: null });
        const bad = await fetch(`${url}/v1/runs/not-a-uuid`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(bad.status).toBe(400);
        expect(bad.headers.get('content-type')).toBe('application/problem+json');
        expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe(
          'id',
        );
        // SIGTERM: the server stops, the database closes, the process exits 0.
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        expect(child.exitCode, out).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    180_000,
  );

  it('refuses a public bind without tokens when started', async () => {
    const empty = tempDir('r1lab-runtimes-open-');
    const [cmd, args] = RUNTIMES[0]![1]([
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      empty.dir,
    ]);
    const child = spawn(cmd, args, {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (b) => (err += b));
    const code = await new Promise((r) => child.once('exit', r));
    empty.remove();
    expect(code).toBe(1);
    expect(err).toContain('refusing to listen on 0.0.0.0');
  }, 120_000);
});
