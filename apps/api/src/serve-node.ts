// The API on Node (@hono/node-server): `r1lab serve` and `node --import tsx serve-node.ts`.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { CLOSE_GRACE_MS, closeHttp } from './close-http.ts';
import type { OpenedApi } from './open-api.ts';
import { openForServing, type ServeOptions } from './serve-options.ts';

export interface RunningServer {
  api: OpenedApi;
  url: string;
  /** Stops accepting, lets requests in flight finish (cut after `graceMs`, default `CLOSE_GRACE_MS`), closes the db. */
  close(graceMs?: number): Promise<void>;
}

/**
 * @example
 * const server = await serveNode({ port: 8080, host: '127.0.0.1', dataDir: '.r1lab' });
 * console.log(server.url); // http://127.0.0.1:8080
 */
export async function serveNode(o: ServeOptions): Promise<RunningServer> {
  const api = await openForServing(o);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: api.app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    api,
    url: `http://${host}:${port}`,
    close: async (graceMs = CLOSE_GRACE_MS) => {
      await closeHttp(server as Server, graceMs);
      await api.close();
    },
  };
}
