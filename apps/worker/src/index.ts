/** @r1lab/worker: a self-hosted worker that claims stage jobs from the r1lab API over HTTP. */
export { InputCache } from './input-cache.ts';
export { workMain } from './main.ts';
export { ApiError, LostClaim, ProtocolClient } from './protocol-client.ts';
export { type JobOutcome, Worker, type WorkerOptions } from './worker.ts';
