// A database created beside the one a PostgreSQL URL names, for one benchmark run, and dropped
// after it (the server's own databases are never touched).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

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
