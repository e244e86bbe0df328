// The databases a storage benchmark runs on: PGlite in memory, and PostgreSQL in a database created
// beside the one DATABASE_URL names for this run and dropped after it (the server's own are untouched).
import { randomBytes } from 'node:crypto';
import { createDb, type DbHandle } from '@r1lab/db';
import postgres from 'postgres';
import { currentRuntime } from './provenance.ts';
import type { Environment, Figure } from './result-schema.ts';

/**
 * @example
 * const scratch = await throwawayDatabase(process.env.DATABASE_URL!);
 * // … createDb({ url: scratch.url }) …
 * await scratch.drop();
 */
export async function throwawayDatabase(
  url: string,
  prefix = 'r1lab_bench',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * Runs `measure` on an in-memory PGlite and, when DATABASE_URL is set, on PostgreSQL in a
 * throw-away database; returns the figures with each variant's environment.
 *
 * @example
 * const { figures, environments } = await onEachDatabase((db) => measure(db), 'r1lab_bench');
 */
export async function onEachDatabase(
  measure: (handle: DbHandle, variant: 'pglite' | 'postgres') => Promise<Figure[]>,
  prefix?: string,
): Promise<{ figures: Figure[]; environments: Environment[] }> {
  const figures: Figure[] = [];
  const environments: Environment[] = [];
  // PGlite is a single-threaded wasm build; a PostgreSQL server's threads are not ours to count.
  const pglite = await createDb({ url: '', dataDir: 'memory://' });
  try {
    figures.push(...(await measure(pglite, 'pglite')));
    environments.push({ variant: 'pglite', ...currentRuntime(), backend: 'pglite', threads: 1 });
  } finally {
    await pglite.close();
  }
  if (!process.env.DATABASE_URL) {
    console.log('DATABASE_URL not set: PGlite only (set it for the PostgreSQL side by side)');
    return { figures, environments };
  }
  const scratch = await throwawayDatabase(process.env.DATABASE_URL, prefix);
  try {
    const pg = await createDb({ url: scratch.url });
    try {
      figures.push(...(await measure(pg, 'postgres')));
      environments.push({
        variant: 'postgres',
        ...currentRuntime(),
        backend: 'postgres',
        threads: null,
      });
    } finally {
      await pg.close();
    }
  } finally {
    await scratch.drop();
  }
  return { figures, environments };
}
