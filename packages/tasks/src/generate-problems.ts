/** Seeded problem generation, streaming and as an array. */
import { createRng } from '@r1lab/random';
import { canonicalHash, splitOf } from './splits.ts';
import { getTask } from './task-registry.ts';
import type { GenerateOptions, Problem } from './types.ts';

/** Draws per wanted problem before giving up, so an exhausted small space fails loudly. */
const MAX_DRAWS_PER_PROBLEM = 1000;

/**
 * Lazily yields `count` problems of one task, all from the requested split. Deterministic:
 * the same options give the same sequence on every runtime.
 * @example
 * for (const p of streamProblems({ task: 'arith', seed: 1, count: 3 })) console.log(p.prompt);
 */
export function* streamProblems(options: GenerateOptions): Generator<Problem> {
  const {
    task: name,
    seed = 0,
    count,
    split = 'train',
    difficulty = 'easy',
    langs = ['en'],
    unique = true,
    stream = '',
  } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (langs.length === 0) throw new RangeError('langs must name at least one language');
  const task = getTask(name);
  const rng = createRng(seed, `problems:${name}:${difficulty}:${split}:${stream}`);
  const seen = new Set<string>();
  let produced = 0;
  let draws = 0;
  while (produced < count) {
    if (++draws > (produced + 1) * MAX_DRAWS_PER_PROBLEM) {
      throw new Error(
        `only ${produced} distinct '${name}' ${difficulty} problems found in split '${split}' (asked ${count}); lower count or set unique: false`,
      );
    }
    const lang = rng.pick(langs);
    const sampled = task.sample(rng, difficulty, lang);
    if (splitOf(name, sampled.canonical) !== split) continue;
    const id = `${name}-${canonicalHash(name, sampled.canonical)}-${lang}`;
    if (unique) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    produced++;
    yield {
      id,
      task: name,
      prompt: sampled.prompt,
      answer: sampled.answer,
      lang,
      meta: { ...sampled.meta, split, canonical: sampled.canonical },
    };
  }
}

/**
 * The array form of {@link streamProblems}.
 * @example
 * const test = generateProblems({ task: 'countdown', seed: 0, count: 200, split: 'test', langs: ['en', 'fr'] });
 */
export function generateProblems(options: GenerateOptions): Problem[] {
  return Array.from(streamProblems(options));
}
