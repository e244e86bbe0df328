// /v1/runs: create from a preset or a spec (validated by the pipeline's own zod spec), list with
// filters and cursor pagination, show with stages and lineage, cancel, delete, live events.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkpoints, datasets, runs, stages } from '@r1lab/db';
import {
  hashJson,
  PRESETS,
  type PresetName,
  parseSpec,
  presetSpec,
  SpecError,
  stagePlan,
} from '@r1lab/pipeline/spec';
import { and, asc, desc, eq, ilike, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { decodeCursor, encodeCursor, runDto, stageDto } from '../dto.ts';
import { streamRunEvents } from '../events.ts';
import { badRequest, notFound, ProblemError, validationHook } from '../problem.ts';
import { bestPass1ByRun, containsPattern, newestCheckpoints } from '../queries.ts';
import { json, problems } from '../responses.ts';
import { IdParam, PageQuery, page, Run, RunDetail, Status } from '../schemas.ts';

const PRESET_NAMES = Object.keys(PRESETS) as [PresetName, ...PresetName[]];
const FINISHED = ['succeeded', 'failed', 'cancelled'] as const;

const CreateRun = z
  .object({
    preset: z.enum(PRESET_NAMES).optional().openapi({ example: 'r1-zero' }),
    spec: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'a full pipeline spec (see @r1lab/pipeline)' }),
    seed: z.number().int().min(0).optional(),
    task: z.enum(['arith', 'countdown', 'linear', 'word']).optional(),
    name: z.string().min(1).max(200).optional(),
    useShippedBase: z
      .boolean()
      .default(true)
      .openapi({ description: 'a pretrain stage whose cache key matches a shipped base uses it' }),
    requirements: z
      .object({
        backend: z.string().max(50).optional(),
        memoryBytes: z.number().int().min(0).optional(),
      })
      .strict()
      .optional()
      .openapi({ description: "what a worker needs to claim this run's jobs" }),
  })
  .strict()
  .openapi('CreateRun');

const SORTS = ['createdAt', '-createdAt', 'name', '-name'] as const;
const ListQuery = z.object({
  status: z
    .string()
    .optional()
    .openapi({ description: 'comma-separated statuses', example: 'running,succeeded' }),
  preset: z.string().optional(),
  task: z.string().optional(),
  q: z.string().max(200).optional().openapi({ description: 'name contains (case-insensitive)' }),
  sort: z.enum(SORTS).default('-createdAt'),
  ...PageQuery,
});

