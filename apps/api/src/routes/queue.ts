// The queue as the dashboard and operators see it: jobs by status, and retrying a failed stage.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { jobs, stages } from '@r1lab/db';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { decodeCursor, encodeCursor } from '../dto.ts';
import { Job, JobStatus } from '../job-schemas.ts';
import { badRequest, ProblemError, validationHook } from '../problem.ts';
import { stageOrThrow } from '../queries.ts';
import type { JobRow } from '../queue/jobs-sql.ts';
import { json, problems } from '../responses.ts';
import { IdParam, PageQuery, page, Stage } from '../schemas.ts';

export function queueRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/jobs',
        tags: ['jobs'],
        summary: 'The queue: jobs by status, newest first',
        request: {
          query: z.object({
            status: z
              .string()
              .optional()
              .openapi({ description: 'comma-separated job statuses', example: 'pending,running' }),
            runId: z.uuid().optional(),
            ...PageQuery,
          }),
        },
        responses: { 200: json(page(Job, 'JobPage'), 'a page of jobs'), ...problems },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const where: SQL[] = [];
        if (q.status) {
          const list = q.status.split(',').map((s) => s.trim());
          const bad = list.find((s) => !JobStatus.safeParse(s).success);
          if (bad) {
            throw badRequest(`unknown job status "${bad}"`, [
              { path: 'status', message: `expected ${JobStatus.options.join(' | ')}`, in: 'query' },
            ]);
          }
          where.push(inArray(jobs.status, list as Array<JobRow['status']>));
        }
        if (q.runId) where.push(eq(jobs.runId, q.runId));
        if (q.cursor) {
          const [v, id] = decodeCursor(q.cursor);
          where.push(
            sql`(${jobs.createdAt}, ${jobs.id}) < (${String(v)}::timestamptz, ${String(id)}::uuid)`,
          );
        }
        const rows = await d.db
          .select({
            j: jobs,
            stageName: stages.name,
            createdText: sql<string>`${jobs.createdAt}::text`,
          })
          .from(jobs)
          .innerJoin(stages, eq(stages.id, jobs.stageId))
          .where(where.length ? and(...where) : undefined)
          .orderBy(desc(jobs.createdAt), desc(jobs.id))
          .limit(q.limit + 1);
        const more = rows.length > q.limit;
        const items = rows.slice(0, q.limit);
        const last = items[items.length - 1];
        return c.json(
          {
            items: items.map((r) => jobDto(r.j, r.stageName)),
            nextCursor: more && last ? encodeCursor(last.createdText, last.j.id) : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/stages/{id}/retry',
        tags: ['stages'],
        summary: 'Retry a failed or cancelled stage (and the later stages it held back)',
        request: { params: IdParam },
        responses: { 202: json(Stage.pick({ id: true, status: true }), 'queued'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const stage = await stageOrThrow(d.db, id);
        if (stage.status !== 'failed' && stage.status !== 'cancelled') {
          throw new ProblemError(
            409,
            `stage ${id} is ${stage.status}; only a failed or cancelled stage can be retried`,
          );
        }
        const later = await d.db
          .select({ id: stages.id })
          .from(stages)
          .where(
            and(
              eq(stages.runId, stage.runId),
              inArray(stages.status, ['failed', 'cancelled']),
              sql`${stages.position} >= ${stage.position}`,
            ),
          );
        for (const s of later) await d.records.setStageStatus(s.id, 'pending', { error: null });
        await d.records.setRunStatus(stage.runId, 'running');
        await d.queue.scheduler.scheduleRun(stage.runId);
        return c.json({ id, status: 'pending' as const }, 202);
      },
    );
}

function jobDto(j: JobRow, stageName: string) {
  const iso = (t: Date | null) => (t ? t.toISOString() : null);
  return {
    id: j.id,
    runId: j.runId,
    stageId: j.stageId,
    stageName,
    status: j.status,
    attempt: j.attempt,
    maxAttempts: j.maxAttempts,
    workerId: j.workerId,
    runAfter: j.runAfter.toISOString(),
    leaseExpiresAt: iso(j.leaseExpiresAt),
    heartbeatAt: iso(j.heartbeatAt),
    progressDone: j.progressDone,
    progressTotal: j.progressTotal,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
  };
}
