// The worker protocol (role `worker`): register, claim, heartbeat, stream the record (metrics,
// samples, evaluations), upload files and commit checkpoints and datasets, then complete, fail or
// release. Every call for a job presents its claim token; a stale one gets 409 and writes nothing.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkpoints, runs, stages, workers } from '@r1lab/db';
import { evaluationRecordRow, type PipelineSpec } from '@r1lab/pipeline/spec';
import { and, eq } from 'drizzle-orm';
import { blobKey, commitCheckpoint, commitDataset } from '../artifacts/commit.ts';
import { DigestMismatch } from '../artifacts/store.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import {
  Claimed,
  ClaimHeader,
  ClaimRequest,
  CommitCheckpoint,
  CommitDataset,
  Complete,
  EvaluationBatch,
  Fail,
  Heartbeat,
  HeartbeatReply,
  MetricBatch,
  Registered,
  RegisterWorker,
  Release,
  SampleBatch,
} from '../job-schemas.ts';
import { badRequest, ProblemError, validationHook } from '../problem.ts';
import { stageOrThrow } from '../queries.ts';
import { jobInputs } from '../queue/job-inputs.ts';
import { fencedJob } from '../queue/jobs-sql.ts';
import { json, problems } from '../responses.ts';
import { IdParam } from '../schemas.ts';

const JobParam = IdParam;
const BlobParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256')
    .openapi({ param: { name: 'digest', in: 'path' } }),
});

const ok = z.object({ ok: z.literal(true) }).openapi('Ok');

