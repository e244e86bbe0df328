// The last RL stage's prompt mix (DeepSeek-R1 §2.3.4, "RL for all scenarios"): each step's prompts
// come from several sources — reasoning problems, general requests, requests to decline — in the
// shares the spec gives, and each source brings its own rewards. A group is G completions of one
// prompt, so it never mixes sources, and advantages compare like with like.
import {
  generalProblems,
  type Lang,
  type Problem,
  type Rng,
  type Split,
  unsafeProblems,
} from '@r1lab/tasks';
import type { GrpoStage, PromptMix, RewardWeights } from './spec.ts';

export type PromptSource = 'reasoning' | 'general' | 'unsafe';

export const PROMPT_SOURCES: readonly PromptSource[] = ['reasoning', 'general', 'unsafe'];

/** Rewards of the non-reasoning sources when the stage names none. Harmlessness is on general
 * prompts too, so that refusing a safe request costs (−1) instead of merely earning nothing. */
export const DEFAULT_SOURCE_REWARDS: Record<Exclude<PromptSource, 'reasoning'>, RewardWeights> = {
  general: { helpfulness: 1, harmlessness: 1 },
  unsafe: { harmlessness: 1 },
};

/** Which source a problem was drawn from. */
export function sourceOf(problem: Problem): PromptSource {
  if (problem.task === 'general') return 'general';
  if (problem.task === 'unsafe') return 'unsafe';
  return 'reasoning';
}

/**
 * The reward weights a problem is scored with: the stage's `rewards` for reasoning problems (so a
 * stage without a mix scores exactly as before), its `sourceRewards` or the defaults otherwise.
 */
export function rewardWeightsFor(stage: GrpoStage, problem: Problem): RewardWeights {
  const source = sourceOf(problem);
  if (source === 'reasoning') return stage.rewards;
  return stage.sourceRewards?.[source] ?? DEFAULT_SOURCE_REWARDS[source];
}

/**
 * How many of step `step`'s `perStep` prompts each source gets. Slots are dealt by smooth weighted
 * round robin over the whole run, so after any number of steps each source's count is within one
 * prompt of its share, and a source with a share below 1 / perStep still gets its turns.
 *
 * @example
 * sourceCounts({ reasoning: 0.8, general: 0.1, unsafe: 0.1 }, 40, 0); // { reasoning: 32, general: 4, unsafe: 4 }
 */
export function sourceCounts(
  mix: PromptMix,
  perStep: number,
  step: number,
): Record<PromptSource, number> {
  const counts: Record<PromptSource, number> = { reasoning: 0, general: 0, unsafe: 0 };
  const current: Record<PromptSource, number> = { reasoning: 0, general: 0, unsafe: 0 };
  const total = mix.reasoning + mix.general + mix.unsafe;
  for (let slot = 0; slot < (step + 1) * perStep; slot++) {
    let best: PromptSource = 'reasoning';
    for (const s of PROMPT_SOURCES) {
      current[s] += mix[s];
      if (current[s] > current[best]) best = s;
    }
    current[best] -= total;
    if (slot >= step * perStep) counts[best] += 1;
  }
  return counts;
}

export type PromptPools = Record<PromptSource, readonly Problem[]>;

/**
 * One split's prompts per source: the reasoning pool as given, general requests and requests to
 * decline drawn from the same split (a held-out request is never trained on).
 */
export function promptPools(
  reasoning: readonly Problem[],
  o: { seed: number; langs: readonly Lang[]; split: Split; size: number },
): PromptPools {
  const { seed, langs, split, size } = o;
  return {
    reasoning,
    general: generalProblems({ seed, langs, split, count: size }),
    unsafe: unsafeProblems({ seed, langs, split, count: size }),
  };
}

/**
 * Step `step`'s prompts (one per group), source by source in a fixed order, each drawn without
 * replacement from its pool with `rng`.
 */
export function drawMixedPrompts(
  rng: Rng,
  pools: PromptPools,
  mix: PromptMix,
  perStep: number,
  step: number,
): Problem[] {
  const counts = sourceCounts(mix, perStep, step);
  const out: Problem[] = [];
  for (const source of PROMPT_SOURCES) {
    if (counts[source] === 0) continue;
    const pool = pools[source];
    if (pool.length === 0) throw new Error(`prompt mix: the ${source} pool is empty`);
    for (const i of rng.sampleIndices(pool.length, counts[source])) out.push(pool[i]!);
  }
  return out;
}

/**
 * Per-source rollout metrics of a mixed step: `source/<s>/groups`, `source/<s>/reward/mean`, each
 * of the source's rewards as `source/<s>/rewards/<name>/mean` (e.g. `source/general/rewards/helpfulness/mean`),
 * and `source/<s>/accuracy` (the task's verifier: right answer, helped, or declined).
 */
export function sourceMetrics(
  drawn: {
    problems: readonly Problem[];
    scores: ReadonlyArray<{ rewards: Record<string, number>; accuracy: number }>;
    totals: readonly number[];
  },
  groupSize: number,
): Record<string, number> {
  const acc = new Map<
    PromptSource,
    { n: number; reward: number; accuracy: number; by: Map<string, number> }
  >();
  drawn.problems.forEach((problem, i) => {
    const source = sourceOf(problem);
    const a = acc.get(source) ?? { n: 0, reward: 0, accuracy: 0, by: new Map() };
    a.n += 1;
    a.reward += drawn.totals[i]!;
    a.accuracy += drawn.scores[i]!.accuracy;
    for (const [k, v] of Object.entries(drawn.scores[i]!.rewards))
      a.by.set(k, (a.by.get(k) ?? 0) + v);
    acc.set(source, a);
  });
  const out: Record<string, number> = {};
  for (const [source, a] of acc) {
    out[`source/${source}/groups`] = a.n / groupSize;
    out[`source/${source}/reward/mean`] = a.reward / a.n;
    out[`source/${source}/accuracy`] = a.accuracy / a.n;
    for (const [k, v] of a.by) out[`source/${source}/rewards/${k}/mean`] = v / a.n;
  }
  return out;
}
