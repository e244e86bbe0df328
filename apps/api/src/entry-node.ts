// `node --import tsx apps/api/src/entry-node.ts [--port 8080] [--host 127.0.0.1] [--data-dir .r1lab]`
import { serveNode } from './serve-node.ts';
import { serveOptions } from './serve-options.ts';

try {
  const server = await serveNode(serveOptions(process.argv.slice(2), process.env));
  console.log(`r1lab API on Node ${process.version}: ${server.url} (docs ${server.url}/docs)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`r1lab api: ${(err as Error).message}`);
  process.exit(1);
}
