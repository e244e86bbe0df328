// Follows a run's live event stream (SSE, GET /v1/runs/:id/events) and reconnects with
// Last-Event-ID, so the CLI's progress comes from the same events the dashboard shows.

export interface RunEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

/**
 * Calls `onEvent` for every event until `signal` aborts.
 *
 * @example
 * await followRunEvents('http://127.0.0.1:8080', token, runId, (e) => console.log(e.type), ctl.signal);
 */
export async function followRunEvents(
  api: string,
  token: string | undefined,
  runId: string,
  onEvent: (e: RunEvent) => void | Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let lastId = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch(`${api}/v1/runs/${runId}/events`, {
        headers: {
          accept: 'text/event-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(lastId > 0 ? { 'last-event-id': String(lastId) } : {}),
        },
        signal,
      });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e = parseBlock(block);
          if (e) {
            lastId = e.id;
            await onEvent(e);
          }
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      void err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function parseBlock(block: string): RunEvent | null {
  let id = Number.NaN;
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = Number(line.slice(3).trim());
    else if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!Number.isFinite(id) || data.length === 0) return null;
  try {
    return { id, type, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
  } catch {
    return null;
  }
}
