// A run's live events over fetch (EventSource cannot send the bearer header): parses the SSE
// stream, and on a dropped connection resumes after the last event id it saw.
import { authFetch } from './api.ts';

export interface RunEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

/**
 * @example
 * const stop = followRun(runId, (e) => { if (e.type === 'metrics') refresh(); });
 * stop(); // when the view goes away
 */
export function followRun(runId: string, onEvent: (e: RunEvent) => void): () => void {
  const abort = new AbortController();
  let last = 0;
  const connect = async () => {
    while (!abort.signal.aborted) {
      try {
        const res = await authFetch(`/v1/runs/${runId}/events`, {
          headers: {
            accept: 'text/event-stream',
            ...(last ? { 'last-event-id': String(last) } : {}),
          },
          signal: abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const event = parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (event) {
              last = event.id;
              onEvent(event);
            }
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  };
  void connect();
  return () => abort.abort();
}

function parse(block: string): RunEvent | null {
  let id = 0;
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = Number(value);
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    return { id, type, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
  } catch {
    return null;
  }
}
