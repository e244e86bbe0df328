import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

/** The drizzle database, typed by our schema; the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbDriver = 'pglite' | 'postgres';

export interface CreateDbOptions {
  /** `postgres://…`. Default: `DATABASE_URL`. When absent, PGlite is used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throw-away in-memory database.
   * Default: `$R1LAB_DATA_DIR/db`, with `R1LAB_DATA_DIR` defaulting to `./.r1lab`. */
  dataDir?: string;
  /** Apply the committed migrations on start (idempotent). Default true. */
  migrate?: boolean;
  /** postgres.js pool size. Default 10. */
  maxConnections?: number;
}

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  /** Where the data lives: the PGlite folder or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** The committed drizzle-kit migrations, shared by both drivers. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

// Serialises concurrent migrators (API + workers starting together) on a real server.
const MIGRATION_LOCK_ID = 7_341_000_001;

/**
 * Opens the r1lab database: PGlite in a local folder by default, PostgreSQL when a URL is given.
 *
 * @example
 * const { db, close } = await createDb(); // ./.r1lab/db on PGlite
 * const rows = await db.select().from(runs);
 * await close();
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  const shouldMigrate = options.migrate ?? true;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL must start with postgres:// or postgresql://, got "${redact(url)}"`,
      );
    }
    if (shouldMigrate) await migrateServer(url);
    const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      location: redact(url),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = options.dataDir ?? defaultDataDir();
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const client = dataDir === 'memory://' ? new PGlite() : new PGlite(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  try {
    if (shouldMigrate) await migratePglite(drizzlePglite(client), { migrationsFolder });
  } catch (err) {
    await client.close();
    throw err;
  }
  return { db, driver: 'pglite', location: dataDir, close: () => client.close() };
}

// One connection, so the session advisory lock covers every migration statement.
async function migrateServer(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** `$R1LAB_DATA_DIR/db`, the embedded database's folder. */
export function defaultDataDir(): string {
  return resolve(process.env.R1LAB_DATA_DIR ?? '.r1lab', 'db');
}

/** Lists the user tables, for health checks and tests. */
export async function listTables(db: Db): Promise<string[]> {
  const result = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { table_name: string }[] }).rows;
  return rows.map((r) => r.table_name);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
