// `deno run -A apps/api/src/entry-deno.ts [--port 8080] [--host 127.0.0.1] [--data-dir .r1lab]`
import { openForServing, serveOptions } from './serve-options.ts';

declare const Deno: {
  version: { deno: string };
  args: string[];
  env: { toObject(): Record<string, string> };
  serve(
    o: { port: number; hostname: string; onListen?: (a: { port: number }) => void },
    fetch: (r: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', fn: () => void): void;
  exit(code: number): never;
};

try {
  const o = serveOptions(Deno.args, Deno.env.toObject());
  const api = await openForServing(o);
  const server = Deno.serve(
    {
      port: o.port,
      hostname: o.host,
      onListen: ({ port }) =>
        console.log(`r1lab API on Deno ${Deno.version.deno}: http://${o.host}:${port}`),
    },
    api.app.fetch,
  );
  const stop = () => {
    server
      .shutdown()
      .then(() => api.close())
      .then(() => Deno.exit(0));
  };
  Deno.addSignalListener('SIGINT', stop);
  Deno.addSignalListener('SIGTERM', stop);
} catch (err) {
  console.error(`r1lab api: ${(err as Error).message}`);
  Deno.exit(1);
}
