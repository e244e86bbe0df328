/**
 * @r1lab/api: the Hono REST API over the run record — runs, stages, metrics, samples, checkpoints,
 * datasets, evaluations, workers and tokens — with OpenAPI, bearer auth and live events.
 */
export { type AppType, type CreateAppOptions, createApp } from './app.ts';
export { LocalFolderStore } from './artifacts/local-store.ts';
export { type ArtifactStat, type ArtifactStore, DigestMismatch } from './artifacts/store.ts';
export { allowedRoles, createToken, ephemeralToken, type Role } from './auth.ts';
export { type ApiClient, createClient } from './client.ts';
export { type OpenedApi, openApi } from './open-api.ts';
export type { QueueOptions } from './queue/options.ts';
export { JobQueue } from './queue/queue.ts';
export { queueEnv, type ServeOptions } from './serve-options.ts';
export { API_VERSION } from './version.ts';
export { DEFAULT_WEB_DIST, dashboardUrl, webAssets } from './web-assets.ts';
