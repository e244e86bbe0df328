// The job loop: register, claim, run the stage through @r1lab/pipeline with an HTTP-backed
// context, heartbeat on a timer of its own, and finish the job (complete, fail, or release).
import { mkdirSync, rmSync } from 'node:fs';
import { hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ClaimedJob } from '@r1lab/api/job-schemas';
import { initBackend } from '@r1lab/model';
import {
  type PipelineSpec,
  parseSpec,
  runStage,
  type StageSpec,
  taskTokenizer,
} from '@r1lab/pipeline';
import { createHttpContext } from './http-context.ts';
import { InputCache } from './input-cache.ts';
import { ApiError, type JobHandle, LostClaim, ProtocolClient } from './protocol-client.ts';
import { RecordBuffer } from './record-buffer.ts';

export interface WorkerOptions {
  api: string;
  token?: string | undefined;
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  /** Claim at most one job, then exit (immediately when none is claimable). */
  once?: boolean;
  /** Where inputs are cached and jobs write before uploading (default ./.r1lab/worker). */
  cacheDir?: string;
  name?: string;
  /** Idle wait between claims when the queue is empty (default 2 s). */
  pollMs?: number;
  /** Progress is sent at most this often (default 1 s); heartbeats go every `heartbeatSeconds` anyway. */
  progressEveryMs?: number;
  /** Stop claiming (and stop the current job at its next step) once this resolves true. */
  stopWhen?: () => boolean;
  log?: (line: string) => void;
  /** Called with each job's outcome. */
  onJob?: (outcome: JobOutcome) => void;
}

export interface JobOutcome {
  jobId: string;
  stage: string;
  status: 'succeeded' | 'failed' | 'released' | 'cancelled' | 'lost';
  seconds: number;
  error?: string;
}

/**
 * Runs jobs until stopped (`stop()`, SIGTERM in main.ts) or, with `once`, after one job.
 *
 * @example
 * const w = new Worker({ api: 'http://127.0.0.1:8080', token });
 * await w.run();
 */
export class Worker {
  private stopping = false;
  readonly client: ProtocolClient;
  readonly outcomes: JobOutcome[] = [];
  workerId = '';

  constructor(private readonly o: WorkerOptions) {
    this.client = new ProtocolClient({ api: o.api, token: o.token, log: o.log });
  }

  /** Finish the current step, save and upload a checkpoint, give the job back, then return. */
  stop(): void {
    this.stopping = true;
  }

  private shouldStop = () => this.stopping || (this.o.stopWhen?.() ?? false);

  async run(): Promise<JobOutcome[]> {
    const log = this.o.log ?? (() => {});
    const backend = await initBackend(this.o.backend ?? 'auto');
    const root = this.o.cacheDir ?? join(process.cwd(), '.r1lab', 'worker');
    const cache = new InputCache(join(root, 'cache'), this.client);
    const registered = await this.client.register({
      name: this.o.name ?? `worker-${hostname()}-${process.pid}`,
      hostname: hostname(),
      runtime: runtimeName(),
      runtimeVersion: runtimeVersion(),
      backend: backend.backend,
      threads: backend.threads,
      memoryBytes: totalmem(),
    });
    this.workerId = registered.id;
    log(
      `worker ${registered.id}: ${backend.backend}, ${backend.threads} thread(s), ${runtimeName()} ${runtimeVersion()}`,
    );
    while (!this.shouldStop()) {
      const claim = await this.client.claim({
        workerId: registered.id,
        backend: backend.backend,
        memoryBytes: totalmem(),
      });
      if (!claim) {
        if (this.o.once) break;
        await sleep(this.o.pollMs ?? 2_000);
        continue;
      }
      const outcome = await this.runJob(
        claim,
        cache,
        registered.heartbeatSeconds,
        join(root, 'jobs'),
      );
      this.outcomes.push(outcome);
      this.o.onJob?.(outcome);
      log(
        `job ${outcome.jobId} (${outcome.stage}): ${outcome.status} in ${outcome.seconds.toFixed(1)} s${outcome.error ? ` — ${outcome.error.split('\n')[0]}` : ''}`,
      );
      if (this.o.once) break;
    }
    return this.outcomes;
  }

