// Stopping the server while a client keeps its keep-alive connection busy, as a worker's
// heartbeats do: Node's own server.close() goes on serving that connection and never returns.
import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { closeHttp } from '../src/close-http.ts';
import { serveNode } from '../src/serve-node.ts';
import { tempDir } from './fixtures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server whose first request waits until `release()`; later ones answer at once. */
function heldServer() {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let first = true;
  let arrived = () => {};
  const firstArrived = new Promise<void>((r) => (arrived = r));
  const server = createServer(async (_req, res) => {
    if (first) {
      first = false;
      arrived();
      await held;
    }
    res.end('ok');
  });
  return { server, release, firstArrived };
}

/** Request after request until stopped, on the pooled keep-alive connection. */
function busyClient(url: string) {
  let stopped = false;
  let answered = 0;
  const done = (async () => {
    while (!stopped) {
      try {
        await (await fetch(url)).text();
        answered++;
      } catch {
        await sleep(20);
      }
    }
  })();
  return {
    answered: () => answered,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => 'closed'), sleep(ms).then(() => 'still open')]);

describe('closing the HTTP server', () => {
  async function closeWhileBusy(close: (s: Server) => Promise<void>) {
    const { server, release, firstArrived } = heldServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const client = busyClient(`http://127.0.0.1:${port}/`);
    await firstArrived; // a request is in flight on the connection when close() is called
    const closing = close(server);
    release();
    const outcome = await within(closing, 3_000);
    await client.stop();
    server.closeAllConnections();
    return { outcome, answered: client.answered() };
  }

  it("Node's server.close() alone never returns while the client keeps asking", async () => {
    const r = await closeWhileBusy((s) => new Promise((done) => s.close(() => done())));
    expect(r.outcome).toBe('still open');
    expect(r.answered).toBeGreaterThan(1); // it went on answering after close()
  }, 30_000);

  it('closeHttp returns: the connection is closed as soon as it is idle', async () => {
    const r = await closeWhileBusy((s) => closeHttp(s, 10_000));
    expect(r.outcome).toBe('closed');
  }, 30_000);

  it('closeHttp cuts a request that outlasts the grace period', async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const hanging = fetch(`http://127.0.0.1:${port}/`).then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(100);
    expect(await within(closeHttp(server, 200), 3_000)).toBe('closed');
    expect(await hanging).toBe('cut');
  }, 30_000);
});

describe('serveNode close', () => {
  const data = tempDir('r1lab-serve-node-');
  afterAll(() => data.remove());

  it('closes the server and the database; the port answers no more', async () => {
    const server = await serveNode({
      port: 0,
      host: '127.0.0.1',
      dataDir: data.dir,
      databaseUrl: '',
      logLevel: 'silent',
    });
    expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
