// Metrics and samples are buffered and sent in batches (every `flushEveryMs` or when a batch is
// full), so a training step never waits on the network; a failed send keeps its points for the
// next try, and `flush` is awaited before checkpoints, evaluations and completion.
import type { JobHandle, ProtocolClient } from './protocol-client.ts';

type Point = { step: number; key: string; value: number };
type Sample = Record<string, unknown> & { step: number; idx: number };

export class RecordBuffer {
  private points: Point[] = [];
  private rows: Sample[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending: Promise<void> = Promise.resolve();
  private lastFlush = 0;
  /** Points and samples the API has acknowledged. */
  readonly sent = { points: 0, samples: 0, batches: 0 };

  constructor(
    private readonly client: ProtocolClient,
    private readonly job: JobHandle,
    private readonly o: {
      flushEveryMs?: number;
      maxBatch?: number;
      onError?: (e: unknown) => void;
    } = {},
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.flush().catch((e) => this.o.onError?.(e));
    }, this.o.flushEveryMs ?? 2_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  metrics(step: number, values: Record<string, number>): void {
    for (const [key, value] of Object.entries(values)) this.points.push({ step, key, value });
    if (this.points.length >= (this.o.maxBatch ?? 5_000))
      this.flush().catch((e) => this.o.onError?.(e));
  }

  samples(rows: Sample[]): void {
    this.rows.push(...rows);
  }

  /** Sends everything buffered; one send at a time, in order. */
  flush(): Promise<void> {
    this.lastFlush = Date.now();
    this.sending = this.sending.catch(() => {}).then(() => this.sendAll());
    return this.sending;
  }

  /** Starts a flush when the last one is older than `flushEveryMs` and something waits. */
  flushIfDue(): void {
    const due = Date.now() - this.lastFlush >= (this.o.flushEveryMs ?? 2_000);
    if (due && (this.points.length > 0 || this.rows.length > 0)) {
      this.flush().catch((e) => this.o.onError?.(e));
    }
  }

  /** The send in progress (settled when there is none). */
  pending(): Promise<void> {
    return this.sending.catch(() => {});
  }

  private async sendAll(): Promise<void> {
    while (this.points.length > 0) {
      const batch = this.points.slice(0, this.o.maxBatch ?? 5_000);
      await this.client.metrics(this.job, { points: batch });
      this.points = this.points.slice(batch.length);
      this.sent.points += batch.length;
      this.sent.batches += 1;
    }
    while (this.rows.length > 0) {
      const batch = this.rows.slice(0, 2_000);
      await this.client.samples(this.job, { samples: batch as never });
      this.rows = this.rows.slice(batch.length);
      this.sent.samples += batch.length;
      this.sent.batches += 1;
    }
  }
}
