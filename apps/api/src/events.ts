// Live events. Every write of the run record appends a `run_events` row (@r1lab/db RunRecords);
// the SSE stream replays rows after `Last-Event-ID` and then waits for the in-process bus, or
// polls, so writers in other processes (a CLI run on the same PostgreSQL) show up too.
import { type Db, runEvents } from '@r1lab/db';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

/** Wakes the streams of a run when something was written to it. */
export class EventBus {
  private readonly listeners = new Map<string, Set<() => void>>();

  notify(runId: string): void {
    for (const fn of this.listeners.get(runId) ?? []) fn();
  }

  /** Resolves on the next notify of `runId`, or after `ms`. */
  wait(runId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.listeners.get(runId) ?? new Set();
      this.listeners.set(runId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.listeners.delete(runId);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener('abort', done);
    });
  }
}

export interface SseOptions {
  /** Comment heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Poll interval for writers outside this process (default 1 s). */
  pollMs?: number;
}

const BATCH = 500;

/** Streams a run's events from `lastEventId` on, until the client goes away. */
export function streamRunEvents(
  c: Context,
  db: Db,
  bus: EventBus,
  runId: string,
  lastEventId: number,
  o: SseOptions = {},
): Response {
  const heartbeatMs = o.heartbeatMs ?? 15_000;
  const pollMs = o.pollMs ?? 1_000;
  return streamSSE(c, async (stream) => {
    const abort = new AbortController();
    stream.onAbort(() => abort.abort());
    let last = lastEventId;
    let lastBeat = Date.now();
    while (!abort.signal.aborted) {
      const rows = await db
        .select()
        .from(runEvents)
        .where(and(eq(runEvents.runId, runId), gt(runEvents.id, last)))
        .orderBy(asc(runEvents.id))
        .limit(BATCH);
      for (const row of rows) {
        await stream.writeSSE({
          id: String(row.id),
          event: row.type,
          data: JSON.stringify(row.data),
        });
        last = row.id;
      }
      if (rows.length === BATCH) continue;
      if (Date.now() - lastBeat >= heartbeatMs) {
        await stream.write(': heartbeat\n\n');
        lastBeat = Date.now();
      }
      await bus.wait(runId, Math.min(pollMs, heartbeatMs), abort.signal);
    }
  });
}
