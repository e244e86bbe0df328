// Opens the database and artifact store of a data folder and builds the app on them: what every
// entry file (Node, Bun, Deno) and `r1lab serve` do before serving.
import { join, resolve } from 'node:path';
import { createDb, type DbHandle } from '@r1lab/db';
import pino from 'pino';
import { type CreateAppOptions, createApp } from './app.ts';
import { LocalFolderStore } from './artifacts/local-store.ts';

export interface OpenedApi extends ReturnType<typeof createApp> {
  handle: DbHandle;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * @example
 * const api = await openApi({ dataDir: '.r1lab' }); // PGlite in .r1lab/db unless DATABASE_URL
 * // … serve api.app.fetch …
 * await api.close();
 */
export async function openApi(
  o: {
    dataDir?: string;
    databaseUrl?: string;
    logLevel?: string;
  } & Partial<Omit<CreateAppOptions, 'db' | 'driver' | 'artifacts'>> = {},
): Promise<OpenedApi> {
  const dataDir = resolve(o.dataDir ?? '.r1lab');
  const handle = await createDb({
    ...(o.databaseUrl !== undefined ? { url: o.databaseUrl } : {}),
    dataDir: join(dataDir, 'db'),
  });
  const built = createApp({
    ...o,
    db: handle.db,
    driver: handle.driver,
    artifacts: new LocalFolderStore(dataDir),
    logger: o.logger ?? pino({ level: o.logLevel ?? 'info' }),
  });
  // Take back leases that expired while the API was down, schedule what is ready, keep sweeping.
  await built.deps.queue.sweep();
  built.deps.queue.start();
  return {
    ...built,
    handle,
    dataDir,
    close: async () => {
      built.deps.queue.stop();
      await handle.close();
    },
  };
}
