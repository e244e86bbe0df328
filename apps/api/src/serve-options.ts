// What every entry file does before serving: read --port/--host/--data-dir, open the API on the
// data folder, and refuse a non-loopback bind while no token protects it.
import { parseArgs } from 'node:util';
import type { Role } from './auth.ts';
import { type OpenedApi, openApi } from './open-api.ts';
import type { QueueOptions } from './queue/options.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  logLevel?: string | undefined;
  /** Origins allowed by CORS (`R1LAB_CORS_ORIGINS`, comma-separated); none by default. */
  corsOrigins?: string[] | undefined;
  /** Queue timings (`R1LAB_LEASE_SECONDS`, `R1LAB_HEARTBEAT_SECONDS`, `R1LAB_BACKOFF_SECONDS`). */
  queue?: QueueOptions | undefined;
  /** Tokens kept in memory only (the CLI's own workers). */
  inProcessTokens?: Record<string, Role> | undefined;
}

/** Queue timings from the environment; unset ones keep their defaults. */
export function queueEnv(env: Record<string, string | undefined>): QueueOptions {
  const num = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!(Number.isFinite(n) && n > 0))
      throw new Error(`${name} must be a positive number, got "${v}"`);
    return n;
  };
  const q: QueueOptions = {};
  const lease = num('R1LAB_LEASE_SECONDS');
  const beat = num('R1LAB_HEARTBEAT_SECONDS');
  const backoff = num('R1LAB_BACKOFF_SECONDS');
  const sweep = num('R1LAB_SWEEP_MS');
  if (lease) q.leaseSeconds = lease;
  if (beat) q.heartbeatSeconds = beat;
  if (backoff) q.backoffBaseSeconds = backoff;
  if (sweep) q.sweepEveryMs = sweep;
  return q;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Why a bind is refused, or null when it is allowed. */
export function bindRefusal(host: string, tokensRequired: boolean): string | null {
  if (tokensRequired || LOOPBACK.test(host)) return null;
  return (
    `refusing to listen on ${host}: no API token exists, so anyone who can reach it could ` +
    'control runs. Create one first (`r1lab token create --role admin`), or bind to 127.0.0.1.'
  );
}

/**
 * Reads the entry flags (defaults: 127.0.0.1:8080, $R1LAB_DATA_DIR or ./.r1lab, $DATABASE_URL).
 *
 * @example
 * serveOptions(['--port', '9000']); // { port: 9000, host: '127.0.0.1', dataDir: '.r1lab' }
 */
export function serveOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, got "${values.port}"`);
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? env.R1LAB_DATA_DIR ?? '.r1lab',
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.R1LAB_LOG_LEVEL,
    corsOrigins: env.R1LAB_CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    queue: queueEnv(env),
  };
}

/** Opens the API for serving, or throws when the bind is refused. */
export async function openForServing(o: ServeOptions): Promise<OpenedApi> {
  const api = await openApi({
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl ?? '',
    logLevel: o.logLevel,
    corsOrigins: o.corsOrigins,
    ...(o.queue ? { queue: o.queue } : {}),
    ...(o.inProcessTokens ? { auth: { inProcess: o.inProcessTokens } } : {}),
  });
  const refusal = bindRefusal(o.host, await api.deps.auth.required());
  if (refusal) {
    await api.close();
    throw new Error(refusal);
  }
  return api;
}
