// Closing a Node HTTP server that keep-alive clients are still talking to.
import type { Server } from 'node:http';

/** How long requests in flight may take to finish when a server stops (every runtime's entry). */
export const CLOSE_GRACE_MS = 5_000;

/**
 * `server.close()` alone never returns while a client keeps a keep-alive connection busy: Node
 * goes on serving a connection whose request was in flight at close(), and a worker's heartbeats
 * every second keep it busy forever. So each connection is closed the moment it goes idle, and
 * whatever is still open after the grace period is cut.
 */
export async function closeHttp(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((r) => server.close(() => r()));
  const idle = setInterval(() => server.closeIdleConnections(), 25);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}
