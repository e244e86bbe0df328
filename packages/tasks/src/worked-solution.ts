/**
 * Worked solutions: a task's solver trace written as a short chain of thought in the
 * prompt's language, then the answer. The noise knobs (slips, language switches, untagged
 * answers, repeated steps, skipped reasoning) are what make the base corpus a realistic
 * "base model" teacher; with every knob at its default the output is clean and tagged.
 */

import { createRng, type Rng } from '@r1lab/random';
import type { Step } from './expression.ts';
import { guessAndCheckTrace, guessesAndChecks } from './guess-and-check-solution.ts';
import { SOLUTION_WORDS } from './lexicon.ts';
import {
  chainItemText,
  type SelfCheckedTrace,
  selfCheckedTrace,
  selfChecks,
} from './self-check-solution.ts';
import type { SolutionTrace } from './task-definition.ts';
import { getTask } from './task-registry.ts';
import type { Lang, Problem } from './types.ts';

/** Noise knobs of a written solution; all rates are probabilities in [0, 1]. */
export type SolutionStyle = {
  /** Each step's result (arith/linear/word) or operator choice (countdown) is wrong with this probability. Default 0. */
  stepErrorRate?: number;
  /** The language switches to the other one at a random step with this probability (per solution). Default 0. */
  mixRate?: number;
  /** Probability of `<think>…</think><answer>…</answer>`; otherwise "Answer: X" or "= X" (half each). Default 1. */
  tagRate?: number;
  /** Each step is written twice in a row with this probability. Default 0. */
  rambleRate?: number;
  /** The steps are left out (answer stated directly) with this probability. Default 0. */
  skipRate?: number;
  /** arith: each slip is noticed at once and the step redone ("wait, 3 plus 4 is 7, not 8")
   * with this probability. Default 0 (with this and `verifyRate` at 0 the text is as before). */
  correctRate?: number;
  /** arith: the last step is checked by its inverse ("check: 5 plus 2 is 7, good") with this
   * probability per solution; a check that disagrees is followed by the correction. Default 0. */
  verifyRate?: number;
  /** countdown: the solution is a guess-and-check search ("try 3+4+2, …, 9, not 5, try 3+4-2, …,
   * good") with this probability per solution; only a miss is followed by another try. Default 0. */
  guessRate?: number;
};

/** Style plus where the randomness comes from. */
export type SolutionOptions = SolutionStyle & {
  /** Random source; default a stream seeded by `seed` and the problem id, so one problem always reads the same. */
  rng?: Rng;
  seed?: number;
};

/** A written solution with what the noise did to it. */
export type WrittenSolution = {
  completion: string;
  /** The answer the text ends with (wrong when a slip happened, usually). */
  answer: string;
  slips: number;
  tagged: boolean;
  /** The language the solution switched to, if it did. */
  switchedTo?: Lang;
  repeatedSteps: number;
  skipped: boolean;
  /** Slips noticed and redone (each right after a slip, or after a check that disagreed; countdown:
   * a retry after a missed target). */
  corrections: number;
  /** Whether the chain checks its last step (countdown: its value against the target). */
  verified: boolean;
};

/** The four tag strings; the char tokenizer maps each to one id. */
export const SPECIAL_TOKENS = ['<think>', '</think>', '<answer>', '</answer>'] as const;

/**
 * One step in words: "3 plus 4 is 7" (en), "3 plus 4 font 7" (fr).
 * @example
 * stepText({ a: 7, op: '-', b: 2, result: 5 }, 'fr') // '7 moins 2 font 5'
 */
export function stepText(step: Step, lang: Lang): string {
  const words = SOLUTION_WORDS[lang];
  return `${step.a} ${words.ops[step.op]} ${step.b} ${words.is} ${step.result}`;
}

function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'fr' : 'en';
}

function dataSetSolution(problem: Problem): WrittenSolution {
  const solution = problem.meta.solution;
  if (typeof solution !== 'string') {
    throw new Error(
      `workedSolution: task '${problem.task}' has no solver and problem ${problem.id} carries no meta.solution text`,
    );
  }
  const completion = `<think>${solution.trim()}</think><answer>${problem.answer}</answer>`;
  return {
    completion,
    answer: problem.answer,
    slips: 0,
    tagged: true,
    repeatedSteps: 0,
    skipped: false,
    corrections: 0,
    verified: false,
  };
}

