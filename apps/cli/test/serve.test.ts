// `r1lab serve` over a data folder a `r1lab run` wrote, then the CLI as its client: token create,
// runs list / show, metrics and evals, tables and --json, and clear errors.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/r1lab.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'r1lab-serve-'));
const env = {
  ...process.env,
  R1LAB_DATA_DIR: dataDir,
  DATABASE_URL: '',
  R1LAB_BACKEND: 'wasm',
  R1LAB_LOG_LEVEL: 'warn',
};

function r1lab(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env,
    timeout: 240_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('r1lab serve and the API client commands', () => {
  let server: ChildProcess;
  let api = '';
  let token = '';
  let runId = '';

  beforeAll(async () => {
    const run = r1lab('run', '--preset', 'tiny-r1-zero');
    expect(run.code, run.err).toBe(0);
    runId = /run ([0-9a-f-]{36}): succeeded/.exec(run.out)![1]!;
    const created = r1lab('token', 'create', '--role', 'admin', '--name', 'test');
    expect(created.code, created.err).toBe(0);
    token = created.out.trim();
    expect(created.err).toContain('shown only now');
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [bin, 'serve', '--port', String(port)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${api}/healthz`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('serve did not answer');
  }, 300_000);
  afterAll(async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const client = (...args: string[]) => {
    const res = spawnSync(process.execPath, [bin, ...args, '--api', api, '--token', token], {
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    return { code: res.status, out: res.stdout, err: res.stderr };
  };

  it('lists and shows the run the CLI recorded, as a table and as JSON', () => {
    const table = client('runs', 'list');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^id\s+name\s+status/);
    expect(table.out).toContain(runId);
    const json = client('runs', 'list', '--json');
    const rows = JSON.parse(json.out) as Array<{ id: string; status: string; bestPass1: number }>;
    expect(rows.find((r) => r.id === runId)!.status).toBe('succeeded');
    const show = client('runs', 'show', runId);
    expect(show.out).toMatch(/^base\s+pretrain\s+succeeded/m);
    expect(show.out).toMatch(/^rl\s+grpo\s+succeeded/m);
  }, 120_000);

  it('prints metrics and evaluations of the run', () => {
    const m = client('metrics', runId, '--keys', 'reward,accuracy');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain('stage rl (grpo)');
    expect(m.out).toMatch(/^step\s+reward\s+accuracy/m);
    const series = JSON.parse(client('metrics', runId, '--keys', 'reward', '--json').out) as Array<{
      key: string;
      steps: number[];
    }>;
    expect(series[0]).toMatchObject({ key: 'reward', steps: [1, 2] });
    const ev = client('evals', runId);
    expect(ev.out).toMatch(/^checkpoint\s+benchmark\s+pass@1/);
    expect(ev.out).toContain('base@4');
    expect(ev.out).toContain('arith-easy-test');
  }, 120_000);

  it('fails clearly without a token, for a missing run, and with no server', () => {
    const noToken = spawnSync(process.execPath, [bin, 'runs', 'list', '--api', api], {
      encoding: 'utf8',
      env: { ...env, R1LAB_TOKEN: '' },
    });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain('401');
    const missing = client('runs', 'show', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('does not exist');
    const down = spawnSync(process.execPath, [bin, 'runs', 'list', '--api', 'http://127.0.0.1:9'], {
      encoding: 'utf8',
      env,
    });
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('is `r1lab serve` running?');
  }, 120_000);
});
