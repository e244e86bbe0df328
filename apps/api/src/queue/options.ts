// The queue's timing knobs in one place: lease, heartbeat, retry back-off, sweeping.

export interface QueueOptions {
  /** A claim holds the job this long unless a heartbeat extends it (default 300 s). */
  leaseSeconds?: number;
  /** How often workers are told to heartbeat (default 30 s). */
  heartbeatSeconds?: number;
  /** Attempts before a job and its stage fail (default 3). */
  maxAttempts?: number;
  /** First retry waits about this long, doubling per attempt, with jitter (default 10 s). */
  backoffBaseSeconds?: number;
  /** Longest retry wait (default 600 s). */
  backoffMaxSeconds?: number;
  /** How often the sweeper looks for expired leases (default 5 s). */
  sweepEveryMs?: number;
}

export type ResolvedQueueOptions = Required<QueueOptions>;

export function queueOptions(o: QueueOptions = {}): ResolvedQueueOptions {
  return {
    leaseSeconds: o.leaseSeconds ?? 300,
    heartbeatSeconds: o.heartbeatSeconds ?? 30,
    maxAttempts: o.maxAttempts ?? 3,
    backoffBaseSeconds: o.backoffBaseSeconds ?? 10,
    backoffMaxSeconds: o.backoffMaxSeconds ?? 600,
    sweepEveryMs: o.sweepEveryMs ?? 5_000,
  };
}
