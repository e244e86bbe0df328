// The worker's side of the protocol: typed calls (types from the API's zod schemas), a bearer
// token, the claim token on every job call, and retries with back-off while the API is away, so
// a restart of the API costs a pause, not data.
import type {
  ClaimedJob,
  CommitCheckpointBody,
  CommitDatasetBody,
  EvaluationBatchBody,
  HeartbeatBody,
  HeartbeatResult,
  MetricBatchBody,
  RegisteredReply,
  RegisterWorkerBody,
  SampleBatchBody,
} from '@r1lab/api/job-schemas';

/** The job was claimed again by someone else (its lease expired): stop working on it. */
export class LostClaim extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'LostClaim';
  }
}

/** The API refused a call (4xx other than 409): retrying will not help. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Record<string, unknown>,
  ) {
    super(`API ${status}: ${String(problem.detail ?? problem.title ?? 'error')}`);
    this.name = 'ApiError';
  }
}

export interface ProtocolClientOptions {
  /** The API's base URL, e.g. http://127.0.0.1:8080 */
  api: string;
  token?: string | undefined;
  /** Give up on a call after retrying this long while the API is unreachable (default 30 min). */
  retryForMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

type Body = { json: unknown } | { bytes: Uint8Array } | Record<string, never>;

export class ProtocolClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly retryForMs: number;

  constructor(private readonly o: ProtocolClientOptions) {
    this.base = o.api.replace(/\/+$/, '');
    this.fetch = o.fetch ?? globalThis.fetch;
    this.retryForMs = o.retryForMs ?? 30 * 60_000;
  }

  register(b: RegisterWorkerBody): Promise<RegisteredReply> {
    return this.call('POST', '/v1/workers', { json: b }) as Promise<RegisteredReply>;
  }

  async claim(b: { workerId: string; backend?: string; memoryBytes?: number }) {
    return (await this.call('POST', '/v1/jobs/claim', { json: b })) as ClaimedJob | null;
  }

  heartbeat(job: JobHandle, b: HeartbeatBody): Promise<HeartbeatResult> {
    return this.call('POST', `/v1/jobs/${job.id}/heartbeat`, { json: b }, job) as never;
  }

  metrics(job: JobHandle, b: MetricBatchBody) {
    return this.call('POST', `/v1/jobs/${job.id}/metrics`, { json: b }, job);
  }

  samples(job: JobHandle, b: SampleBatchBody) {
    return this.call('POST', `/v1/jobs/${job.id}/samples`, { json: b }, job);
  }

  evaluations(job: JobHandle, b: EvaluationBatchBody) {
    return this.call('POST', `/v1/jobs/${job.id}/evaluations`, { json: b }, job);
  }

  putBlob(job: JobHandle, sha256: string, bytes: Uint8Array) {
    return this.call('PUT', `/v1/jobs/${job.id}/blobs/${sha256}`, { bytes }, job);
  }

  commitCheckpoint(job: JobHandle, b: CommitCheckpointBody) {
    return this.call('POST', `/v1/jobs/${job.id}/checkpoints`, { json: b }, job) as Promise<{
      id: string;
    }>;
  }

  commitDataset(job: JobHandle, b: CommitDatasetBody) {
    return this.call('POST', `/v1/jobs/${job.id}/datasets`, { json: b }, job) as Promise<{
      id: string;
    }>;
  }

  complete(job: JobHandle, result: Record<string, unknown>) {
    return this.call('POST', `/v1/jobs/${job.id}/complete`, { json: { result } }, job);
  }

  fail(job: JobHandle, error: string, retryable: boolean) {
    return this.call('POST', `/v1/jobs/${job.id}/fail`, { json: { error, retryable } }, job);
  }

  release(job: JobHandle, reason: 'shutdown' | 'cancel') {
    return this.call('POST', `/v1/jobs/${job.id}/release`, { json: { reason } }, job);
  }

  /** The bytes at an API path (artifact downloads), retried like every call. */
  async download(path: string): Promise<Uint8Array> {
    const res = await this.send('GET', path, {});
    return new Uint8Array(await res.arrayBuffer());
  }

  /** One call: JSON back, null for 204; 409 → LostClaim; other 4xx → ApiError. */
  async call(method: string, path: string, body: Body, job?: JobHandle): Promise<unknown> {
    const res = await this.send(method, path, body, job);
    if (res.status === 204) return null;
    return res.json();
  }

  private async send(method: string, path: string, body: Body, job?: JobHandle) {
    const headers: Record<string, string> = {};
    if (this.o.token) headers.authorization = `Bearer ${this.o.token}`;
    if (job) headers['x-claim-token'] = job.claimToken;
    let payload: BodyInit | undefined;
    if ('json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if ('bytes' in body) {
      headers['content-type'] = 'application/octet-stream';
      payload = body.bytes as unknown as BodyInit;
    }
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let res: Response | null = null;
      let reason = '';
      try {
        res = await this.fetch(`${this.base}${path}`, { method, headers, body: payload });
      } catch (err) {
        reason = err instanceof Error ? err.message : String(err);
      }
      if (res && res.status < 500) {
        if (res.ok || res.status === 204) return res;
        const problem = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        if (res.status === 409 && job) throw new LostClaim(String(problem.detail ?? 'stale claim'));
        throw new ApiError(res.status, problem);
      }
      if (res) reason = `HTTP ${res.status}`;
      if (Date.now() - started > this.retryForMs) {
        throw new Error(`${method} ${path}: API unreachable for ${this.retryForMs} ms (${reason})`);
      }
      // Exponential back-off with jitter, capped at 10 s: an API restart costs seconds.
      const wait = Math.min(10_000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (attempt === 2) this.o.log?.(`API unreachable (${reason}); retrying ${method} ${path}`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export interface JobHandle {
  id: string;
  claimToken: string;
}
