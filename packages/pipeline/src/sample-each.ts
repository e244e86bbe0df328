// Every problem sampled n times, in batches: the loop the evaluations share. Batch b's seed is
// `seed + b's first sample index`, so a figure never depends on who sampled or where.
import { type Completion, generate, type Model, type Tokenizer } from '@r1lab/model';
import type { Problem } from '@r1lab/tasks';
import { encodePrompt } from './sequences.ts';

export interface SampleEachOptions {
  n: number;
  temperature: number;
  maxNewTokens: number;
  seed: number;
  /** Argmax decoding (n should be 1). */
  greedy?: boolean;
  /** Sequences sampled at once (default 256). */
  batchSize?: number;
  /** After each batch, with the samples done so far; a returned promise is awaited (a worker lets
   * its heartbeats run: tfjs computes synchronously). */
  onBatch?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Calls `visit` for each of the n samples of every problem, in order (problem 0's n samples first).
 *
 * @example
 * await sampleEach(model, tok, problems, { n: 4, temperature: 1, maxNewTokens: 64, seed: 0 },
 *   (problem, out) => console.log(problem.prompt, out.text));
 */
export async function sampleEach(
  model: Model,
  tokenizer: Tokenizer,
  problems: readonly Problem[],
  o: SampleEachOptions,
  visit: (problem: Problem, out: Completion, problemIndex: number, sampleIndex: number) => void,
): Promise<void> {
  const batchSize = o.batchSize ?? 256;
  const jobs = problems.flatMap((_p, i) => Array.from({ length: o.n }, () => i));
  for (let start = 0; start < jobs.length; start += batchSize) {
    const chunk = jobs.slice(start, start + batchSize);
    const outs = await generate(
      model,
      tokenizer,
      chunk.map((i) => encodePrompt(tokenizer, problems[i]!.prompt)),
      {
        maxNewTokens: o.maxNewTokens,
        temperature: o.temperature,
        seed: o.seed + start,
        ...(o.greedy ? { greedy: true } : {}),
      },
    );
    outs.forEach((out, j) => {
      const i = chunk[j]!;
      visit(problems[i]!, out, i, start + j);
    });
    await o.onBatch?.(Math.min(start + batchSize, jobs.length), jobs.length);
  }
}