  private async runJob(
    claim: ClaimedJob,
    cache: InputCache,
    heartbeatSeconds: number,
    jobsDir: string,
  ): Promise<JobOutcome> {
    const t0 = performance.now();
    const job: JobHandle = { id: claim.job.id, claimToken: claim.job.claimToken };
    const spec = parseSpec(claim.spec) as PipelineSpec;
    const stage = spec.stages.find((s) => s.name === claim.job.stage) as StageSpec;
    const workDir = join(jobsDir, claim.job.id);
    mkdirSync(workDir, { recursive: true });
    let cancelled = false;
    let lost: string | null = null;
    const onError = (err: unknown) => {
      if (err instanceof LostClaim) lost = err.message;
    };
    const buffer = new RecordBuffer(this.client, job, { onError });
    buffer.start();

    // Heartbeats run on their own timer: a long step never lets the lease lapse.
    let progress: { done: number; total: number; info?: Record<string, number> } | null = null;
    let progressSent = 0;
    let sentKey = '';
    let beatAt = 0;
    let beating = false;
    let inFlight: Promise<void> = Promise.resolve();
    const beat = (force: boolean): Promise<void> => {
      inFlight = sendBeat(force);
      return inFlight;
    };
    const sendBeat = async (force: boolean) => {
      const now = Date.now();
      const due = force || now - beatAt >= heartbeatSeconds * 1000;
      const key = progress ? JSON.stringify(progress) : '';
      const fresh = key !== sentKey;
      const progressDue = fresh && now - progressSent >= (this.o.progressEveryMs ?? 1_000);
      if (beating || !(due || progressDue)) return;
      beating = true;
      try {
        // Progress travels only when it changed: every report becomes a live event.
        const reply = await this.client.heartbeat(job, fresh && progress ? { ...progress } : {});
        beatAt = now;
        if (fresh) {
          progressSent = now;
          sentKey = key;
        }
        if (reply.cancel) cancelled = true;
      } catch (err) {
        onError(err);
      } finally {
        beating = false;
      }
    };
    const timer = setInterval(() => void beat(false), 250);
    timer.unref?.();
    await beat(true);
    // TensorFlow.js computes synchronously: timers and sockets move only while the stage awaits
    // real I/O. At each tick (every logged step, every sampling batch) the due heartbeat and batch
    // go out and are waited for, so leases stay fresh even when an API shares this thread.
    const tick = async () => {
      await new Promise((r) => setTimeout(r, 0));
      void beat(false);
      buffer.flushIfDue();
      await Promise.race([Promise.allSettled([inFlight, buffer.pending()]), sleep(10_000)]);
    };

    const finish = (status: JobOutcome['status'], error?: string): JobOutcome => ({
      jobId: job.id,
      stage: stage.name,
      status,
      seconds: (performance.now() - t0) / 1000,
      ...(error ? { error } : {}),
    });
    try {
      const ctx = createHttpContext({
        claim,
        spec,
        stage,
        tokenizer: taskTokenizer(),
        client: this.client,
        cache,
        buffer,
        workDir,
        progress: (done, total, info) => {
          progress = { done, total, ...(info ? { info } : {}) };
        },
        tick,
        shouldStop: () => cancelled || lost !== null || this.shouldStop(),
      });
      const result = await runStage(stage, ctx);
      if (lost) return finish('lost', lost);
      await buffer.flush();
      if (result.interrupted) {
        await this.client.release(job, cancelled ? 'cancel' : 'shutdown');
        return finish(cancelled ? 'cancelled' : 'released');
      }
      const seconds = (performance.now() - t0) / 1000;
      await this.client.complete(job, { ...result.summary, seconds });
      rmSync(workDir, { recursive: true, force: true });
      return finish('succeeded');
    } catch (err) {
      if (err instanceof LostClaim || lost) return finish('lost', lost ?? (err as Error).message);
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      // A spec the API accepted but this worker cannot run will fail the same way everywhere.
      const retryable = !(err instanceof ApiError && err.status === 400);
      try {
        await buffer.flush();
        await this.client.fail(job, text, retryable);
      } catch {
        // the lease will expire and the sweeper will retry it
      }
      return finish('failed', text);
    } finally {
      clearInterval(timer);
      buffer.stop();
    }
  }
}

function runtimeName(): string {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  return g.Bun ? 'bun' : g.Deno ? 'deno' : 'node';
}

function runtimeVersion(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  return g.Bun?.version ?? g.Deno?.version.deno ?? process.versions.node;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
