// pass@1 and friends for one model on a problem set: n samples per problem at temperature T
// (pass@1 = mean c/n, unbiased pass@k, cons@k by majority vote), plus greedy pass@1.
import { consensusAtK, meanPassAtK } from '@r1lab/grpo-core';
import type { Model, Tokenizer } from '@r1lab/model';
import {
  type BehaviourSummary,
  extractAnswer,
  isRefusal,
  summariseBehaviour,
} from '@r1lab/rewards';
import type { Problem } from '@r1lab/tasks';
import { behaviourKeys } from './behaviour-metrics.ts';
import type { StageResult } from './context.ts';
import { sampleEach } from './sample-each.ts';
import { scoreCompletion } from './scoring.ts';

export interface EvaluateOptions {
  n: number;
  k: number;
  temperature: number;
  greedy: boolean;
  maxNewTokens: number;
  seed: number;
  /** Sequences sampled at once. */
  batchSize?: number;
  /** A completion is "mixed-language" when its language consistency is below this. */
  mixedBelow?: number;
  /** Called after each batch; a returned promise is awaited (a worker lets its heartbeats run). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface EvaluationSummary {
  problems: number;
  n: number;
  k: number;
  temperature: number;
  /** Strict: right answer inside `<answer>`, mean over problems of c/n. */
  pass1: number;
  passAtK: number;
  consAtK: number;
  greedyPass1?: number;
  /** Right answer anywhere in the completion (lenient), mean over samples. */
  answerAnywhere: number;
  formatRate: number;
  languageConsistency: number;
  mixedLanguageRate: number;
  /** Mean share of repeated word 3-grams per completion (0 = no repetition). */
  repetition: number;
  /** Mean repetition beyond the reference solution's for the same problem (see CompletionScore). */
  excessRepetition: number;
  /** Completion length in tokens. */
  meanLength: number;
  /** Completions that hit the token limit. */
  truncatedRate: number;
  /** Verification, reflection, attempts and length in characters of the sampled completions. */
  behaviour: BehaviourSummary;
  /** Completions that decline (`isRefusal`): over-refusal on these safe problems. */
  refusalRate: number;
  examples: Array<{ prompt: string; completion: string; answer: string; correct: boolean }>;
}

/**
 * Evaluates `model` on `problems`.
 *
 * @example
 * const s = await evaluate(model, tok, testSet, { n: 8, k: 8, temperature: 1, greedy: true, maxNewTokens: 64, seed: 0 });
 * console.log(s.pass1, s.passAtK);
 */
export async function evaluate(
  model: Model,
  tokenizer: Tokenizer,
  problems: readonly Problem[],
  o: EvaluateOptions,
): Promise<EvaluationSummary> {
  if (problems.length === 0) throw new Error('evaluate: no problems');
  if (o.k > o.n) throw new Error(`evaluate: k (${o.k}) must be ≤ n (${o.n})`);
  const batchSize = o.batchSize ?? 256;
  const mixedBelow = o.mixedBelow ?? 0.9;
  const samples = problems.length * o.n;
  const total = samples + (o.greedy ? problems.length : 0);
  const correct = new Array<number>(problems.length).fill(0);
  const answers: Array<Array<string | null>> = problems.map(() => []);
  const flags: boolean[][] = problems.map(() => []);
  let anywhere = 0;
  let format = 0;
  let language = 0;
  let mixed = 0;
  let repetition = 0;
  let excessRepetition = 0;
  let length = 0;
  let truncated = 0;
  let refused = 0;
  const examples: EvaluationSummary['examples'] = [];
  const texts: string[] = [];

  const sampling = {
    temperature: o.temperature,
    maxNewTokens: o.maxNewTokens,
    seed: o.seed,
    batchSize,
  };
  await sampleEach(
    model,
    tokenizer,
    problems,
    { ...sampling, n: o.n, onBatch: (done) => o.onProgress?.(done, total) },
    (problem, out, i, at) => {
      const s = scoreCompletion(problem, out.text, {});
      correct[i]! += s.accuracy;
      answers[i]!.push(extractAnswer(out.text, { mode: 'strict' }));
      flags[i]!.push(s.accuracy === 1);
      anywhere += s.answerAnywhere;
      format += s.format;
      language += s.language;
      if (s.language < mixedBelow) mixed += 1;
      repetition += s.repetition;
      excessRepetition += s.excessRepetition;
      length += out.ids.length;
      texts.push(out.text);
      if (out.finishReason === 'length') truncated += 1;
      if (isRefusal(out.text)) refused += 1;
      if (examples.length < 8 && at % o.n === 0) {
        examples.push({
          prompt: problem.prompt,
          completion: out.text,
          answer: problem.answer,
          correct: s.accuracy === 1,
        });
      }
    },
  );

  let greedyPass1: number | undefined;
  if (o.greedy) {
    let right = 0;
    await sampleEach(
      model,
      tokenizer,
      problems,
      {
        ...sampling,
        n: 1,
        greedy: true,
        onBatch: (done) => o.onProgress?.(samples + done, total),
      },
      (problem, out) => {
        right += scoreCompletion(problem, out.text, {}).accuracy;
      },
    );
    greedyPass1 = right / problems.length;
  }

  return {
    problems: problems.length,
    n: o.n,
    k: o.k,
    temperature: o.temperature,
    pass1: meanPassAtK(correct, o.n, 1),
    passAtK: meanPassAtK(correct, o.n, o.k),
    consAtK:
      problems.reduce(
        (acc, _p, i) => acc + consensusAtK(answers[i]!.slice(0, o.k), flags[i]!.slice(0, o.k)),
        0,
      ) / problems.length,
    ...(greedyPass1 === undefined ? {} : { greedyPass1 }),
    answerAnywhere: anywhere / samples,
    formatRate: format / samples,
    languageConsistency: language / samples,
    mixedLanguageRate: mixed / samples,
    repetition: repetition / samples,
    excessRepetition: excessRepetition / samples,
    meanLength: length / samples,
    truncatedRate: truncated / samples,
    behaviour: summariseBehaviour(texts),
    refusalRate: refused / samples,
    examples,
  };
}

/** The summary as one table row, keyed as the CLI's and the benchmark's tables print it. */
export function evaluationRow(s: EvaluationSummary): Record<string, number> {
  return {
    pass1: s.pass1,
    answer_anywhere: s.answerAnywhere,
    pass_at_k: s.passAtK,
    cons_at_k: s.consAtK,
    greedy_pass1: s.greedyPass1 ?? Number.NaN,
    format: s.formatRate,
    language: s.languageConsistency,
    mixed_language: s.mixedLanguageRate,
    repetition: s.repetition,
    excess_repetition: s.excessRepetition,
    length: s.meanLength,
    truncated: s.truncatedRate,
    ...behaviourKeys(s.behaviour),
  };
}

/** Every eval stage's rows ({@link evaluationRow}) from a run's stage results, keyed by the evaluated stage. */
export function evaluationRows(
  results: ReadonlyMap<string, StageResult>,
): Record<string, Record<string, number>> {
  const rows: Record<string, Record<string, number>> = {};
  for (const result of results.values()) {
    const table = result.summary.evaluations as Record<string, Record<string, number>> | undefined;
    if (table) Object.assign(rows, table);
  }
  return rows;
}
