// A stable content hash of JSON values: run specs and pretraining cache keys are compared by it.
import { createHash } from 'node:crypto';

/**
 * A stable hash of any JSON value (key order does not matter).
 *
 * @example
 * hashJson({ a: 1, b: 2 }) === hashJson({ b: 2, a: 1 }); // true
 */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
