// Jobs and workers as separate processes, the way they are deployed: an API on a data folder and
// workers that reach it only over HTTP. A worker runs tiny-r1 under Node and under Bun; a worker
// killed mid-GRPO loses its lease and another resumes from the newest checkpoint, reproducing the
// uninterrupted run; an API restart mid-run loses no metric batch and claims no job twice. "Mid"
// is made sure by a gate between worker and API that holds the worker at a checkpoint, not by
// racing its steps (on a fast machine ten tiny steps end before a poll sees the first).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { presetSpec } from '@r1lab/pipeline/spec';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const apiEntry = join(root, 'apps/api/src/entry-node.ts');
const workerMain = join(root, 'apps/worker/src/main.ts');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const gates: Server[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const g of gates) {
    g.closeAllConnections();
    g.close();
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function temp(prefix: string) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}
function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', R1LAB_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, log: () => out, exited };
}

const QUEUE_ENV = {
  R1LAB_LEASE_SECONDS: '4',
  R1LAB_HEARTBEAT_SECONDS: '1',
  R1LAB_SWEEP_MS: '500',
  R1LAB_BACKOFF_SECONDS: '0.5',
};

async function startApi(
  dataDir: string,
  port: number,
  env: Record<string, string> = QUEUE_ENV,
): Promise<Proc & { url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const p = start(
    process.execPath,
    ['--import', 'tsx', apiEntry, '--port', String(port), '--data-dir', dataDir],
    env,
  );
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`API exited: ${p.log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { ...p, url };
    } catch {}
    await sleep(200);
  }
  throw new Error(`API did not start: ${p.log()}`);
}

function startWorker(runtime: 'node' | 'bun', api: string, name: string): Proc {
  const args = [
    '--api',
    api,
    '--backend',
    'wasm',
    '--name',
    name,
    '--cache-dir',
    temp(`r1lab-w-${name}-`),
  ];
  return runtime === 'bun'
    ? start(bin('bun'), [workerMain, ...args])
    : start(process.execPath, ['--import', 'tsx', workerMain, ...args]);
}

interface Call {
  method: string;
  path: string;
  body: string;
}

/**
 * A proxy between one worker and the API that forwards every call until `holdAfter` says yes to
 * one it forwarded; from then on it holds every call, unanswered, until `open()`. The worker waits
 * where that call left it, however quick its steps; the API behind may restart meanwhile (a call
 * it cannot take gets 502, which the worker retries). `arm()` sets it to hold once more.
 */
async function gate(api: string, holdAfter: (call: Call) => Promise<boolean>) {
  let held: Promise<void> | null = null;
  let release = () => {};
  let armed = true;
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (held) await held;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (
        typeof v === 'string' &&
        !['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)
      )
        headers.set(k, v);
    }
    const body = Buffer.concat(chunks);
    try {
      const up = await fetch(`${api}${req.url}`, {
        method: req.method,
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      const bytes = new Uint8Array(await up.arrayBuffer());
      const call = { method: req.method ?? '', path: req.url ?? '', body: body.toString() };
      if (armed && up.ok && (await holdAfter(call).catch(() => false))) {
        armed = false;
        held = new Promise((r) => (release = r));
      }
      const type = up.headers.get('content-type');
      res.writeHead(up.status, type ? { 'content-type': type } : {}).end(bytes);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  gates.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holding: () => held !== null,
    open: () => {
      held = null;
      release();
    },
    /** Holds again after the next forwarded call `holdAfter` says yes to. */
    arm: () => {
      armed = true;
    },
  };
}

/** Whether a forwarded call committed a checkpoint of run `runId`'s stage `stage` at a step in
 * `minStep` … `maxStep`. */
async function committedCheckpoint(
  api: string,
  call: Call,
  runId: string | undefined,
  stage: string,
  minStep: number,
  maxStep = Number.POSITIVE_INFINITY,
) {
  const job = /^\/v1\/jobs\/([^/]+)\/checkpoints$/.exec(call.path)?.[1];
  if (!runId || call.method !== 'POST' || !job) return false;
  const { step } = JSON.parse(call.body) as { step: number };
  if (step < minStep || step > maxStep) return false;
  const jobs = await json(api, `/v1/jobs?runId=${runId}`);
  return (jobs.items as Array<{ id: string; stageName: string }>).some(
    (j) => j.id === job && j.stageName === stage,
  );
}

async function json(api: string, path: string, init?: RequestInit) {
  const res = await fetch(`${api}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field below
  const body = (await res.json().catch(() => null)) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
const createRun = (api: string, body: unknown) =>
  json(api, '/v1/runs', { method: 'POST', body: JSON.stringify(body) });

async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | null | undefined | false>,
  logs: () => string,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe().catch(() => null);
    if (v) return v;
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}\n${logs()}`);
}

async function runStatus(api: string, id: string) {
  return (await json(api, `/v1/runs/${id}`)).status as string;
}

/** The steps of one metric of a stage, in order (every point, no downsampling). */
async function metricSteps(api: string, runId: string, stage: string, key: string) {
  const run = await json(api, `/v1/runs/${runId}`);
  const st = (run.stages as Array<{ id: string; name: string }>).find((s) => s.name === stage)!;
  const m = await json(
    api,
    `/v1/stages/${st.id}/metrics?keys=${encodeURIComponent(key)}&points=20000`,
  );
  const series = (m.series as Array<{ total: number; downsampled: boolean; steps: number[] }>)[0]!;
  expect(series.downsampled).toBe(false);
  expect(series.steps).toHaveLength(series.total);
  return series.steps;
}

async function finalPass1(api: string, runId: string) {
  const ev = await json(api, `/v1/runs/${runId}/evaluations`);
  return (
    ev.items as Array<{
      stage: string | null;
      pass1: number;
      details: { checkpoint?: { stage: string } };
    }>
  )
    .map((e) => [e.details?.checkpoint?.stage, e.pass1])
    .sort();
}

/** The exit code; a process still up after `ms` fails with its log, not a test timeout. */
const exitCode = async (p: Proc, ms = 90_000) => {
  const code = await Promise.race([p.exited, sleep(ms).then(() => 'running' as const)]);
  if (code === 'running') throw new Error(`still running after ${ms} ms:\n${p.log()}`);
  return code;
};

/** SIGTERM, then the exit code. */
const stop = async (p: Proc, ms = 90_000) => {
  if (p.child.exitCode !== null) return p.child.exitCode;
  p.child.kill('SIGTERM');
  return exitCode(p, ms);
};

describe('jobs and workers across processes', () => {
  it.each(['node', 'bun'] as const)(
    'a %s worker runs tiny-r1 to completion',
    async (runtime) => {
      const api = await startApi(temp('r1lab-api-'), await freePort());
      const run = await createRun(api.url, { preset: 'tiny-r1' });
      const worker = startWorker(runtime, api.url, `${runtime}-1`);
      const logs = () => `API:\n${api.log()}\nworker:\n${worker.log()}`;
      await waitFor(
        'the run to finish',
        280_000,
        async () => {
          const s = await runStatus(api.url, run.id);
          return s !== 'pending' && s !== 'running' ? s : null;
        },
        logs,
      );
      expect(await runStatus(api.url, run.id), logs()).toBe('succeeded');
      const detail = await json(api.url, `/v1/runs/${run.id}`);
      expect(
        (detail.stages as Array<{ status: string }>).every((s) => s.status === 'succeeded'),
      ).toBe(true);
      expect((await finalPass1(api.url, run.id)).length).toBeGreaterThan(0);
      const workers = await json(api.url, '/v1/workers');
      expect(workers.items[0].capabilities.runtime).toBe(runtime);
      expect(await stop(worker)).toBe(0);
      await stop(api);
    },
    300_000,
  );

  // GRPO long enough to be caught mid-way, checkpointing every 2 steps.
  const spec = (() => {
    const s = presetSpec('tiny-r1-zero', { seed: 3 }) as unknown as {
      stages: Array<Record<string, unknown>>;
    };
    const rl = s.stages.find((x) => x.name === 'rl')!;
    Object.assign(rl, { steps: 10, checkpointEvery: 2, evalEvery: 5 });
    return s;
  })();

  it('a killed worker: the other resumes from the newest checkpoint after the lease expires, and the result equals an uninterrupted run', async () => {
    const api = await startApi(temp('r1lab-api-'), await freePort());
    let interrupted: string | undefined;
    // Worker a is held once it has committed a GRPO checkpoint at step 4+ of the second run.
    const held = await gate(api.url, (call) =>
      committedCheckpoint(api.url, call, interrupted, 'rl', 4),
    );
    const a = startWorker('node', held.url, 'a');
    const logs = () => `API:\n${api.log()}\nworker a:\n${a.log()}`;
    // The uninterrupted reference, on the same API and worker.
    const ref = await createRun(api.url, { spec, name: 'reference' });
    await waitFor(
      'the reference run',
      280_000,
      async () => (await runStatus(api.url, ref.id)) === 'succeeded',
      logs,
    );
    const run = await createRun(api.url, { spec, name: 'interrupted' });
    interrupted = run.id;
    await waitFor(
      'worker a held after a GRPO checkpoint',
      200_000,
      async () => held.holding(),
      logs,
    );
    a.child.kill('SIGKILL');
    await a.exited;
    const b = startWorker('node', api.url, 'b');
    const logsB = () => `${logs()}\nworker b:\n${b.log()}`;
    await waitFor(
      'the interrupted run',
      280_000,
      async () => (await runStatus(api.url, run.id)) === 'succeeded',
      logsB,
    );
    const jobs = await json(api.url, `/v1/jobs?runId=${run.id}`);
    const rl = (jobs.items as Array<{ stageName: string; attempt: number; status: string }>).find(
      (j) => j.stageName === 'rl',
    )!;
    expect(rl).toMatchObject({ status: 'succeeded', attempt: 2 });
    // Every step of the stage appears exactly once, 1 … 10.
    const steps = await metricSteps(api.url, run.id, 'rl', 'reward');
    expect(steps).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(await finalPass1(api.url, run.id)).toEqual(await finalPass1(api.url, ref.id));
    expect(await stop(b)).toBe(0);
    await stop(api);
  }, 600_000);

  it('an API restart mid-run loses nothing; SIGTERM checkpoints and releases without burning an attempt', async () => {
    const dataDir = temp('r1lab-api-');
    const port = await freePort();
    // Leases long enough to outlast the restart: this test is about buffering, not expiry.
    const env = { ...QUEUE_ENV, R1LAB_LEASE_SECONDS: '120' };
    let api = await startApi(dataDir, port, env);
    let runId: string | undefined;
    let restarted = false;
    // The worker is held twice, each time after a GRPO checkpoint commit: once early (step 2+), so
    // the API goes down while the stage is young, and once after the restart (step 4 to 26, before
    // the last step, 30), for the SIGTERM. Holds, not timing: a fast worker runs the 30 steps in
    // a few seconds, faster than an API stops and starts.
    const held = await gate(api.url, (call) =>
      restarted
        ? committedCheckpoint(api.url, call, runId, 'rl', 4, 26)
        : committedCheckpoint(api.url, call, runId, 'rl', 2, 26),
    );
    const w = startWorker('node', held.url, 'steady');
    const logs = () => `API:\n${api.log()}\nworker:\n${w.log()}`;
    // Short enough that the run ends well inside the test's budget on a loaded 2-core machine (60
    // steps once ran past 600 s there while the same suite's other files were running).
    const long = structuredClone(spec);
    Object.assign(long.stages.find((x) => x.name === 'rl')!, { steps: 30, evalEvery: 15 });
    const run = await createRun(api.url, { spec: long, name: 'restart' });
    runId = run.id;
    // The waits' budgets sum to less than the test's, so a slow phase reports which one it was.
    await waitFor('GRPO under way', 180_000, async () => held.holding(), logs);
    await stop(api);
    // The worker meets the API down: its calls get 502 and are retried, its records buffered, and
    // its next checkpoint waits for the API to come back.
    restarted = true;
    held.arm();
    held.open();
    await waitFor(
      'the worker to find the API down',
      30_000,
      async () => w.log().includes('API unreachable'),
      logs,
    );
    await sleep(3_000);
    api = await startApi(dataDir, port, env);
    await waitFor(
      'the worker held after a GRPO checkpoint',
      120_000,
      async () => held.holding(),
      logs,
    );
    // SIGTERM mid-stage: the step finishes, a checkpoint is uploaded, the job goes back to pending.
    w.child.kill('SIGTERM');
    await waitFor(
      'the worker to take the signal',
      30_000,
      async () => w.log().includes('stopping'),
      logs,
    );
    held.open();
    // Not stop(): a second SIGTERM, with the handler spent, would kill the worker mid-checkpoint.
    expect(await exitCode(w), logs()).toBe(0);
    const jobsHeld = await json(api.url, `/v1/jobs?runId=${run.id}`);
    const rlJob = (
      jobsHeld.items as Array<{ stageName: string; status: string; attempt: number }>
    ).find((j) => j.stageName === 'rl');
    expect(rlJob).toMatchObject({ status: 'pending', attempt: 1 });
    const ckpts = await json(api.url, `/v1/runs/${run.id}/checkpoints`);
    expect(
      (ckpts.items as Array<{ stage: string; step: number }>).some(
        (c) => c.stage === 'rl' && c.step >= 4,
      ),
    ).toBe(true);
    const w2 = startWorker('node', api.url, 'second');
    await waitFor(
      'the run',
      240_000,
      async () => (await runStatus(api.url, run.id)) === 'succeeded',
      () => `${logs()}\nsecond:\n${w2.log()}`,
    );
    const jobs = await json(api.url, `/v1/jobs?runId=${run.id}`);
    expect((jobs.items as Array<{ attempt: number }>).every((j) => j.attempt === 1)).toBe(true);
    expect(await metricSteps(api.url, run.id, 'rl', 'reward')).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(await stop(w2)).toBe(0);
    await stop(api);
  }, 600_000);
});
