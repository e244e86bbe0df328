// createApp: the r1lab API as a Hono app. Tests call `app.request()` with no server; the entry
// files (Node, Bun, Deno) serve the same app.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Db, type DbDriver, RunRecords } from '@r1lab/db';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import pino, { type Logger } from 'pino';
import type { ArtifactStore } from './artifacts/store.ts';
import { Auth, type AuthOptions, authMiddleware } from './auth.ts';
import type { ApiDeps, ApiEnv } from './context.ts';
import { docsAsset, docsPage } from './docs.ts';
import { EventBus, type SseOptions } from './events.ts';
import { ProblemError, problemResponse, validationHook } from './problem.ts';
import { apiMetrics } from './prometheus.ts';
import type { QueueOptions } from './queue/options.ts';
import { JobQueue } from './queue/queue.ts';
import { artifactsRoutes } from './routes/artifacts.ts';
import { benchmarksRoutes } from './routes/benchmarks.ts';
import { jobsRoutes } from './routes/jobs.ts';
import { queueRoutes } from './routes/queue.ts';
import { recordsRoutes } from './routes/records.ts';
import { runsRoutes } from './routes/runs.ts';
import { stagesRoutes } from './routes/stages.ts';
import { API_VERSION } from './version.ts';
import { webAssets } from './web-assets.ts';

export interface CreateAppOptions {
  db: Db;
  driver: DbDriver;
  artifacts: ArtifactStore;
  auth?: AuthOptions;
  /** Largest request body in bytes (default 8 MiB); larger ones get 413 before they are read. */
  bodyLimit?: number;
  /** Origins allowed by CORS; none by default (the dashboard is served by the API itself). */
  corsOrigins?: string[];
  sse?: SseOptions;
  logger?: Logger;
  /** Lease, heartbeat and retry timings of the job queue; where shipped bases are looked up. */
  queue?: QueueOptions & { shippedBasesDir?: string };
}

function buildRoutes(d: ApiDeps) {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .route('/', runsRoutes(d))
    .route('/', stagesRoutes(d))
    .route('/', artifactsRoutes(d))
    .route('/', recordsRoutes(d))
    .route('/', benchmarksRoutes(d))
    .route('/', queueRoutes(d));
}

/**
 * The API app and what it was built from.
 *
 * @example
 * const { db } = await createDb({ dataDir: 'memory://' });
 * const api = createApp({ db, driver: 'pglite', artifacts: new LocalFolderStore('.r1lab') });
 * const res = await api.app.request('/healthz');
 */
export function createApp(o: CreateAppOptions) {
  const bus = new EventBus();
  const auth = new Auth(o.db, o.auth);
  const deps: ApiDeps = {
    db: o.db,
    driver: o.driver,
    records: new RunRecords(o.db, (runId) => bus.notify(runId)),
    artifacts: o.artifacts,
    bus,
    auth,
    sse: o.sse ?? {},
    queue: undefined as unknown as JobQueue,
  };
  deps.queue = new JobQueue(deps, o.queue);
  const log = o.logger ?? pino({ level: 'info' });
  const metrics = apiMetrics(o.db);
  const limit = o.bodyLimit ?? 8 * 1024 * 1024;

  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    log.info({
      reqId: c.get('requestId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Math.round((performance.now() - t0) * 10) / 10,
    });
  });
  app.use('*', metrics.middleware);
  if (o.corsOrigins?.length) app.use('*', cors({ origin: o.corsOrigins }));
  const jsonLimit = bodyLimit({
    maxSize: limit,
    onError: (c) => problemResponse(c, 413, `request body over the ${limit}-byte limit`),
  });
  // Checkpoint files are streamed to the store (sha256-checked), so they are exempt from the JSON
  // limit; every other body is held to it.
  app.use('/v1/*', (c, next) =>
    c.req.method === 'PUT' && /^\/v1\/jobs\/[^/]+\/blobs\//.test(c.req.path)
      ? next()
      : jsonLimit(c, next),
  );
  app.use('/v1/*', authMiddleware(auth));
  app.use('/metrics', authMiddleware(auth));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'r1l_… token from `r1lab token create` or POST /v1/tokens',
  });

  const routed = app.route('/v1', buildRoutes(deps));
  // The worker protocol is its own route tree, typed for workers by its zod schemas
  // (job-schemas.ts): one client type over every route grows past what TypeScript can check.
  const workerRoutes = jobsRoutes(deps);
  app.route('/v1', workerRoutes as unknown as OpenAPIHono<ApiEnv>);

  const Health = z
    .object({
      status: z.enum(['ok', 'unavailable']),
      version: z.string(),
      database: z.object({ driver: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
    })
    .openapi('Health');
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['ops'],
      summary: 'Liveness: the database answers',
      security: [],
      responses: {
        200: { description: 'healthy', content: { 'application/json': { schema: Health } } },
        503: {
          description: 'database unreachable',
          content: { 'application/json': { schema: Health } },
        },
      },
    }),
    async (c) => {
      const database = { driver: o.driver, reachable: true };
      try {
        await o.db.execute(sql`select 1`);
        return c.json({ status: 'ok' as const, version: API_VERSION, database }, 200);
      } catch (err) {
        log.error({ err }, 'health check: database unreachable');
        const down = { ...database, reachable: false };
        return c.json(
          { status: 'unavailable' as const, version: API_VERSION, database: down },
          503,
        );
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['ops'],
      summary: 'Prometheus metrics (requests, latency, runs and jobs by status, queue depth)',
      responses: {
        200: {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: z.string() } },
        },
      },
    }),
    async (c) =>
      c.text(await metrics.registry.metrics(), 200, {
        'content-type': metrics.registry.contentType,
      }),
  );
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'r1lab API',
      version: API_VERSION,
      description:
        'Runs, stages, metrics, samples, checkpoints, datasets and evaluations of r1lab training runs.',
    },
    security: [{ bearer: [] }],
  });
  app.get('/docs', () => docsPage());
  app.get(
    '/docs/assets/:name',
    async (c) => (await docsAsset(c.req.param('name'))) ?? c.notFound(),
  );
  app.get('*', webAssets());

  app.notFound((c) =>
    problemResponse(c, 404, `no route ${c.req.method} ${new URL(c.req.url).pathname}`),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err.status, err.message, err.extra);
    if (err instanceof HTTPException) return problemResponse(c, err.status, err.message);
    log.error({ err, reqId: c.get('requestId') }, 'unhandled error');
    return problemResponse(c, 500, `internal error (request ${c.get('requestId')})`);
  });

  return { app: routed, deps };
}

/** The API's route types, for `hono/client`. */
export type AppType = ReturnType<typeof createApp>['app'];
