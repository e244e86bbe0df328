// `bun apps/api/src/entry-bun.ts [--port 8080] [--host 127.0.0.1] [--data-dir .r1lab]`
import { CLOSE_GRACE_MS } from './close-http.ts';
import { openForServing, serveOptions } from './serve-options.ts';

declare const Bun: {
  version: string;
  serve(o: {
    port: number;
    hostname: string;
    fetch: (r: Request) => Response | Promise<Response>;
  }): {
    port: number;
    stop(closeActiveConnections?: boolean): Promise<void>;
  };
};

try {
  const o = serveOptions(process.argv.slice(2), process.env);
  const api = await openForServing(o);
  const server = Bun.serve({ port: o.port, hostname: o.host, fetch: api.app.fetch });
  console.log(`r1lab API on Bun ${Bun.version}: http://${o.host}:${server.port}`);
  // Requests in flight finish (cut after CLOSE_GRACE_MS) before the database closes under them.
  const stop = async () => {
    const cut = setTimeout(() => server.stop(true), CLOSE_GRACE_MS);
    await server.stop();
    clearTimeout(cut);
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`r1lab api: ${(err as Error).message}`);
  process.exit(1);
}
