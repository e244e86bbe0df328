/** Streaming JSON Lines reader. */
import { type DataSource, sourceLines } from './text-source.ts';

/** A parsed record; loaders check the fields they need. */
export type DataRecord = Record<string, unknown>;

/**
 * Yields one object per non-blank line. A malformed line fails with its line number.
 * @example
 * for await (const row of loadJsonl('gsm8k-test.jsonl')) console.log(row.question);
 */
export async function* loadJsonl(source: DataSource): AsyncGenerator<DataRecord> {
  let lineNumber = 0;
  for await (const line of sourceLines(source)) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(
        `loadJsonl: line ${lineNumber} is not valid JSON (${(error as Error).message})`,
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`loadJsonl: line ${lineNumber} is not a JSON object`);
    }
    yield value as DataRecord;
  }
}
