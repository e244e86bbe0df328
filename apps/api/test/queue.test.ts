// The job queue on each database: claims exactly once under concurrency, leases that expire into
// retries with back-off and then failure, stages gated on their dependencies, stale claim tokens
// refused with nothing written, cancel seen at the next heartbeat, and commits that only ever show
// whole checkpoints.
import { createHash } from 'node:crypto';
import { type DbHandle, jobs, metrics, runs, stages } from '@r1lab/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob } from '../src/queue/jobs-sql.ts';
import { queueOptions } from '../src/queue/options.ts';
import { drivers, expectProblem, jsonBody, tempDir, testApp } from './fixtures.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(drivers())('job queue on %s', (_label, open, drop) => {
  let handle: DbHandle;
  const store = tempDir('r1lab-queue-');
  let api: ReturnType<typeof testApp>;
  const q = { leaseSeconds: 1, heartbeatSeconds: 1, backoffBaseSeconds: 0.3, maxAttempts: 2 };

  beforeAll(async () => {
    handle = await open();
    api = testApp(handle, store.dir, { queue: q });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
    store.remove();
  });

  const call = async (method: string, path: string, body?: unknown, token?: string) =>
    api.app.request(path, {
      method,
      ...(body === undefined ? {} : jsonBody(body, token ? { 'x-claim-token': token } : {})),
      ...(body === undefined && token ? { headers: { 'x-claim-token': token } } : {}),
    });
  const register = async () => {
    const res = await call('POST', '/v1/workers', { name: 'w', backend: 'wasm', threads: 1 });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const claim = async (workerId: string, backend = 'wasm') => {
    const res = await call('POST', '/v1/jobs/claim', { workerId, backend });
    if (res.status === 204) return null;
    expect(res.status).toBe(200);
    return (await res.json()) as {
      job: { id: string; stage: string; attempt: number; claimToken: string; runId: string };
      inputs: { checkpoints: Array<{ stage: string }>; resume: unknown };
    };
  };
  // A run of its own backend requirement: only claims for that backend see its jobs.
  const createRun = async (preset: string, seed = 0, backend?: string) => {
    const res = await call('POST', '/v1/runs', {
      preset,
      seed,
      ...(backend ? { requirements: { backend } } : {}),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** Uploads a fake checkpoint's files and commits it for the claimed job. */
  const commit = async (jobId: string, token: string, step: number) => {
    const model = new TextEncoder().encode(`weights of ${jobId} at ${step}`);
    const put = await api.app.request(`/v1/jobs/${jobId}/blobs/${sha(model)}`, {
      method: 'PUT',
      body: model,
      headers: { 'content-type': 'application/octet-stream', 'x-claim-token': token },
    });
    expect(put.status).toBe(200);
    const res = await call(
      'POST',
      `/v1/jobs/${jobId}/checkpoints`,
      { step, files: { 'model.safetensors': { sha256: sha(model), size: model.byteLength } } },
      token,
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };
  const jobsOf = async (runId: string) =>
    handle.db
      .select({ stage: stages.name, status: jobs.status, attempt: jobs.attempt })
      .from(jobs)
      .innerJoin(stages, eq(stages.id, jobs.stageId))
      .where(eq(jobs.runId, runId));

  it('8 concurrent claimers × 1,000 jobs: every job claimed exactly once', async () => {
    const [run] = await handle.db
      .insert(runs)
      .values({ name: 'bulk', spec: {}, specHash: 'x', seed: 0 })
      .returning({ id: runs.id });
    const stageRows = await handle.db
      .insert(stages)
      .values(
        Array.from({ length: 1_000 }, (_, i) => ({
          runId: run!.id,
          name: `s${i}`,
          kind: 'sft' as const,
          position: i,
          config: {},
        })),
      )
      .returning({ id: stages.id });
    await handle.db.insert(jobs).values(stageRows.map((s) => ({ runId: run!.id, stageId: s.id })));
    const worker = await register();
    const opts = queueOptions(q);
    const claimed: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const job = await claimJob(handle.db, worker, { backend: 'wasm' }, opts);
          if (!job) return;
          claimed.push(job.id);
        }
      }),
    );
    expect(claimed).toHaveLength(1_000);
    expect(new Set(claimed).size).toBe(1_000);
    await handle.db.delete(runs).where(eq(runs.id, run!.id));
  }, 120_000);

  it('gates stages on their dependencies, and a cached base completes without a job', async () => {
    const runId = await createRun('tiny-r1');
    expect(await jobsOf(runId)).toEqual([{ stage: 'base', status: 'pending', attempt: 1 }]);
    const worker = await register();
    const c = (await claim(worker))!;
    expect(c.job.stage).toBe('base');
    expect(c.inputs.checkpoints).toEqual([]);
    await commit(c.job.id, c.job.claimToken, 4);
    const done = await call(
      'POST',
      `/v1/jobs/${c.job.id}/complete`,
      { result: { steps: 4 } },
      c.job.claimToken,
    );
    expect(done.status).toBe(200);
    const after = await jobsOf(runId);
    expect(after.map((j) => `${j.stage}:${j.status}`).sort()).toEqual([
      'base:succeeded',
      'cold-start:pending',
    ]);
    const next = (await claim(worker))!;
    expect(next.job.stage).toBe('cold-start');
    expect(next.inputs.checkpoints.map((x) => x.stage)).toEqual(['base']);
    // A second run of the same spec reuses the base by its cache key: no job for it.
    const second = await createRun('tiny-r1', 1);
    const secondJobs = await jobsOf(second);
    expect(secondJobs.map((j) => j.stage)).toEqual(['cold-start']);
    const [base] = await handle.db
      .select({ status: stages.status, result: stages.result })
      .from(stages)
      .where(sql`${stages.runId} = ${second} and ${stages.name} = 'base'`);
    expect(base).toMatchObject({ status: 'succeeded', result: { cached: true } });
    for (const id of [runId, second]) await call('POST', `/v1/runs/${id}/cancel`);
  }, 60_000);

  it('lease expiry → retry after back-off → max attempts → the stage and run fail', async () => {
    const runId = await createRun('tiny-r1-zero', 7, 'lease');
    const worker = await register();
    expect(await claim(worker, 'wasm')).toBeNull(); // another backend's job
    const first = (await claim(worker, 'lease'))!;
    expect(first.job.attempt).toBe(1);
    const stage = first.job.stage;
    await sleep(1_100);
    expect(await api.deps.queue.sweep()).toBeGreaterThanOrEqual(1);
    expect(await jobsOf(runId)).toEqual([{ stage, status: 'pending', attempt: 2 }]);
    const [j] = await handle.db.select().from(jobs).where(eq(jobs.runId, runId));
    expect(j!.runAfter.getTime()).toBeGreaterThan(Date.now() - 50); // backing off
    expect(j!.error).toContain('lease expired');
    let second = await claim(worker, 'lease');
    for (let i = 0; !second && i < 40; i++) {
      await sleep(50);
      second = await claim(worker, 'lease');
    }
    expect(second!.job.attempt).toBe(2);
    await sleep(1_100);
    await api.deps.queue.sweep();
    expect(await jobsOf(runId)).toEqual([{ stage, status: 'failed', attempt: 2 }]);
    const run = (await (await call('GET', `/v1/runs/${runId}`)).json()) as {
      status: string;
      error: string;
      stages: Array<{ name: string; status: string; error: string | null }>;
    };
    expect(run.status).toBe('failed');
    expect(run.stages.find((s) => s.name === stage)).toMatchObject({ status: 'failed' });
    expect(run.error).toContain('lease expired');
    // A failed stage can be retried through the API: a fresh job, the run running again.
    const baseId = (run.stages as unknown as Array<{ id: string; name: string }>).find(
      (s) => s.name === stage,
    )!.id;
    const retry = await call('POST', `/v1/stages/${baseId}/retry`);
    expect(retry.status).toBe(202);
    const again = await jobsOf(runId);
    expect(again.filter((x) => x.status === 'pending')).toHaveLength(1);
    await call('POST', `/v1/runs/${runId}/cancel`);
  }, 60_000);

  it('refuses a stale claim token with 409 and writes nothing', async () => {
    const runId = await createRun('tiny-r1-zero', 8, 'stale');
    const worker = await register();
    const old = (await claim(worker, 'stale'))!;
    await sleep(1_100);
    await api.deps.queue.sweep();
    let fresh = await claim(worker, 'stale');
    for (let i = 0; !fresh && i < 40; i++) {
      await sleep(50);
      fresh = await claim(worker, 'stale');
    }
    expect(fresh!.job.id).toBe(old.job.id);
    const t = old.job.claimToken;
    const id = old.job.id;
    await expectProblem(
      await call(
        'POST',
        `/v1/jobs/${id}/metrics`,
        { points: [{ step: 0, key: 'loss', value: 1 }] },
        t,
      ),
      409,
      'x-claim-token',
    );
    await expectProblem(await call('POST', `/v1/jobs/${id}/heartbeat`, {}, t), 409);
    await expectProblem(await call('POST', `/v1/jobs/${id}/complete`, { result: {} }, t), 409);
    await expectProblem(
      await call('POST', `/v1/jobs/${id}/fail`, { error: 'x', retryable: false }, t),
      409,
    );
    const [stage] = await handle.db
      .select()
      .from(stages)
      .where(sql`${stages.runId} = ${runId} and ${stages.name} = ${old.job.stage}`);
    const rows = await handle.db.select().from(metrics).where(eq(metrics.stageId, stage!.id));
    expect(rows).toEqual([]);
    // The current claim still works.
    const ok = await call(
      'POST',
      `/v1/jobs/${id}/metrics`,
      {
        points: [
          { step: 0, key: 'loss', value: 1 },
          { step: 0, key: 'loss', value: 2 },
        ],
      },
      fresh!.job.claimToken,
    );
    expect(ok.status).toBe(200);
    const replay = await call(
      'POST',
      `/v1/jobs/${id}/metrics`,
      { points: [{ step: 0, key: 'loss', value: 3 }] },
      fresh!.job.claimToken,
    );
    expect(replay.status).toBe(200);
    const after = await handle.db.select().from(metrics).where(eq(metrics.stageId, stage!.id));
    expect(after.map((m) => [m.step, m.key, m.value])).toEqual([[0, 'loss', 3]]);
    await call('POST', `/v1/runs/${runId}/cancel`);
  }, 60_000);

  it('answers cancel at the next heartbeat; a shutdown release keeps the attempt', async () => {
    const runId = await createRun('tiny-r1-zero', 9, 'cancel');
    const worker = await register();
    const c = (await claim(worker, 'cancel'))!;
    const beat = await call(
      'POST',
      `/v1/jobs/${c.job.id}/heartbeat`,
      { done: 1, total: 4 },
      c.job.claimToken,
    );
    expect(await beat.json()).toMatchObject({ cancel: false });
    const released = await call(
      'POST',
      `/v1/jobs/${c.job.id}/release`,
      { reason: 'shutdown' },
      c.job.claimToken,
    );
    expect(released.status).toBe(200);
    expect(await jobsOf(runId)).toEqual([{ stage: c.job.stage, status: 'pending', attempt: 1 }]);
    const again = (await claim(worker, 'cancel'))!;
    expect(again.job.attempt).toBe(1);
    await call('POST', `/v1/runs/${runId}/cancel`);
    const told = await call('POST', `/v1/jobs/${again.job.id}/heartbeat`, {}, again.job.claimToken);
    expect(await told.json()).toMatchObject({ cancel: true });
  }, 60_000);

  it('shows a checkpoint only once committed; a wrong digest or a missing file is refused', async () => {
    const runId = await createRun('tiny-r1-zero', 10, 'commit');
    const worker = await register();
    const c = (await claim(worker, 'commit'))!;
    const t = c.job.claimToken;
    const bytes = new TextEncoder().encode('some weights');
    const wrong = await api.app.request(`/v1/jobs/${c.job.id}/blobs/${'0'.repeat(64)}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream', 'x-claim-token': t },
    });
    await expectProblem(wrong, 400, 'digest');
    const missing = await call(
      'POST',
      `/v1/jobs/${c.job.id}/checkpoints`,
      { step: 1, files: { 'model.safetensors': { sha256: sha(bytes), size: bytes.byteLength } } },
      t,
    );
    await expectProblem(missing, 422, 'files.model.safetensors');
    const listed = async () =>
      (
        (await (await call('GET', `/v1/runs/${runId}/checkpoints`)).json()) as {
          items: Array<{ stage: string }>;
        }
      ).items.filter((x) => x.stage === c.job.stage);
    expect(await listed()).toEqual([]);
    const id = await commit(c.job.id, t, 2);
    expect(await commit(c.job.id, t, 2)).toBe(id); // idempotent on (stage, step, sha256)
    expect(await listed()).toHaveLength(1);
    const files = await call('GET', `/v1/checkpoints/${id}/files`);
    expect(files.status).toBe(200);
    await call('POST', `/v1/runs/${runId}/cancel`);
  }, 60_000);
});
