// `r1lab serve`: the API (and its docs) on this machine, over the data folder `r1lab run` writes.
// `r1lab token`: create, list and revoke API tokens directly in the database.
import { join, resolve } from 'node:path';
import { createToken, dashboardUrl, ephemeralToken, queueEnv, type Role } from '@r1lab/api';
import { serveNode } from '@r1lab/api/serve-node';
import { apiTokens, createDb } from '@r1lab/db';
import { Worker } from '@r1lab/worker';
import { and, eq, isNull } from 'drizzle-orm';
import { textTable } from '../text-table.ts';
import { positiveInt } from './options.ts';

export async function serveCommand(o: {
  port: string;
  host: string;
  dataDir?: string;
  workers?: string;
  backend?: string;
}): Promise<void> {
  const count = positiveInt('--workers', o.workers ?? '0', 0);
  // Local workers authenticate with in-memory tokens that die with the process.
  const workerToken = ephemeralToken();
  const dataDir = resolve(o.dataDir ?? process.env.R1LAB_DATA_DIR ?? '.r1lab');
  const server = await serveNode({
    port: positiveInt('--port', o.port, 0),
    host: o.host,
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    logLevel: process.env.R1LAB_LOG_LEVEL,
    corsOrigins: process.env.R1LAB_CORS_ORIGINS?.split(',').filter(Boolean),
    queue: queueEnv(process.env),
    inProcessTokens: { [workerToken]: 'worker' },
  });
  console.log(
    `r1lab API: ${server.url}  (dashboard ${dashboardUrl(server.url)}, docs ${server.url}/docs, OpenAPI ${server.url}/openapi.json)`,
  );
  console.log(`database: ${server.api.handle.driver} (${server.api.handle.location})`);
  const workers = Array.from(
    { length: count },
    (_, i) =>
      new Worker({
        api: server.url,
        token: workerToken,
        backend: (o.backend ?? 'auto') as 'auto',
        cacheDir: join(dataDir, 'worker'),
        name: `local-${process.pid}-${i + 1}`,
        log: (line) => console.log(`[worker ${i + 1}] ${line}`),
      }),
  );
  const running = workers.map((w) => w.run());
  if (count > 0) console.log(`${count} local worker(s) started`);
  await new Promise<void>((done) => {
    const stop = async () => {
      for (const w of workers) w.stop();
      await Promise.allSettled(running);
      await server.close();
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

const ROLES = ['admin', 'worker', 'viewer'];

async function withDb<T>(
  dataDir: string | undefined,
  fn: (db: Awaited<ReturnType<typeof createDb>>['db']) => Promise<T>,
) {
  const dir = resolve(dataDir ?? process.env.R1LAB_DATA_DIR ?? '.r1lab');
  const handle = await createDb({ dataDir: join(dir, 'db') });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

export async function tokenCreate(o: { role: string; name?: string; dataDir?: string }) {
  if (!ROLES.includes(o.role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}, got "${o.role}"`);
  const t = await withDb(o.dataDir, (db) =>
    createToken(db, { name: o.name ?? `${o.role}-token`, role: o.role as Role }),
  );
  console.log(t.token);
  console.error(
    `token ${t.id} (${t.role}) created; it is shown only now — keep it somewhere safe.`,
  );
}

export async function tokenList(o: { dataDir?: string }) {
  const rows = await withDb(o.dataDir, (db) =>
    db.select().from(apiTokens).orderBy(apiTokens.createdAt),
  );
  console.log(textTable(rows, ['id', 'name', 'role', 'createdAt', 'lastUsedAt', 'revokedAt']));
}

export async function tokenRevoke(id: string, o: { dataDir?: string }) {
  const rows = await withDb(o.dataDir, (db) =>
    db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id })
      .catch(() => []),
  );
  if (rows.length === 0) throw new Error(`no active token ${id}`);
  console.log(`token ${id} revoked`);
}
