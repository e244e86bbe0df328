/**
 * Byte sources for the loaders, read as a stream of text lines. Web-standard inputs
 * (ReadableStream, Response, http(s) URLs through fetch) work on every runtime; a file path
 * or file: URL goes through the one Node adapter here, imported only when needed.
 */

/** Where a loader reads from. */
export type DataSource =
  | string
  | URL
  | ReadableStream<Uint8Array>
  | Response
  | AsyncIterable<Uint8Array | string>;

async function* readableChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* fileChunks(path: string | URL): AsyncGenerator<Uint8Array> {
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(path)) yield chunk as Uint8Array;
}

function isRemote(source: string | URL): boolean {
  const text = String(source);
  return text.startsWith('http://') || text.startsWith('https://');
}

async function* fetchChunks(url: string | URL): AsyncGenerator<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body)
    throw new Error(`fetch ${String(url)}: HTTP ${response.status}`);
  yield* readableChunks(response.body);
}

/**
 * The raw chunks of a source.
 * @example
 * for await (const chunk of sourceChunks('data/train.jsonl')) total += chunk.length;
 */
export function sourceChunks(source: DataSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof URL)
    return isRemote(source) ? fetchChunks(source) : fileChunks(source);
  if (source instanceof Response) {
    if (!source.body) throw new Error('sourceChunks: response has no body');
    return readableChunks(source.body);
  }
  if (source instanceof ReadableStream) return readableChunks(source);
  return source;
}

/**
 * The lines of a UTF-8 source, decoded incrementally (no whole-file buffering); a final
 * line without a newline is yielded too, and a trailing `\r` is dropped.
 * @example
 * for await (const line of sourceLines(new URL('./data.jsonl', import.meta.url))) console.log(line);
 */
export async function* sourceLines(source: DataSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of sourceChunks(source)) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.length > 0) yield pending.replace(/\r$/, '');
}
