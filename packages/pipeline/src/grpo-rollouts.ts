// One GRPO step's rollouts: draw prompts, sample G completions each from the old policy (its
// log-probs become oldLogp), and score them. With dynamic sampling (DAPO §3.2) groups whose rewards
// all agree carry no advantage, so they are dropped and more prompts drawn, round after round, until
// the batch holds `promptsPerStep` informative groups or `maxSamplingRounds` rounds are spent.
import { filterZeroVarianceGroups, overlongPenalty, repeatForGroups } from '@r1lab/grpo-core';
import { type Completion, generate, type Model } from '@r1lab/model';
import type { Problem } from '@r1lab/tasks';
import type { StageContext } from './context.ts';
import { rewardWeightsFor } from './prompt-mix.ts';
import { type CompletionScore, scoreCompletion } from './scoring.ts';
import { encodePrompt } from './sequences.ts';
import type { GrpoStage } from './spec.ts';

/** Completions of one or more whole groups (G consecutive completions per prompt). */
export interface RolloutGroups {
  problems: Problem[];
  prompts: number[][];
  outs: Completion[];
  scores: CompletionScore[];
  /** The reward GRPO optimises: the weighted rewards plus the overlong penalty, if any. */
  totals: number[];
  /** DAPO's soft overlong penalty of each completion; absent when the stage has none. */
  overlong?: number[];
}

export interface StepRollouts {
  /** The groups the update trains on. */
  batch: RolloutGroups;
  /** Every completion sampled this step, all rounds (what the rollout metrics describe). */
  drawn: RolloutGroups;
  rounds: number;
  /** Groups sampled, dropped for zero reward variance, and trained on (dynamic sampling). */
  drawnGroups: number;
  droppedGroups: number;
  keptGroups: number;
  sampleSeconds: number;
  scoreSeconds: number;
}

/**
 * Samples and scores one step's groups. Without dynamic sampling this is one round, and the batch
 * is every group drawn. Each round draws its prompts, then its sampling seed, from `ctx.rng`:
 * `promptsPerStep` from `pool`, or what `draw` returns (a prompt mix, prompt-mix.ts).
 *
 * @example
 * const { batch, drawnGroups, droppedGroups } = await sampleRollouts(stage, ctx, policy, pool);
 */
export async function sampleRollouts(
  stage: GrpoStage,
  ctx: StageContext,
  policy: Model,
  pool: readonly Problem[],
  draw?: (rng: StageContext['rng']) => Problem[],
): Promise<StepRollouts> {
  const G = stage.groupSize;
  const drawn = emptyGroups(stage);
  const kept = emptyGroups(stage);
  let last = emptyGroups(stage);
  let rounds = 0;
  let droppedGroups = 0;
  let sampleSeconds = 0;
  let scoreSeconds = 0;
  const maxRounds = stage.dynamicSampling ? stage.maxSamplingRounds : 1;
  while (rounds < maxRounds && kept.outs.length < stage.promptsPerStep * G) {
    const t0 = performance.now();
    const problems = repeatForGroups(
      draw
        ? draw(ctx.rng)
        : ctx.rng.sampleIndices(pool.length, stage.promptsPerStep).map((i) => pool[i]!),
      G,
    );
    const prompts = problems.map((p) => encodePrompt(ctx.tokenizer, p.prompt));
    const outs = await generate(policy, ctx.tokenizer, prompts, {
      maxNewTokens: stage.maxNewTokens,
      temperature: stage.temperature,
      seed: ctx.rng.seed(),
    });
    const t1 = performance.now();
    last = scoreGroups(stage, problems, prompts, outs);
    scoreSeconds += (performance.now() - t1) / 1000;
    sampleSeconds += (t1 - t0) / 1000;
    rounds += 1;
    append(drawn, last, range(outs.length));
    if (!stage.dynamicSampling) {
      append(kept, last, range(outs.length));
      break;
    }
    const filter = filterZeroVarianceGroups(last.totals, G);
    droppedGroups += filter.droppedGroups;
    // A full batch takes the first `promptsPerStep` informative groups; the rest are surplus.
    const room = stage.promptsPerStep * G - kept.outs.length;
    append(kept, last, filter.keptIndices.slice(0, room));
  }
  // No informative group in any round: train on the last round as without dynamic sampling (every
  // advantage is 0, so only AdamW's moments move), so a step is a step either way.
  const batch = kept.outs.length > 0 ? kept : last;
  return {
    batch,
    drawn,
    rounds,
    drawnGroups: drawn.outs.length / G,
    droppedGroups,
    keptGroups: kept.outs.length / G,
    sampleSeconds,
    scoreSeconds,
  };
}

function scoreGroups(
  stage: GrpoStage,
  problems: Problem[],
  prompts: number[][],
  outs: Completion[],
): RolloutGroups {
  // Each problem with its source's rewards (a reasoning-only stage: `stage.rewards` for all).
  const scores = outs.map((o, i) =>
    scoreCompletion(problems[i]!, o.text, rewardWeightsFor(stage, problems[i]!)),
  );
  const groups: RolloutGroups = { problems, prompts, outs, scores, totals: [] };
  if (stage.overlong) {
    // DAPO eq. 13 with L_max = the generation budget: a cut completion gets the full −1.
    const cache = Math.round(stage.overlong.cacheFraction * stage.maxNewTokens);
    groups.overlong = outs.map((o) => overlongPenalty(o.ids.length, stage.maxNewTokens, cache));
  }
  const overlong = groups.overlong;
  groups.totals = scores.map((s, i) => (overlong ? s.total + overlong[i]! : s.total));
  return groups;
}

function emptyGroups(stage: GrpoStage): RolloutGroups {
  const groups: RolloutGroups = { problems: [], prompts: [], outs: [], scores: [], totals: [] };
  if (stage.overlong) groups.overlong = [];
  return groups;
}

function append(into: RolloutGroups, from: RolloutGroups, indices: readonly number[]): void {
  for (const i of indices) {
    into.problems.push(from.problems[i]!);
    into.prompts.push(from.prompts[i]!);
    into.outs.push(from.outs[i]!);
    into.scores.push(from.scores[i]!);
    into.totals.push(from.totals[i]!);
    if (into.overlong && from.overlong) into.overlong.push(from.overlong[i]!);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