/**
 * Writes a solution with its noise record. See {@link workedSolution} for the text alone.
 * @example
 * writeSolution(problem, { stepErrorRate: 0.2, tagRate: 0.3, seed: 7 }).slips
 */
export function writeSolution(problem: Problem, options: SolutionOptions = {}): WrittenSolution {
  if (problem.task === 'gsm8k' || problem.task === 'math') return dataSetSolution(problem);
  const { stepErrorRate = 0, mixRate = 0, tagRate = 1, rambleRate = 0, skipRate = 0 } = options;
  const rng = options.rng ?? createRng(options.seed ?? 0, `solution:${problem.id}`);
  // The self-checking style draws its own slips; with its knobs at 0 nothing changes, not even
  // the random draws, so the existing corpora (and the shipped base) stay byte for byte the same.
  const trace: SelfCheckedTrace = selfChecks(problem, options)
    ? selfCheckedTrace(problem, rng, {
        stepErrorRate,
        correctRate: options.correctRate ?? 0,
        verifyRate: options.verifyRate ?? 0,
      })
    : guessesAndChecks(problem, options)
      ? guessAndCheckTrace(problem, rng, { stepErrorRate, guessRate: options.guessRate ?? 0 })
      : plainTrace(getTask(problem.task).solve(problem, { rng, rate: stepErrorRate }));
  const skipped = skipRate > 0 && rng.chance(skipRate);
  const switchAt =
    mixRate > 0 && rng.chance(mixRate) ? rng.int(0, Math.max(0, trace.operations - 1)) : -1;
  const tagged = rng.chance(tagRate);
  const plainLabel = tagged ? false : rng.chance(0.5);
  const parts: string[] = [];
  let repeatedSteps = 0;
  for (const item of trace.items) {
    const lang = switchAt >= 0 && item.at >= switchAt ? otherLang(problem.lang) : problem.lang;
    const text = chainItemText(item, lang, stepText);
    parts.push(text);
    // Rambling repeats a plain step, never a correction or a check.
    if (item.kind === 'step' && rambleRate > 0 && rng.chance(rambleRate)) {
      parts.push(text);
      repeatedSteps++;
    }
  }
  const endLang = switchAt >= 0 ? otherLang(problem.lang) : problem.lang;
  const cot = skipped ? '' : parts.join(SOLUTION_WORDS[problem.lang].stepSeparator);
  let completion: string;
  if (tagged) completion = `<think>${cot}</think><answer>${trace.answer}</answer>`;
  else {
    const ending = plainLabel
      ? `${SOLUTION_WORDS[endLang].answerLabel} ${trace.answer}`
      : `= ${trace.answer}`;
    completion = cot ? `${cot}\n${ending}` : ending;
  }
  return {
    completion,
    answer: trace.answer,
    slips: trace.slips,
    tagged,
    ...(switchAt >= 0 ? { switchedTo: otherLang(problem.lang) } : {}),
    repeatedSteps: skipped ? 0 : repeatedSteps,
    skipped,
    corrections: skipped ? 0 : trace.corrections,
    verified: !skipped && trace.verified,
  };
}

/** A task solver's trace as the pieces {@link writeSolution} writes: its steps, in order. */
function plainTrace(trace: SolutionTrace): SelfCheckedTrace {
  return {
    items: trace.steps.map((step, at) => ({ kind: 'step', at, step })),
    operations: trace.steps.length,
    answer: trace.answer,
    slips: trace.slips,
    corrections: 0,
    verified: false,
  };
}

/**
 * The completion text for a problem: chain of thought in the prompt's language, then the
 * answer. With default options it is clean: `<think>3 plus 4 is 7, 7 minus 2 is 5</think><answer>5</answer>`.
 * @example
 * const [p] = generateProblems({ task: 'arith', seed: 0, count: 1 });
 * p.prompt + workedSolution(p) // 'Compute 3+4-2.\n<think>3 plus 4 is 7, 7 minus 2 is 5</think><answer>5</answer>'
 */
export function workedSolution(problem: Problem, options: SolutionOptions = {}): string {
  return writeSolution(problem, options).completion;
}
