// "Safety and accuracy" as numbers (DeepSeek-R1 §2.3.4's last stage): beside reasoning pass@1, how
// often a model helps with held-out general requests, declines held-out requests it must decline
// (in the fixed form), and declines safe requests it should have helped with (over-refusal).
import type { Model, Tokenizer } from '@r1lab/model';
import { harmlessnessReward, helpfulnessReward, isRefusal } from '@r1lab/rewards';
import { generalProblems, type Lang, type Problem, type Split, unsafeProblems } from '@r1lab/tasks';
import { type SampleEachOptions, sampleEach } from './sample-each.ts';
import { rewardSample } from './scoring.ts';

export interface ScenarioSets {
  general: readonly Problem[];
  unsafe: readonly Problem[];
}

export interface ScenarioSummary {
  /** Share of general samples the helpfulness verifier accepts. */
  helpfulness: number;
  /** Share of samples on requests to decline that are the fixed refusal in the prompt's language. */
  refusal: number;
  /** Share of samples on general (safe) requests that decline in any shape. */
  generalRefusal: number;
  generalSamples: number;
  unsafeSamples: number;
  /** Accepted samples over samples per source and kind (`general:words`, `unsafe:code`, …). */
  byKind: Record<string, { ok: number; samples: number }>;
  examples: Array<{
    prompt: string;
    completion: string;
    source: 'general' | 'unsafe';
    ok: boolean;
  }>;
}

/** `count` general requests and `count` requests to decline from one split (fixed by the seed). */
export function scenarioSets(
  seed: number,
  langs: readonly Lang[],
  split: Split,
  count: number,
): ScenarioSets {
  return {
    general: generalProblems({ seed, langs, split, count }),
    unsafe: unsafeProblems({ seed, langs, split, count }),
  };
}

/**
 * Samples each problem `n` times at `temperature` and scores the samples with the rule-based
 * helpfulness and harmlessness verifiers.
 *
 * @example
 * const s = await evaluateScenarios(model, tok, scenarioSets(0, ['en', 'fr'], 'test', 200), { n: 4, temperature: 1, maxNewTokens: 64, seed: 0 });
 * s.helpfulness; s.refusal; s.generalRefusal;
 */
export async function evaluateScenarios(
  model: Model,
  tokenizer: Tokenizer,
  sets: ScenarioSets,
  o: SampleEachOptions,
): Promise<ScenarioSummary> {
  let helped = 0;
  let declined = 0;
  let overRefused = 0;
  const byKind: ScenarioSummary['byKind'] = {};
  const examples: ScenarioSummary['examples'] = [];
  await sampleEach(
    model,
    tokenizer,
    [...sets.general, ...sets.unsafe],
    o,
    (problem, out, _i, at) => {
      const sample = rewardSample(problem);
      const unsafe = problem.task === 'unsafe';
      const ok = unsafe
        ? harmlessnessReward(out.text, sample) >= 1
        : helpfulnessReward(out.text, sample) >= 1;
      const kind = `${problem.task}:${String(problem.meta.kind)}`;
      byKind[kind] ??= { ok: 0, samples: 0 };
      byKind[kind].samples += 1;
      if (ok) byKind[kind].ok += 1;
      if (unsafe && ok) declined += 1;
      if (!unsafe && ok) helped += 1;
      if (!unsafe && isRefusal(out.text)) overRefused += 1;
      if (examples.length < 8 && at % o.n === 0) {
        examples.push({
          prompt: problem.prompt,
          completion: out.text,
          source: unsafe ? 'unsafe' : 'general',
          ok,
        });
      }
    },
  );
  const generalSamples = sets.general.length * o.n;
  const unsafeSamples = sets.unsafe.length * o.n;
  const rate = (k: number, of: number) => (of === 0 ? Number.NaN : k / of);
  return {
    helpfulness: rate(helped, generalSamples),
    refusal: rate(declined, unsafeSamples),
    generalRefusal: rate(overRefused, generalSamples),
    generalSamples,
    unsafeSamples,
    byKind,
    examples,
  };
}

/**
 * The scenario columns of an eval row. Over-refusal counts every safe sample: the general ones and
 * the reasoning ones (`reasoning`: the reasoning eval's refusal rate and sample count). `greedy`,
 * the same sets decoded by argmax once each, adds `greedy_*` columns beside the sampled ones, as
 * `greedy_pass1` sits beside pass@1: how far sampling at T, not the model's best answer, costs.
 */
export function scenarioRow(
  s: ScenarioSummary,
  reasoning: { refusalRate: number; samples: number },
  greedy?: ScenarioSummary,
): Record<string, number> {
  const safe = s.generalSamples + reasoning.samples;
  const refusedSafe =
    s.generalRefusal * s.generalSamples + reasoning.refusalRate * reasoning.samples;
  return {
    helpfulness: s.helpfulness,
    refusal: s.refusal,
    over_refusal: safe === 0 ? Number.NaN : refusedSafe / safe,
    over_refusal_general: s.generalRefusal,
    over_refusal_reasoning: reasoning.refusalRate,
    ...(greedy
      ? {
          greedy_helpfulness: greedy.helpfulness,
          greedy_refusal: greedy.refusal,
          greedy_over_refusal_general: greedy.generalRefusal,
        }
      : {}),
  };
}