export function jobsRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const fenced = (id: string, token: string) => fencedJob(d.db, id, token);
  const post = <B extends z.ZodType>(path: string, summary: string, body: B, reply: z.ZodType) =>
    createRoute({
      method: 'post',
      path,
      tags: ['jobs'],
      summary,
      request: {
        params: JobParam,
        headers: ClaimHeader,
        body: { content: { 'application/json': { schema: body } }, required: true },
      },
      responses: { 200: json(reply, 'done'), ...problems },
    });

  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/workers',
        tags: ['workers'],
        summary: 'Register a worker (name, host, runtime, backend, threads, memory)',
        request: {
          body: { content: { 'application/json': { schema: RegisterWorker } }, required: true },
        },
        responses: { 201: json(Registered, 'the worker id and the lease timings'), ...problems },
      }),
      async (c) => {
        const b = c.req.valid('json');
        const [row] = await d.db
          .insert(workers)
          .values({
            name: b.name,
            hostname: b.hostname ?? null,
            backend: b.backend ?? null,
            capabilities: {
              runtime: b.runtime ?? null,
              runtimeVersion: b.runtimeVersion ?? null,
              threads: b.threads ?? null,
              memoryBytes: b.memoryBytes ?? null,
            },
            status: 'idle',
          })
          .returning({ id: workers.id });
        const q = d.queue.options;
        return c.json(
          { id: row!.id, leaseSeconds: q.leaseSeconds, heartbeatSeconds: q.heartbeatSeconds },
          201,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/jobs/claim',
        tags: ['jobs'],
        summary: 'Claim the next job this worker can run (204 when none is claimable)',
        request: {
          body: { content: { 'application/json': { schema: ClaimRequest } }, required: true },
        },
        responses: {
          200: json(Claimed, 'the job, its claim token, specs and inputs'),
          204: { description: 'nothing claimable now' },
          ...problems,
        },
      }),
      async (c) => {
        const b = c.req.valid('json');
        const [worker] = await d.db
          .select({ id: workers.id })
          .from(workers)
          .where(eq(workers.id, b.workerId));
        if (!worker) {
          throw new ProblemError(404, `no worker ${b.workerId}: register with POST /v1/workers`, {
            errors: [{ path: 'workerId', message: 'unknown worker', in: 'body' }],
          });
        }
        const job = await d.queue.claim(b.workerId, {
          backend: b.backend,
          memoryBytes: b.memoryBytes,
        });
        if (!job) return c.body(null, 204);
        const [row] = await d.db
          .select({ spec: runs.spec, stageName: stages.name, config: stages.config })
          .from(stages)
          .innerJoin(runs, eq(runs.id, stages.runId))
          .where(eq(stages.id, job.stageId));
        const spec = row!.spec as unknown as PipelineSpec;
        return c.json(
          {
            job: {
              id: job.id,
              runId: job.runId,
              stageId: job.stageId,
              stage: row!.stageName,
              attempt: job.attempt,
              maxAttempts: job.maxAttempts,
              claimToken: job.claimToken!,
              leaseExpiresAt: job.leaseExpiresAt!.toISOString(),
              heartbeatSeconds: d.queue.options.heartbeatSeconds,
            },
            spec: row!.spec,
            stage: row!.config,
            inputs: await jobInputs(d, spec, job.runId, row!.stageName),
          },
          200,
        );
      },
    )
    .openapi(
      post(
        '/jobs/{id}/heartbeat',
        'Extend the lease, report progress; answers whether to cancel',
        Heartbeat,
        HeartbeatReply,
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const token = c.req.valid('header')['x-claim-token'];
        const job = await fenced(id, token);
        const b = c.req.valid('json');
        const r = await d.queue.heartbeat(job, token, b);
        if (!r.leaseExpiresAt) await fenced(id, token); // lost between the check and the update
        return c.json(
          { leaseExpiresAt: (r.leaseExpiresAt ?? new Date()).toISOString(), cancel: r.cancel },
          200,
        );
      },
    )
    .openapi(
      post(
        '/jobs/{id}/metrics',
        'Metric points (upserted on stage, key, step)',
        MetricBatch,
        z.object({ written: z.number().int() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const job = await fenced(id, c.req.valid('header')['x-claim-token']);
        const written = await d.records.writeMetrics(job.stageId, c.req.valid('json').points);
        return c.json({ written }, 200);
      },
    )
    .openapi(
      post(
        '/jobs/{id}/samples',
        'Completions (upserted on stage, step, index)',
        SampleBatch,
        z.object({ written: z.number().int() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const job = await fenced(id, c.req.valid('header')['x-claim-token']);
        const { samples } = c.req.valid('json');
        await d.records.writeSamples(job.stageId, samples);
        return c.json({ written: samples.length }, 200);
      },
    )
    .openapi(
      post(
        '/jobs/{id}/evaluations',
        "Evaluation rows of the run's checkpoints",
        EvaluationBatch,
        z.object({ written: z.number().int() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const job = await fenced(id, c.req.valid('header')['x-claim-token']);
        const { evaluations } = c.req.valid('json');
        for (const e of evaluations) {
          const checkpointId = await checkpointIdOf(d, job.runId, e.checkpoint);
          // A retried eval job's rows replace the first attempt's (RunRecords.writeEvaluation).
          await d.records.writeEvaluation({
            stageId: job.stageId,
            checkpointId,
            ...evaluationRecordRow(e),
          });
        }
        return c.json({ written: evaluations.length }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/jobs/{id}/blobs/{digest}',
        tags: ['jobs'],
        summary: 'Upload one file (streamed; refused unless it hashes to the sha256 in the path)',
        request: {
          params: BlobParam,
          headers: ClaimHeader,
          body: {
            content: {
              'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
            },
            required: true,
          },
        },
        responses: {
          200: json(z.object({ sha256: z.string(), size: z.number().int() }), 'stored'),
          ...problems,
        },
      }),
      async (c) => {
        const { id, digest: sha256 } = c.req.valid('param');
        await fenced(id, c.req.valid('header')['x-claim-token']);
        const have = await d.artifacts.stat(blobKey(sha256));
        if (have) {
          await c.req.raw.body?.cancel();
          return c.json({ sha256, size: have.size }, 200);
        }
        const body = c.req.raw.body;
        if (!body) throw badRequest('empty body', [{ path: '(body)', message: 'the file bytes' }]);
        try {
          const st = await d.artifacts.put(blobKey(sha256), body, { sha256 });
          return c.json({ sha256, size: st.size }, 200);
        } catch (err) {
          if (err instanceof DigestMismatch) {
            throw badRequest(err.message, [
              { path: 'digest', message: `the bytes hash to ${err.actual}`, in: 'path' },
            ]);
          }
          throw err;
        }
      },
    )
    .openapi(
      post(
        '/jobs/{id}/checkpoints',
        'Commit a checkpoint from uploaded files (idempotent on stage, step, sha256)',
        CommitCheckpoint,
        z.object({ id: z.uuid() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const job = await fenced(id, c.req.valid('header')['x-claim-token']);
        const b = c.req.valid('json');
        const stage = await stageOrThrow(d.db, job.stageId);
        const parentId = b.parent ? await checkpointIdOf(d, job.runId, b.parent) : null;
        const ckpt = await commitCheckpoint(d, {
          runId: job.runId,
          stageId: job.stageId,
          stageName: stage.name,
          step: b.step,
          files: b.files,
          parentId,
          summary: b.summary ?? null,
        });
        return c.json({ id: ckpt }, 200);
      },
    )
    .openapi(
      post(
        '/jobs/{id}/datasets',
        'Commit a dataset (JSONL) from an uploaded file',
        CommitDataset,
        z.object({ id: z.uuid() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const job = await fenced(id, c.req.valid('header')['x-claim-token']);
        const b = c.req.valid('json');
        const stage = await stageOrThrow(d.db, job.stageId);
        const ds = await commitDataset(d, {
          runId: job.runId,
          stageId: job.stageId,
          stageName: stage.name,
          name: b.name,
          file: b.file,
          rows: b.rows,
          stats: b.stats,
        });
        return c.json({ id: ds }, 200);
      },
    )
    .openapi(
      post('/jobs/{id}/complete', 'The stage finished: its result summary', Complete, ok),
      async (c) => {
        const { id } = c.req.valid('param');
        const token = c.req.valid('header')['x-claim-token'];
        const job = await fenced(id, token);
        await d.queue.complete(job, token, c.req.valid('json').result);
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      post(
        '/jobs/{id}/fail',
        'The attempt failed: retried later with back-off, or the stage fails',
        Fail,
        z.object({ status: z.string(), attempt: z.number().int() }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const token = c.req.valid('header')['x-claim-token'];
        const job = await fenced(id, token);
        const b = c.req.valid('json');
        return c.json(await d.queue.fail(job, token, b.error, b.retryable), 200);
      },
    )
    .openapi(
      post(
        '/jobs/{id}/release',
        'Give the job back: on shutdown it is pending again with the same attempt',
        Release,
        ok,
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const token = c.req.valid('header')['x-claim-token'];
        const job = await fenced(id, token);
        await d.queue.release(job, token, c.req.valid('json').reason);
        return c.json({ ok: true as const }, 200);
      },
    );
}

async function checkpointIdOf(
  d: ApiDeps,
  runId: string,
  ref: { stage: string; step: number },
): Promise<string | null> {
  const [row] = await d.db
    .select({ id: checkpoints.id })
    .from(checkpoints)
    .innerJoin(stages, eq(stages.id, checkpoints.stageId))
    .where(
      and(eq(stages.runId, runId), eq(stages.name, ref.stage), eq(checkpoints.step, ref.step)),
    );
  return row?.id ?? null;
}
