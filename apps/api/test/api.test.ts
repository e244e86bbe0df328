// Every resource route through app.request(): success and bad input, on PGlite and (with
// DATABASE_URL) PostgreSQL. Auth has its own file; this one runs in the open (no token) mode.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DbHandle, upsertBenchmarkRows } from '@r1lab/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drivers,
  expectProblem,
  jsonBody,
  type SeededRun,
  seedRun,
  seedWorker,
  tempDir,
  testApp,
} from './fixtures.ts';

type Api = ReturnType<typeof testApp>;

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(drivers())('API resources on %s', (_label, open, drop) => {
  let handle: DbHandle;
  let api: Api;
  let seeded: SeededRun;
  let second: SeededRun;
  const store = tempDir('r1lab-api-');
  const req = (path: string, init?: RequestInit) => api.app.request(path, init);
  const get = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const res = await req(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    handle = await open();
    api = testApp(handle, store.dir, { bodyLimit: 64 * 1024 });
    seeded = await seedRun(api.deps.records, store.dir, { seed: 0, name: 'alpha', pass1: 0.9 });
    second = await seedRun(api.deps.records, store.dir, { seed: 1, name: 'beta', pass1: 0.95 });
  }, 90_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
    store.remove();
  });

  it('answers /healthz with the database driver', async () => {
    const body = await get<{ status: string; database: { driver: string; reachable: boolean } }>(
      '/healthz',
    );
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ driver: handle.driver, reachable: true });
  });

  describe('runs', () => {
    it('creates a run from a preset with overrides: stages pending, base with its cache key', async () => {
      const res = await req('/v1/runs', {
        method: 'POST',
        ...jsonBody({ preset: 'tiny-r1', seed: 4, task: 'countdown' }),
      });
      expect(res.status).toBe(201);
      const run = (await res.json()) as {
        id: string;
        status: string;
        seed: number;
        task: string;
        preset: string;
        stages: Array<{ name: string; status: string; cacheKey: string | null }>;
      };
      expect(run).toMatchObject({
        status: 'pending',
        seed: 4,
        task: 'countdown',
        preset: 'tiny-r1',
      });
      expect(run.stages.map((s) => s.name)).toEqual([
        'base',
        'cold-start',
        'reasoning-rl',
        'rejection',
        'sft',
        'all-scenarios-rl',
        'eval',
      ]);
      expect(run.stages.every((s) => s.status === 'pending')).toBe(true);
      expect(run.stages[0]!.cacheKey).toMatch(/^[0-9a-f]{64}$/);
    });

    it('creates a run from a full spec', async () => {
      const spec = { name: 'mine', stages: [{ kind: 'pretrain', name: 'base', steps: 3 }] };
      const res = await req('/v1/runs', { method: 'POST', ...jsonBody({ spec }) });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { name: string }).name).toBe('mine');
    });

    it('refuses bad bodies with problem+json naming the field', async () => {
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ preset: 42 }) }),
        400,
        'preset',
      );
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ preset: 'r2' }) }),
        400,
        'preset',
      );
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({}) }),
        400,
        'preset',
      );
      await expectProblem(
        await req('/v1/runs', {
          method: 'POST',
          ...jsonBody({ preset: 'r1', spec: { stages: [] } }),
        }),
        400,
        'spec',
      );
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ preset: 'r1', seed: -1 }) }),
        400,
        'seed',
      );
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ preset: 'r1', colour: 'red' }) }),
        400,
      );
      const bad = {
        stages: [
          { kind: 'pretrain', name: 'base' },
          { kind: 'grpo', name: 'rl', from: 'base', lr: -1 },
        ],
      };
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ spec: bad }) }),
        400,
        'spec.stages.1.lr',
      );
      const dangling = { stages: [{ kind: 'grpo', name: 'rl', from: 'nowhere' }] };
      await expectProblem(
        await req('/v1/runs', { method: 'POST', ...jsonBody({ spec: dangling }) }),
        400,
        'spec.stages.0.from',
      );
      await expectProblem(
        await req('/v1/runs', {
          method: 'POST',
          body: '{"preset": ',
          headers: { 'content-type': 'application/json' },
        }),
        400,
      );
      await expectProblem(
        await req('/v1/runs', {
          method: 'POST',
          body: 'preset=r1',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
      );
    });

    it('refuses a body over the limit with 413, from Content-Length alone', async () => {
      const huge = JSON.stringify({ preset: 'r1', name: 'x'.repeat(100_000) });
      await expectProblem(
        await req('/v1/runs', {
          method: 'POST',
          body: huge,
          headers: { 'content-type': 'application/json' },
        }),
        413,
      );
      // A lying Content-Length: the stream is cut when it passes the limit.
      const stream = new ReadableStream({
        start(ctl) {
          for (let i = 0; i < 100; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(1024)));
          ctl.close();
        },
      });
      const res = await req('/v1/runs', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      await expectProblem(res, 413);
    });

    it('lists runs with filters, sort and cursor pagination', async () => {
      type Page = {
        items: Array<{ id: string; name: string; bestPass1: number | null }>;
        nextCursor: string | null;
      };
      const all = await get<Page>('/v1/runs?limit=500');
      expect(all.items.length).toBeGreaterThanOrEqual(4);
      const done = await get<Page>('/v1/runs?status=succeeded&sort=name');
      expect(done.items.map((r) => r.name)).toEqual(['alpha', 'beta']);
      expect(done.items.map((r) => r.bestPass1)).toEqual([0.9, 0.95]);
      expect((await get<Page>('/v1/runs?q=ALP')).items.map((r) => r.name)).toEqual(['alpha']);
      expect((await get<Page>('/v1/runs?preset=tiny-r1&task=countdown')).items).toHaveLength(1);
      const first = await get<Page>('/v1/runs?limit=1&sort=name');
      expect(first.nextCursor).toBeTruthy();
      const next = await get<Page>(`/v1/runs?limit=1&sort=name&cursor=${first.nextCursor}`);
      expect(next.items[0]!.name > first.items[0]!.name).toBe(true);
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const p: Page = await get<Page>(`/v1/runs?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        for (const r of p.items) seen.add(r.id);
        cursor = p.nextCursor;
      } while (cursor);
      expect(seen.size).toBe(all.items.length);
      await expectProblem(await req('/v1/runs?status=done'), 400, 'status');
      await expectProblem(await req('/v1/runs?limit=0'), 400, 'limit');
      await expectProblem(await req('/v1/runs?sort=size'), 400, 'sort');
      await expectProblem(await req('/v1/runs?cursor=%%%'), 400, 'cursor');
    });

    it('shows a run with stages, best pass@1 and lineage; 404 and 400 for bad ids', async () => {
      const run = await get<{
        bestPass1: number;
        status: string;
        stages: Array<{
          name: string;
          status: string;
          checkpointId: string | null;
          durationSeconds: number | null;
        }>;
        lineage: Array<{
          stage: string;
          from: string | null;
          checkpointId: string;
          parentCheckpointId: string | null;
        }>;
      }>(`/v1/runs/${seeded.runId}`);
      expect(run.status).toBe('succeeded');
      expect(run.bestPass1).toBe(0.9);
      expect(run.stages.map((s) => [s.name, s.status])).toEqual([
        ['base', 'succeeded'],
        ['rl', 'succeeded'],
        ['eval', 'succeeded'],
      ]);
      expect(run.lineage).toEqual([
        {
          stage: 'base',
          stageId: seeded.stageIds.get('base'),
          from: null,
          checkpointId: seeded.baseCheckpointId,
          parentCheckpointId: null,
        },
        {
          stage: 'rl',
          stageId: seeded.stageIds.get('rl'),
          from: 'base',
          checkpointId: seeded.rlCheckpointId,
          parentCheckpointId: seeded.baseCheckpointId,
        },
      ]);
      await expectProblem(await req(`/v1/runs/${MISSING}`), 404);
      await expectProblem(await req('/v1/runs/not-a-uuid'), 400, 'id');
      await expectProblem(await req('/v1/nothing-here'), 404);
    });

    it('cancels a pending run once, deletes only finished runs and their artifacts', async () => {
      const res = await req('/v1/runs', {
        method: 'POST',
        ...jsonBody({ preset: 'tiny-r1-zero' }),
      });
      const { id } = (await res.json()) as { id: string };
      await expectProblem(await req(`/v1/runs/${id}`, { method: 'DELETE' }), 409);
      const cancelled = await req(`/v1/runs/${id}/cancel`, { method: 'POST' });
      expect(cancelled.status).toBe(200);
      const body = (await cancelled.json()) as {
        status: string;
        stages: Array<{ status: string }>;
      };
      expect(body.status).toBe('cancelled');
      expect(body.stages.every((s) => s.status === 'cancelled')).toBe(true);
      await expectProblem(await req(`/v1/runs/${id}/cancel`, { method: 'POST' }), 409);
      expect((await req(`/v1/runs/${id}`, { method: 'DELETE' })).status).toBe(204);
      await expectProblem(await req(`/v1/runs/${id}`), 404);

      const victim = await seedRun(api.deps.records, store.dir, { seed: 9, name: 'victim' });
      const files = (await get<{ uri: string }>(`/v1/checkpoints/${victim.rlCheckpointId}`)).uri;
      expect(existsSync(fileURLToPath(files))).toBe(true);
      expect((await req(`/v1/runs/${victim.runId}`, { method: 'DELETE' })).status).toBe(204);
      expect(existsSync(fileURLToPath(files))).toBe(false);
      await expectProblem(await req(`/v1/checkpoints/${victim.rlCheckpointId}`), 404);
      await expectProblem(await req(`/v1/runs/${MISSING}/cancel`, { method: 'POST' }), 404);
    });
  });

  describe('stages, metrics, samples', () => {
    it('lists a run’s stages and resolves a stage’s references to ids', async () => {
      const { items } = await get<{ items: Array<{ id: string; name: string }> }>(
        `/v1/runs/${seeded.runId}/stages`,
      );
      expect(items.map((s) => s.name)).toEqual(['base', 'rl', 'eval']);
      const rl = await get<{
        config: { kind: string };
        references: Array<{ field: string; stage: string; stageId: string; checkpointId: string }>;
      }>(`/v1/stages/${seeded.stageIds.get('rl')}`);
      expect(rl.config.kind).toBe('grpo');
      expect(rl.references).toEqual([
        {
          field: 'from',
          stage: 'base',
          stageId: seeded.stageIds.get('base'),
          checkpointId: seeded.baseCheckpointId,
          datasetId: null,
        },
      ]);
      const ev = await get<{ references: Array<{ field: string; stage: string }> }>(
        `/v1/stages/${seeded.stageIds.get('eval')}`,
      );
      expect(ev.references.map((r) => [r.field, r.stage])).toEqual([
        ['checkpoints', 'base'],
        ['checkpoints', 'rl'],
      ]);
      await expectProblem(await req(`/v1/stages/${MISSING}`), 404);
      await expectProblem(await req(`/v1/runs/${MISSING}/stages`), 404);
    });

    it('returns raw series when small and min/max-bucketed series that keep the spike when large', async () => {
      const rl = seeded.stageIds.get('rl');
      type Res = {
        series: Array<{
          key: string;
          total: number;
          downsampled: boolean;
          steps: number[];
          values: number[];
          min: number[];
          max: number[];
        }>;
      };
      const raw = await get<Res>(`/v1/stages/${rl}/metrics?keys=kl&points=1000`);
      expect(raw.series[0]).toMatchObject({ key: 'kl', total: 500, downsampled: false });
      expect(raw.series[0]!.steps.slice(0, 3)).toEqual([10, 20, 30]);
      const down = await get<Res>(`/v1/stages/${rl}/metrics?keys=reward,kl,missing&points=100`);
      const reward = down.series.find((s) => s.key === 'reward')!;
      expect(reward.total).toBe(5_000);
      expect(reward.downsampled).toBe(true);
      expect(reward.steps.length).toBeLessThanOrEqual(100);
      expect(Math.max(...reward.max)).toBe(10);
      expect(Math.max(...reward.values)).toBeLessThan(10);
      expect(down.series.find((s) => s.key === 'missing')).toMatchObject({ total: 0, steps: [] });
      const window = await get<Res>(`/v1/stages/${rl}/metrics?keys=reward&from=100&to=199`);
      expect(window.series[0]!.steps).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
      await expectProblem(await req(`/v1/stages/${rl}/metrics`), 400, 'keys');
      await expectProblem(
        await req(`/v1/stages/${rl}/metrics?keys=reward&points=1`),
        400,
        'points',
      );
      await expectProblem(
        await req(`/v1/stages/${rl}/metrics?keys=reward&from=9&to=1`),
        400,
        'from',
      );
      await expectProblem(await req(`/v1/stages/${rl}/metrics?keys=reward&from=abc`), 400, 'from');
      await expectProblem(await req(`/v1/stages/${MISSING}/metrics?keys=reward`), 404);
      const keys = await get<{
        items: Array<{ key: string; count: number; firstStep: number; lastStep: number }>;
      }>(`/v1/stages/${rl}/metric-keys`);
      expect(keys.items).toEqual([
        { key: 'kl', count: 500, firstStep: 10, lastStep: 5_000 },
        { key: 'reward', count: 5_000, firstStep: 1, lastStep: 5_000 },
      ]);
    });

    it('downsamples wide ranges from the block table, exactly, edges included', async () => {
      const rl = seeded.stageIds.get('rl');
      type Res = {
        series: Array<{
          total: number;
          downsampled: boolean;
          steps: number[];
          values: number[];
          min: number[];
          max: number[];
        }>;
      };
      const value = (step: number) => (step === 2_500 ? 10 : Math.sin(step / 100) * 0.1 + 0.5);
      const check = async (from: number, to: number, points: number) => {
        const res = await get<Res>(
          `/v1/stages/${rl}/metrics?keys=reward&from=${from}&to=${to}&points=${points}`,
        );
        const s = res.series[0]!;
        expect(s.downsampled).toBe(true);
        expect(s.total).toBe(to - from + 1);
        expect(s.steps.length).toBeLessThanOrEqual(points + 2);
        expect(s.steps[0]).toBe(from);
        // Bucket i spans from its first step to the next bucket's: the mean, min and max of exactly those points.
        for (let i = 0; i < s.steps.length; i++) {
          const end = i + 1 < s.steps.length ? s.steps[i + 1]! - 1 : to;
          const vals = Array.from({ length: end - s.steps[i]! + 1 }, (_, j) =>
            value(s.steps[i]! + j),
          );
          expect(s.values[i]).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 9);
          expect(s.min[i]).toBeCloseTo(Math.min(...vals), 12);
          expect(s.max[i]).toBeCloseTo(Math.max(...vals), 12);
        }
        return s;
      };
      const whole = await check(1, 5_000, 10);
      expect(Math.max(...whole.max)).toBe(10);
      await check(300, 4_321, 5);
      await check(1_000, 1_200, 150);
    });

    it('upserts a replayed metric step instead of adding a row', async () => {
      const rl = seeded.stageIds.get('rl')!;
      await api.deps.records.writeMetrics(rl, [{ step: 7, key: 'reward', value: 0.123 }]);
      const res = await get<{ series: Array<{ total: number; values: number[] }> }>(
        `/v1/stages/${rl}/metrics?keys=reward&from=7&to=7`,
      );
      expect(res.series[0]).toMatchObject({ total: 1, values: [0.123] });
    });

    it('pages samples by step, filters them, and follows one prompt across steps', async () => {
      const rl = seeded.stageIds.get('rl');
      type Page = {
        items: Array<{
          step: number;
          completion: string;
          think: string | null;
          answerText: string | null;
          correct: boolean;
        }>;
        nextCursor: string | null;
      };
      const step1 = await get<Page>(`/v1/stages/${rl}/samples?step=1`);
      expect(step1.items).toHaveLength(2);
      expect(step1.items[0]).toMatchObject({
        think: '2 plus 3 is 5',
        answerText: '5',
        correct: true,
      });
      expect(
        (await get<Page>(`/v1/stages/${rl}/samples?filter=wrong`)).items.map((s) => s.completion),
      ).toEqual(['4 plus 4 is 9']);
      expect((await get<Page>(`/v1/stages/${rl}/samples?filter=format`)).items).toHaveLength(1);
      expect(
        (await get<Page>(`/v1/stages/${rl}/samples?filter=mixed`)).items.map((s) => s.step),
      ).toEqual([2]);
      const followed = await get<Page>(
        `/v1/stages/${rl}/samples?prompt=${encodeURIComponent('Compute 2+3.\n')}`,
      );
      expect(followed.items.map((s) => s.step)).toEqual([1, 2]);
      const p1 = await get<Page>(`/v1/stages/${rl}/samples?limit=2`);
      const p2 = await get<Page>(`/v1/stages/${rl}/samples?limit=2&cursor=${p1.nextCursor}`);
      expect([...p1.items, ...p2.items].map((s) => s.step)).toEqual([1, 1, 2]);
      expect(p2.nextCursor).toBeNull();
      await expectProblem(await req(`/v1/stages/${rl}/samples?filter=good`), 400, 'filter');
      await expectProblem(await req(`/v1/stages/${MISSING}/samples`), 404);
    });
  });

  describe('checkpoints, datasets, evaluations, workers', () => {
    it('serves checkpoint metadata, lineage and files with their sha256', async () => {
      const ck = await get<{ stage: string; step: number; parentId: string }>(
        `/v1/checkpoints/${seeded.rlCheckpointId}`,
      );
      expect(ck).toMatchObject({ stage: 'rl', step: 2, parentId: seeded.baseCheckpointId });
      const chain = await get<{ items: Array<{ id: string }> }>(
        `/v1/checkpoints/${seeded.rlCheckpointId}/lineage`,
      );
      expect(chain.items.map((c) => c.id)).toEqual([
        seeded.rlCheckpointId,
        seeded.baseCheckpointId,
      ]);
      const files = await get<{ items: Array<{ name: string; size: number; sha256: string }> }>(
        `/v1/checkpoints/${seeded.rlCheckpointId}/files`,
      );
      expect(files.items.map((f) => f.name)).toEqual(['config.json', 'model.safetensors']);
      const res = await req(`/v1/checkpoints/${seeded.rlCheckpointId}/files/model.safetensors`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const digest = createHash('sha256').update(bytes).digest('hex');
      expect(bytes).toEqual(seeded.modelBytes);
      expect(res.headers.get('x-checksum-sha256')).toBe(digest);
      expect(res.headers.get('content-length')).toBe(String(seeded.modelBytes.length));
      expect(res.headers.get('repr-digest')).toBe(
        `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`,
      );
      const all = await get<{ items: Array<{ stage: string }> }>(
        `/v1/runs/${seeded.runId}/checkpoints`,
      );
      expect(all.items.map((c) => c.stage)).toEqual(['base', 'rl']);
      await expectProblem(
        await req(`/v1/checkpoints/${seeded.rlCheckpointId}/files/optimizer.safetensors`),
        404,
      );
      await expectProblem(
        await req(`/v1/checkpoints/${seeded.rlCheckpointId}/files/..%2F..%2Fetc`),
        400,
        'name',
      );
      await expectProblem(await req(`/v1/checkpoints/${MISSING}`), 404);
      await expectProblem(await req(`/v1/checkpoints/${MISSING}/lineage`), 404);
    });

    it('serves dataset metadata, JSONL download and a preview', async () => {
      const ds = await get<{ name: string; rowCount: number }>(`/v1/datasets/${seeded.datasetId}`);
      expect(ds).toMatchObject({ name: 'samples', rowCount: 3 });
      expect(
        (await get<{ items: unknown[] }>(`/v1/runs/${seeded.runId}/datasets`)).items,
      ).toHaveLength(1);
      const dl = await req(`/v1/datasets/${seeded.datasetId}/download`);
      expect(dl.headers.get('content-type')).toBe('application/x-ndjson');
      expect((await dl.text()).trim().split('\n')).toHaveLength(3);
      const preview = await get<{ items: Array<{ prompt: string }>; total: number }>(
        `/v1/datasets/${seeded.datasetId}/preview?rows=2`,
      );
      expect(preview).toEqual({
        items: [
          { prompt: 'p0', completion: 'c0' },
          { prompt: 'p1', completion: 'c1' },
        ],
        total: 3,
      });
      await expectProblem(
        await req(`/v1/datasets/${seeded.datasetId}/preview?rows=0`),
        400,
        'rows',
      );
      await expectProblem(await req(`/v1/datasets/${MISSING}`), 404);
    });

    it('lists evaluations per run and per checkpoint, and the leaderboard across runs', async () => {
      const evals = await get<{ items: Array<{ pass1: number; checkpoint: { stage: string } }> }>(
        `/v1/runs/${seeded.runId}/evaluations`,
      );
      expect(evals.items.map((e) => [e.checkpoint.stage, e.pass1])).toEqual([
        ['base', 0.2],
        ['rl', 0.9],
      ]);
      const one = await get<{ items: Array<{ pass1: number }> }>(
        `/v1/checkpoints/${seeded.rlCheckpointId}/evaluations`,
      );
      expect(one.items.map((e) => e.pass1)).toEqual([0.9]);
      const board = await get<{
        items: Array<{ runName: string; pass1: number; stage: string; step: number }>;
      }>('/v1/leaderboard?benchmark=arith-easy-test');
      expect(board.items.slice(0, 2).map((e) => [e.runName, e.pass1, e.stage, e.step])).toEqual([
        ['beta', 0.95, 'rl', 2],
        ['alpha', 0.9, 'rl', 2],
      ]);
      expect((await get<{ items: unknown[] }>('/v1/leaderboard?benchmark=nope')).items).toEqual([]);
      await expectProblem(await req(`/v1/runs/${MISSING}/evaluations`), 404);
      await expectProblem(await req('/v1/leaderboard?limit=x'), 400, 'limit');
    });

    it('lists workers', async () => {
      const id = await seedWorker(handle);
      const { items } = await get<{
        items: Array<{ id: string; backend: string; currentJob: unknown }>;
      }>('/v1/workers');
      expect(items.find((w) => w.id === id)).toMatchObject({ backend: 'wasm', currentJob: null });
    });
  });

  it('serves pass@1 over versions from benchmark_results, one row per file × preset × seed × stage', async () => {
    const row = (source: string, date: string, stage: string, pass1: number) => ({
      preset: 'r1-zero',
      task: 'arith',
      seed: 0,
      stage,
      commit: source.slice(6, 13),
      dirty: false as const,
      date,
      tag: null,
      quick: false,
      specHash: 'h',
      pass1,
      format: 0.98,
      language: 0.9,
      problems: 500,
      samplesPerProblem: 8,
      wallSeconds: 500,
      cached: false,
      source,
    });
    const older = [
      row('pass1/aaaaaaa.json', '2026-11-28T10:00:00Z', 'rl', 0.89),
      row('pass1/aaaaaaa.json', '2026-11-28T10:00:00Z', 'base', 0.21),
    ];
    const newer = [row('pass1/bbbbbbb.json', '2026-11-29T10:00:00Z', 'rl', 0.942)];
    await upsertBenchmarkRows(handle.db, [...newer, ...older]);
    await upsertBenchmarkRows(handle.db, older);
    const series = await get<{ items: Array<{ stage: string; points: number; latest: string }> }>(
      '/v1/benchmarks',
    );
    expect(series.items.map((s) => [s.stage, s.points])).toEqual([
      ['base', 1],
      ['rl', 2],
    ]);
    const rl = await get<{ items: Array<{ commit: string; pass1: number; date: string }> }>(
      '/v1/benchmarks/pass1?preset=r1-zero&task=arith&stage=rl',
    );
    expect(rl.items.map((p) => [p.commit, p.pass1])).toEqual([
      ['aaaaaaa', 0.89],
      ['bbbbbbb', 0.942],
    ]);
    expect((await get<{ items: unknown[] }>('/v1/benchmarks/pass1?preset=r1')).items).toEqual([]);
    await expectProblem(await req('/v1/benchmarks/pass1?seed=x'), 400, 'seed');
  });

  it('keeps the second run apart from the first', async () => {
    expect(second.runId).not.toBe(seeded.runId);
    const run = await get<{ seed: number }>(`/v1/runs/${second.runId}`);
    expect(run.seed).toBe(1);
  });
});
