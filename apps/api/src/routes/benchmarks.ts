// pass@1 over versions: the series `bench:pass1` results feed (stored in benchmark_results), per
// preset × task × seed × stage, keyed by commit and date.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { benchmarkResults } from '@r1lab/db';
import { and, asc, count, eq, max, type SQL } from 'drizzle-orm';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { validationHook } from '../problem.ts';
import { json, problems } from '../responses.ts';

const iso = (d: Date) => d.toISOString();

const BenchmarkSeries = z
  .object({
    suite: z.string(),
    preset: z.string(),
    task: z.string(),
    seed: z.number().int(),
    stage: z.string(),
    points: z.number().int(),
    latest: z.string(),
  })
  .openapi('BenchmarkSeries');

const Pass1Point = z
  .object({
    preset: z.string(),
    task: z.string(),
    seed: z.number().int(),
    stage: z.string(),
    commit: z.string(),
    dirty: z.string(),
    date: z.string(),
    tag: z.string().nullable(),
    quick: z.boolean(),
    specHash: z.string().nullable(),
    pass1: z.number().nullable(),
    format: z.number().nullable(),
    language: z.number().nullable(),
    problems: z.number().int().nullable(),
    samplesPerProblem: z.number().int().nullable(),
    wallSeconds: z.number().nullable(),
    cached: z.boolean().nullable(),
    source: z.string(),
  })
  .openapi('Pass1Point');

export function benchmarksRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/benchmarks',
        tags: ['benchmarks'],
        summary: 'The stored benchmark series (preset × task × seed × stage) with their sizes',
        responses: {
          200: json(z.object({ items: z.array(BenchmarkSeries) }), 'series'),
          ...problems,
        },
      }),
      async (c) => {
        const b = benchmarkResults;
        const rows = await d.db
          .select({
            suite: b.suite,
            preset: b.preset,
            task: b.task,
            seed: b.seed,
            stage: b.stage,
            points: count(),
            latest: max(b.date),
          })
          .from(b)
          .groupBy(b.suite, b.preset, b.task, b.seed, b.stage)
          .orderBy(b.suite, b.preset, b.task, b.seed, b.stage);
        return c.json(
          {
            items: rows.map((r) => ({
              ...r,
              points: Number(r.points),
              latest: iso(new Date(r.latest!)),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/benchmarks/pass1',
        tags: ['benchmarks'],
        summary: 'pass@1 over versions, oldest first, filtered by preset, task, seed and stage',
        request: {
          query: z.object({
            preset: z.string().optional().openapi({ example: 'r1-zero' }),
            task: z.string().optional().openapi({ example: 'arith' }),
            seed: z.coerce.number().int().min(0).optional(),
            stage: z.string().optional(),
            quick: z
              .enum(['true', 'false'])
              .optional()
              .openapi({ description: 'only quick (or only full) runs' }),
          }),
        },
        responses: { 200: json(z.object({ items: z.array(Pass1Point) }), 'points'), ...problems },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const b = benchmarkResults;
        const where: SQL[] = [eq(b.suite, 'pass1')];
        if (q.preset) where.push(eq(b.preset, q.preset));
        if (q.task) where.push(eq(b.task, q.task));
        if (q.seed !== undefined) where.push(eq(b.seed, q.seed));
        if (q.stage) where.push(eq(b.stage, q.stage));
        if (q.quick) where.push(eq(b.quick, q.quick === 'true'));
        const rows = await d.db
          .select()
          .from(b)
          .where(and(...where))
          .orderBy(asc(b.date), asc(b.preset), asc(b.seed), asc(b.stage));
        return c.json(
          {
            items: rows.map(({ id: _id, suite: _s, createdAt: _c, ...r }) => ({
              ...r,
              date: iso(r.date),
            })),
          },
          200,
        );
      },
    );
}
