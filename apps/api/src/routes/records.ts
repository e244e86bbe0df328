// Evaluations (per run, per checkpoint, the leaderboard across runs), workers, and API tokens.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { apiTokens, checkpoints, evaluations, jobs, runs, stages, workers } from '@r1lab/db';
import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { createToken } from '../auth.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { evaluationDto } from '../dto.ts';
import { notFound, ProblemError, validationHook } from '../problem.ts';
import { checkpointOrThrow } from '../queries.ts';
import { json, problems } from '../responses.ts';
import { Evaluation, IdParam, LeaderboardEntry, Token, Worker } from '../schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const CreateToken = z
  .object({
    name: z.string().min(1).max(100).openapi({ example: 'gpu-box-1' }),
    role: z.enum(['admin', 'worker', 'viewer']),
  })
  .strict()
  .openapi('CreateToken');

export function recordsRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/evaluations',
        tags: ['evaluations'],
        summary: 'Every evaluation a run recorded',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(Evaluation) }), 'evaluations'),
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const [run] = await d.db.select({ id: runs.id }).from(runs).where(eq(runs.id, id));
        if (!run) throw notFound('run', id);
        return c.json({ items: await evaluationsWhere(d, eq(evaluations.runId, id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/checkpoints/{id}/evaluations',
        tags: ['evaluations'],
        summary: 'Evaluations of one checkpoint',
        request: { params: IdParam },
        responses: {
          200: json(z.object({ items: z.array(Evaluation) }), 'evaluations'),
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await checkpointOrThrow(d.db, id);
        return c.json({ items: await evaluationsWhere(d, eq(evaluations.checkpointId, id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/leaderboard',
        tags: ['evaluations'],
        summary: 'Best pass@1 per run on a benchmark (with the stage and step that reached it)',
        request: {
          query: z.object({
            benchmark: z.string().optional().openapi({ example: 'arith-easy-test' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(LeaderboardEntry) }), 'entries'),
          ...problems,
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await d.db
          .selectDistinctOn([evaluations.runId, evaluations.benchmark], {
            e: evaluations,
            runName: runs.name,
            preset: runs.preset,
            seed: runs.seed,
            step: checkpoints.step,
            stage: stages.name,
          })
          .from(evaluations)
          .innerJoin(runs, eq(runs.id, evaluations.runId))
          .leftJoin(checkpoints, eq(checkpoints.id, evaluations.checkpointId))
          .leftJoin(stages, eq(stages.id, checkpoints.stageId))
          .where(q.benchmark ? eq(evaluations.benchmark, q.benchmark) : undefined)
          .orderBy(evaluations.runId, evaluations.benchmark, desc(evaluations.pass1));
        const items = rows
          .map((r) => {
            const ck = (r.e.details as { checkpoint?: { stage: string; step: number } }).checkpoint;
            return {
              runId: r.e.runId!,
              runName: r.runName,
              preset: r.preset,
              seed: r.seed,
              benchmark: r.e.benchmark,
              pass1: r.e.pass1,
              stage: r.stage ?? ck?.stage ?? null,
              step: r.step ?? ck?.step ?? null,
              evaluationId: r.e.id,
            };
          })
          .sort((a, b) => b.pass1 - a.pass1)
          .slice(0, q.limit);
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workers',
        tags: ['workers'],
        summary: 'Registered workers with backend, last heartbeat and current job',
        responses: { 200: json(z.object({ items: z.array(Worker) }), 'workers'), ...problems },
      }),
      async (c) => {
        const rows = await d.db.select().from(workers).orderBy(desc(workers.lastSeenAt));
        const active = rows.length
          ? await d.db
              .select()
              .from(jobs)
              .where(
                and(
                  inArray(
                    jobs.workerId,
                    rows.map((w) => w.id),
                  ),
                  inArray(jobs.status, ['claimed', 'running']),
                ),
              )
          : [];
        return c.json(
          {
            items: rows.map((w) => {
              const job = active.find((j) => j.workerId === w.id);
              return {
                id: w.id,
                name: w.name,
                hostname: w.hostname,
                backend: w.backend,
                status: w.status,
                capabilities: w.capabilities,
                lastSeenAt: w.lastSeenAt.toISOString(),
                createdAt: w.createdAt.toISOString(),
                currentJob: job
                  ? { id: job.id, runId: job.runId, stageId: job.stageId, status: job.status }
                  : null,
              };
            }),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tokens',
        tags: ['tokens'],
        summary: 'Create an API token (admin); the token text is shown only in this response',
        request: {
          body: { content: { 'application/json': { schema: CreateToken } }, required: true },
        },
        responses: {
          201: json(Token.extend({ token: z.string() }), 'the token, shown once'),
          ...problems,
        },
      }),
      async (c) => {
        const t = await createToken(d.db, c.req.valid('json'));
        d.auth.invalidate();
        return c.json(
          {
            id: t.id,
            name: t.name,
            role: t.role,
            token: t.token,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: null,
            revokedAt: null,
          },
          201,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tokens',
        tags: ['tokens'],
        summary: 'List API tokens (admin); never their text',
        responses: { 200: json(z.object({ items: z.array(Token) }), 'tokens'), ...problems },
      }),
      async (c) => {
        const rows = await d.db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt));
        return c.json(
          {
            items: rows.map((t) => ({
              id: t.id,
              name: t.name,
              role: t.role,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: iso(t.lastUsedAt),
              revokedAt: iso(t.revokedAt),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/tokens/{id}',
        tags: ['tokens'],
        summary: 'Revoke a token (admin)',
        request: { params: IdParam },
        responses: { 204: { description: 'revoked' }, ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const [row] = await d.db
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (!row) {
          const [exists] = await d.db.select().from(apiTokens).where(eq(apiTokens.id, id));
          if (!exists) throw notFound('token', id);
          throw new ProblemError(409, `token ${id} is already revoked`);
        }
        d.auth.invalidate();
        return c.body(null, 204);
      },
    );
}

/** Evaluations matching `where`, oldest first, as API shapes. */
async function evaluationsWhere(d: ApiDeps, where: SQL) {
  const rows = await d.db
    .select()
    .from(evaluations)
    .where(where)
    .orderBy(asc(evaluations.createdAt));
  return rows.map(evaluationDto);
}
