// GET /metrics in Prometheus text format: request count and latency by route, runs and jobs by
// status, queue depth. One registry per app, so tests and several apps in a process never clash.
import { type Db, jobs, runs } from '@r1lab/db';
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  middleware: MiddlewareHandler;
}

export function apiMetrics(db: Db): ApiMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'r1lab_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'r1lab_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const count = async (table: typeof runs | typeof jobs) => {
    const r = await db.execute(
      sql`select status::text as status, count(*)::int as n from ${table} group by status`,
    );
    return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{
      status: string;
      n: number;
    }>;
  };
  new Gauge({
    name: 'r1lab_runs',
    help: 'Runs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await count(runs)) this.set({ status: r.status }, Number(r.n));
    },
  });
  new Gauge({
    name: 'r1lab_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await count(jobs)) this.set({ status: r.status }, Number(r.n));
    },
  });
  new Gauge({
    name: 'r1lab_queue_depth',
    help: 'Jobs waiting to be claimed',
    registers: [registry],
    async collect() {
      const rows = await count(jobs);
      this.set(Number(rows.find((r) => r.status === 'pending')?.n ?? 0));
    },
  });
  return {
    registry,
    middleware: async (c, next) => {
      const t0 = performance.now();
      await next();
      // The matched route pattern, not the raw path: one series per route, whatever the ids.
      const route = routePath(c, -1) || 'unmatched';
      const labels = { method: c.req.method, route };
      latency.observe(labels, (performance.now() - t0) / 1000);
      requests.inc({ ...labels, status: String(c.res.status) });
    },
  };
}
