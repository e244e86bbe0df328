/**
 * Split assignment by a hash of the canonical problem, so train, validation and test never
 * share a problem whatever the seed, and a problem and its translation land in the same split.
 */
import { fnv1a } from '@r1lab/random';
import type { Split } from './types.ts';

/** Share of the canonical problem space in each split (out of 20 buckets: 16 / 2 / 2). */
export const SPLIT_BUCKETS: Record<Split, readonly [number, number]> = {
  train: [0, 16],
  validation: [16, 18],
  test: [18, 20],
};

/** murmur3's finaliser, so the bucket uses well-mixed bits of the FNV hash. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Stable hash of a task's canonical problem, as 8 hex digits (also the problem id's core).
 * @example
 * canonicalHash('arith', '3+4-2') // e.g. '9c1f02ab'
 */
export function canonicalHash(task: string, canonical: string): string {
  return mix(fnv1a(`${task}|${canonical}`))
    .toString(16)
    .padStart(8, '0');
}

/**
 * The split a canonical problem belongs to.
 * @example
 * splitOf('arith', '3+4-2') // 'train' | 'validation' | 'test', always the same
 */
export function splitOf(task: string, canonical: string): Split {
  const bucket = Number.parseInt(canonicalHash(task, canonical), 16) % 20;
  if (bucket < SPLIT_BUCKETS.train[1]) return 'train';
  return bucket < SPLIT_BUCKETS.validation[1] ? 'validation' : 'test';
}
