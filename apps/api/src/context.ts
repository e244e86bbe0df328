// What every route module gets: the database, the run-record writer, the artifact store, the
// live-event bus and auth.
import type { Db, DbDriver, RunRecords } from '@r1lab/db';
import type { ArtifactStore } from './artifacts/store.ts';
import type { Auth, AuthVariables } from './auth.ts';
import type { EventBus, SseOptions } from './events.ts';
import type { JobQueue } from './queue/queue.ts';

export interface ApiDeps {
  db: Db;
  driver: DbDriver;
  records: RunRecords;
  artifacts: ArtifactStore;
  bus: EventBus;
  auth: Auth;
  sse: SseOptions;
  /** Scheduling, claims, leases (set right after the deps are built: it needs them). */
  queue: JobQueue;
}

export type ApiEnv = { Variables: AuthVariables & { requestId: string } };