export function runsRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/runs',
        tags: ['runs'],
        summary: 'Create a run from a preset (with seed / task overrides) or a full spec',
        request: {
          body: { content: { 'application/json': { schema: CreateRun } }, required: true },
        },
        responses: { 201: json(RunDetail, 'the run, its stages pending'), ...problems },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const spec = specOf(body);
        const preset = body.preset ?? null;
        const { runId } = await d.records.createRun(
          {
            name: body.name ?? spec.name,
            preset,
            spec: spec as unknown as Record<string, unknown>,
            specHash: hashJson(spec),
            seed: spec.seed,
            options: {
              useShippedBase: body.useShippedBase,
              ...(body.requirements ? { requirements: body.requirements } : {}),
            },
          },
          stagePlan(spec),
        );
        await d.queue.scheduler.scheduleRun(runId);
        return c.json(await runDetail(d, runId), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs',
        tags: ['runs'],
        summary: 'List runs (filters, sort, cursor pagination)',
        request: { query: ListQuery },
        responses: { 200: json(page(Run, 'RunPage'), 'a page of runs'), ...problems },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const where: SQL[] = [];
        if (q.status) {
          const list = q.status.split(',').map((s) => s.trim());
          const bad = list.filter((s) => !Status.safeParse(s).success);
          if (bad.length > 0) {
            throw badRequest(`unknown status "${bad[0]}"`, [
              { path: 'status', message: `expected ${Status.options.join(' | ')}`, in: 'query' },
            ]);
          }
          where.push(inArray(runs.status, list as Array<(typeof Status.options)[number]>));
        }
        if (q.preset) where.push(eq(runs.preset, q.preset));
        if (q.task) where.push(sql`${runs.spec}->'task'->>'name' = ${q.task}`);
        if (q.q) where.push(ilike(runs.name, containsPattern(q.q)));
        const byName = q.sort.endsWith('name');
        const descending = q.sort.startsWith('-');
        const column = byName ? runs.name : runs.createdAt;
        if (q.cursor) {
          const [v, id] = decodeCursor(q.cursor);
          // Timestamps travel as Postgres text, so the cursor keeps their microseconds.
          const value = byName ? sql`${String(v)}::text` : sql`${String(v)}::timestamptz`;
          const after = sql`(${column}, ${runs.id})`;
          const at = sql`(${value}, ${String(id)}::uuid)`;
          where.push(descending ? sql`${after} < ${at}` : sql`${after} > ${at}`);
        }
        const order = descending ? [desc(column), desc(runs.id)] : [asc(column), asc(runs.id)];
        const rows = await d.db
          .select({ run: runs, createdText: sql<string>`${runs.createdAt}::text` })
          .from(runs)
          .where(where.length > 0 ? and(...where) : undefined)
          .orderBy(...order)
          .limit(q.limit + 1);
        const more = rows.length > q.limit;
        const page = rows.slice(0, q.limit);
        const items = page.map((r) => r.run);
        const best = await bestPass1ByRun(
          d.db,
          items.map((r) => r.id),
        );
        const last = page.at(-1);
        return c.json(
          {
            items: items.map((r) => runDto(r, best.get(r.id) ?? null)),
            nextCursor:
              more && last
                ? encodeCursor(byName ? last.run.name : last.createdText, last.run.id)
                : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}',
        tags: ['runs'],
        summary: 'A run with its stages, best pass@1 and checkpoint lineage',
        request: { params: IdParam },
        responses: { 200: json(RunDetail, 'the run'), ...problems },
      }),
      async (c) => c.json(await runDetail(d, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/runs/{id}/cancel',
        tags: ['runs'],
        summary: 'Cancel a pending or running run',
        request: { params: IdParam },
        responses: { 200: json(RunDetail, 'the cancelled run'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const run = await runRow(d, id);
        if ((FINISHED as readonly string[]).includes(run.status)) {
          throw new ProblemError(409, `run ${id} already ${run.status}; nothing to cancel`);
        }
        const open = await d.db
          .select({ id: stages.id })
          .from(stages)
          .where(and(eq(stages.runId, id), notInArray(stages.status, [...FINISHED])));
        for (const s of open) await d.records.setStageStatus(s.id, 'cancelled');
        await d.records.setRunStatus(id, 'cancelled');
        // Unclaimed jobs end now; a worker holding one is told at its next heartbeat.
        await d.queue.scheduler.cancelPending(id);
        return c.json(await runDetail(d, id), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/runs/{id}',
        tags: ['runs'],
        summary: 'Delete a finished run, its record and its artifacts',
        request: { params: IdParam },
        responses: { 204: { description: 'deleted' }, ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const run = await runRow(d, id);
        if (!(FINISHED as readonly string[]).includes(run.status)) {
          throw new ProblemError(409, `run ${id} is ${run.status}; cancel it before deleting`);
        }
        const ckpts = await d.db
          .select({ uri: checkpoints.uri })
          .from(checkpoints)
          .where(eq(checkpoints.runId, id));
        const data = await d.db
          .select({ uri: datasets.uri })
          .from(datasets)
          .where(eq(datasets.runId, id));
        for (const { uri } of [...ckpts, ...data]) {
          const key = d.artifacts.keyOf(uri);
          if (key) await d.artifacts.delete(key);
        }
        await d.db.delete(runs).where(eq(runs.id, id));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/events',
        tags: ['runs'],
        summary: 'Live events of a run (Server-Sent Events); Last-Event-ID resumes',
        request: {
          params: IdParam,
          query: z.object({
            lastEventId: z.coerce.number().int().min(0).optional().openapi({
              description: 'resume after this event id (the Last-Event-ID header also works)',
            }),
          }),
        },
        responses: {
          200: {
            description:
              'text/event-stream of `run`, `stage`, `metrics`, `samples`, `checkpoint`, `dataset`, `evaluation` events',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await runRow(d, id);
        const header = c.req.header('last-event-id');
        const fromHeader = header !== undefined ? Number(header) : undefined;
        if (fromHeader !== undefined && !(Number.isInteger(fromHeader) && fromHeader >= 0)) {
          throw badRequest('Last-Event-ID must be an event id', [
            { path: 'last-event-id', message: 'expected a non-negative integer', in: 'header' },
          ]);
        }
        const after = fromHeader ?? c.req.valid('query').lastEventId ?? 0;
        return streamRunEvents(c, d.db, d.bus, id, after, d.sse);
      },
    );
}

function specOf(body: z.infer<typeof CreateRun>) {
  if ((body.preset === undefined) === (body.spec === undefined)) {
    throw badRequest('give exactly one of "preset" and "spec"', [
      {
        path: body.preset === undefined ? 'preset' : 'spec',
        message: 'exactly one of preset, spec',
        in: 'body',
      },
    ]);
  }
  try {
    if (body.preset) return presetSpec(body.preset, { seed: body.seed, task: body.task });
    const raw = { ...body.spec } as Record<string, unknown>;
    if (body.seed !== undefined) raw.seed = body.seed;
    if (body.task !== undefined) raw.task = { ...((raw.task as object) ?? {}), name: body.task };
    return parseSpec(raw);
  } catch (err) {
    if (err instanceof SpecError) {
      throw badRequest(
        err.message,
        err.issues.map((i) => ({
          path: `spec.${i.path}`,
          message: i.message,
          in: 'body' as const,
        })),
      );
    }
    throw err;
  }
}

async function runRow(d: ApiDeps, id: string) {
  const [row] = await d.db.select().from(runs).where(eq(runs.id, id));
  if (!row) throw notFound('run', id);
  return row;
}

/** A run with its stages, best pass@1 and the checkpoint chain stage by stage. */
export async function runDetail(d: ApiDeps, id: string) {
  const run = await runRow(d, id);
  const stageRows = await d.db
    .select()
    .from(stages)
    .where(eq(stages.runId, id))
    .orderBy(asc(stages.position));
  const newest = await newestCheckpoints(d.db, id);
  const parents = new Map(
    (
      await d.db
        .select({ id: checkpoints.id, parentId: checkpoints.parentId })
        .from(checkpoints)
        .where(eq(checkpoints.runId, id))
    ).map((r) => [r.id, r.parentId]),
  );
  const names = new Map(stageRows.map((s) => [s.id, s.name]));
  const best = (await bestPass1ByRun(d.db, [id])).get(id) ?? null;
  return {
    ...runDto(run, best),
    spec: run.spec,
    stages: stageRows.map((s) => stageDto(s, newest.get(s.id) ?? null)),
    lineage: stageRows
      .filter((s) => newest.has(s.id))
      .map((s) => {
        const checkpointId = newest.get(s.id) ?? null;
        return {
          stage: s.name,
          stageId: s.id,
          from: s.fromStageId ? (names.get(s.fromStageId) ?? null) : null,
          checkpointId,
          parentCheckpointId: checkpointId ? (parents.get(checkpointId) ?? null) : null,
        };
      }),
  };
}
