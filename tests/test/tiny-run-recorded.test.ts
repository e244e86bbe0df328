// A tiny R1-Zero run the way `r1lab run` does it — the API in-process on a loopback port, one
// worker beside it — and the rows a dashboard reads (runs, stages with lineage, metrics, samples,
// checkpoints, evaluations), checked in the database and through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralToken } from '@r1lab/api';
import { type RunningServer, serveNode } from '@r1lab/api/serve-node';
import { checkpoints, evaluations, metrics, runs, samples, stages } from '@r1lab/db';
import { initBackend } from '@r1lab/model';
import { Worker } from '@r1lab/worker';
import { and, asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'r1lab-e2e-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// PGlite always; a real PostgreSQL too when DATABASE_URL is set (CI starts one), in a database of its own.
const drivers: Array<[string, () => Promise<string | undefined>, () => Promise<void>]> = [
  ['PGlite', async () => undefined, async () => {}],
];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const name = `r1lab_e2e_${process.pid}_${Date.now()}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  drivers.push([
    'PostgreSQL',
    async () => {
      const sql = admin();
      await sql.unsafe(`create database ${name}`);
      await sql.end();
      return Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
    },
    async () => {
      const sql = admin();
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  ]);
}

describe.each(drivers)('tiny-r1-zero recorded in the database (%s)', (label, open, drop) => {
  let server: RunningServer;
  const token = ephemeralToken();
  beforeAll(async () => {
    server = await serveNode({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, label),
      databaseUrl: await open(),
      logLevel: 'silent',
      inProcessTokens: { [token]: 'admin' },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await drop();
  });
  const call = async (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });

  it('writes the run, its stages, metrics, samples, checkpoints with lineage and evaluations', async () => {
    const created = await call('/v1/runs', {
      method: 'POST',
      body: JSON.stringify({ preset: 'tiny-r1-zero', seed: 2, useShippedBase: false }),
    });
    expect(created.status).toBe(201);
    const out = { runId: ((await created.json()) as { id: string }).id };
    let finished = false;
    const worker = new Worker({
      api: server.url,
      token,
      backend: 'wasm',
      cacheDir: join(dir, label, 'worker'),
      pollMs: 100,
      log: () => {},
      stopWhen: () => finished,
      onJob: async () => {
        const r = (await (await call(`/v1/runs/${out.runId}`)).json()) as { status: string };
        finished = ['succeeded', 'failed', 'cancelled'].includes(r.status);
      },
    });
    await worker.run();
    expect(worker.outcomes.map((o) => [o.stage, o.status])).toEqual([
      ['base', 'succeeded'],
      ['rl', 'succeeded'],
      ['eval', 'succeeded'],
    ]);
    const { db } = server.api.handle;

    const [run] = await db.select().from(runs).where(eq(runs.id, out.runId));
    expect(run).toMatchObject({ status: 'succeeded', seed: 2, preset: 'tiny-r1-zero' });
    expect((run!.spec as { name: string }).name).toBe('tiny-r1-zero');

    const stageRows = await db
      .select()
      .from(stages)
      .where(eq(stages.runId, out.runId))
      .orderBy(asc(stages.position));
    expect(stageRows.map((s) => [s.name, s.kind, s.status])).toEqual([
      ['base', 'pretrain', 'succeeded'],
      ['rl', 'grpo', 'succeeded'],
      ['eval', 'eval', 'succeeded'],
    ]);
    const [base, rl] = stageRows;
    expect(rl!.fromStageId).toBe(base!.id);
    expect(base!.cacheKey).toMatch(/^[0-9a-f]{64}$/);

    const reward = await db
      .select({ step: metrics.step, value: metrics.value })
      .from(metrics)
      .where(and(eq(metrics.stageId, rl!.id), eq(metrics.key, 'reward')))
      .orderBy(asc(metrics.step));
    expect(reward.map((r) => r.step)).toEqual([1, 2]);

    expect(
      (await db.select().from(samples).where(eq(samples.stageId, rl!.id))).length,
    ).toBeGreaterThan(0);

    const ckpts = await db.select().from(checkpoints).where(eq(checkpoints.runId, out.runId));
    const rlFinal = ckpts.find((c) => c.stageId === rl!.id && c.step === 2)!;
    const baseFinal = ckpts.find((c) => c.stageId === base!.id)!;
    expect(rlFinal.parentId).toBe(baseFinal.id);
    expect(rlFinal.sha256).toMatch(/^[0-9a-f]{64}$/);

    const evals = await db.select().from(evaluations).where(eq(evaluations.runId, out.runId));
    expect(evals).toHaveLength(2);
    expect(new Set(evals.map((e) => e.checkpointId))).toEqual(new Set([baseFinal.id, rlFinal.id]));

    // The API over the same database serves what the run recorded.
    const list = (await (await call('/v1/runs')).json()) as {
      items: Array<{ id: string; status: string; bestPass1: number | null }>;
    };
    const listed = list.items.find((r) => r.id === out.runId)!;
    expect(listed.status).toBe('succeeded');
    expect(listed.bestPass1).toBe(Math.max(...evals.map((e) => e.pass1)));
    const served = (await (await call(`/v1/runs/${out.runId}/evaluations`)).json()) as {
      items: Array<{ checkpointId: string; pass1: number }>;
    };
    expect(served.items.map((e) => e.checkpointId).sort()).toEqual(
      [baseFinal.id, rlFinal.id].sort(),
    );
    // The held-out check's fixed prompts are logged as samples too, to follow them across steps.
    const heldOut = (await (await call(`/v1/stages/${rl!.id}/samples?kind=held-out`)).json()) as {
      items: Array<{ step: number; idx: number; prompt: string }>;
    };
    expect(heldOut.items.map((x) => [x.step, x.idx])).toEqual([
      [2, 1000],
      [2, 1001],
      [2, 1002],
      [2, 1003],
    ]);
    const trained = (await (await call(`/v1/stages/${rl!.id}/samples?kind=train`)).json()) as {
      items: Array<{ advantage: number | null }>;
    };
    expect(trained.items.length).toBeGreaterThan(0);
    expect(trained.items.every((x) => typeof x.advantage === 'number')).toBe(true);
    const file = await call(`/v1/checkpoints/${rlFinal.id}/files/model.safetensors`);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-checksum-sha256')).toBe(rlFinal.sha256);
  }, 240_000);
});
