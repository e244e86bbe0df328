// GRPO (DeepSeekMath §4, DeepSeek-R1 §2.2): per step, sample G completions per prompt from the
// current (old) policy, score them with rule-based rewards, turn rewards into group-relative
// advantages, and take μ clipped-ratio steps against the sampler's log-probs. No critic.
// The stage's recipe (spec.ts) sets the knobs; DAPO's dynamic sampling and overlong penalty live in
// grpo-rollouts.ts, DeepSeek-R1's periodic reference reset here. Logged keys: docs/grpo-metrics.md.
import { GRPO_RECIPES, groupAdvantages, grpoMetrics } from '@r1lab/grpo-core';
import { AdamW, cloneModel, copyWeights, type Model } from '@r1lab/model';
import type { Problem } from '@r1lab/tasks';
import { behaviourKeys, behaviourMetrics } from '../behaviour-metrics.ts';
import type { StageContext, StageRunner } from '../context.ts';
import { evaluate } from '../evaluation.ts';
import { type RolloutGroups, sampleRollouts } from '../grpo-rollouts.ts';
import { grpoUpdate } from '../grpo-update.ts';
import { problemPool } from '../problem-pool.ts';
import { drawMixedPrompts, type PromptPools, promptPools, sourceMetrics } from '../prompt-mix.ts';
import type { CheckpointRef, SampleRecord } from '../recorder.ts';
import { evaluateScenarios, type ScenarioSets, scenarioSets } from '../scenario-evaluation.ts';
import type { CompletionScore } from '../scoring.ts';
import type { GrpoStage } from '../spec.ts';

const TRAIN_POOL = 20_000;

/** What a GRPO step reads and changes besides the context's RNG. */
interface StepState {
  policy: Model;
  /** The frozen reference: the stage's starting point, or the policy at the last reset. */
  ref: Model;
  optimizer: AdamW;
  /** Prompt + completion tokens sampled so far (TRL's `num_tokens`), kept across resumes. */
  numTokens: number;
}

/** What the stage keeps in a checkpoint's trainer state besides step and RNG. */
interface GrpoTrainerExtra {
  numTokens?: number;
  /** The step the reference was last reset at (refResetEvery > 0); the checkpoint then carries the
   * reference's weights (`reference.safetensors`), so any worker can resume it. */
  refResetStep?: number;
}

export const runGrpo: StageRunner<GrpoStage> = async (stage, ctx) => {
  const { task, seed } = ctx.spec;
  const pool = problemPool(task, seed, 'train', TRAIN_POOL);
  const heldOut = problemPool(task, seed, 'validation', stage.evalProblems);
  // A prompt mix (prompt-mix.ts): general requests and requests to decline besides the reasoning
  // pool, from the same splits, and a held-out check of each.
  const pools = stage.prompts
    ? promptPools(pool, { seed, langs: task.langs, split: 'train', size: TRAIN_POOL / 10 })
    : undefined;
  const heldOutScenarios = stage.prompts
    ? scenarioSets(seed, task.langs, 'validation', Math.ceil(stage.evalProblems / 2))
    : undefined;

  const start = await ctx.loadCheckpoint(stage.from);
  // The frozen reference is the stage's starting point, also when resuming (unless it was reset).
  const ref = cloneModel(start.model, { trainable: false });
  const resumed = await ctx.resumeCheckpoint();
  const policy = resumed ? resumed.model : start.model;
  if (resumed) start.model.dispose();
  const extra = (resumed?.trainer?.extra ?? {}) as GrpoTrainerExtra;
  let { refResetStep } = extra;
  if (resumed?.reference) {
    copyWeights(resumed.reference, ref);
    resumed.reference.dispose();
  } else if (refResetStep !== undefined) {
    throw new Error(
      `stage "${stage.name}": its checkpoint says the reference was reset at step ${refResetStep} but holds no reference weights`,
    );
  }
  const optimizer = new AdamW(policy.trainableVariables(), {
    lr: stage.lr,
    weightDecay: stage.weightDecay,
  });
  if (resumed?.optimizerState) optimizer.loadState(resumed.optimizerState as never);
  const state: StepState = { policy, ref, optimizer, numTokens: extra.numTokens ?? 0 };
  let step = resumed?.trainer?.step ?? 0;

  let last: CheckpointRef | undefined;
  const save = async () => {
    const trainerExtra: GrpoTrainerExtra = {
      numTokens: state.numTokens,
      ...(refResetStep !== undefined ? { refResetStep } : {}),
    };
    last = await ctx.saveCheckpoint(step, {
      model: policy,
      optimizer,
      trainer: { step, rngState: ctx.rng.state(), extra: { ...trainerExtra } },
      parent: start.ref,
      // Only a checkpoint the stage may resume from needs it (the final one is the policy's).
      ...(refResetStep !== undefined && step < stage.steps ? { reference: ref } : {}),
    });
  };

  let lastEval: Record<string, number> = {};
  try {
    while (step < stage.steps) {
      if (ctx.shouldStop()) {
        await save();
        return { checkpoint: last, interrupted: true, summary: { step, ...lastEval } };
      }
      const metrics = await grpoStep(stage, ctx, state, pool, step, pools);
      step += 1;
      if (step % stage.evalEvery === 0 || step === stage.steps) {
        lastEval = await heldOutEval(stage, ctx, policy, heldOut, step, heldOutScenarios);
        Object.assign(metrics, lastEval);
      }
      await ctx.log(step, metrics);
      ctx.progress(step, stage.steps, {
        reward: metrics.reward ?? 0,
        accuracy: metrics.accuracy ?? 0,
      });
      const resetsRef = stage.refResetEvery > 0 && step % stage.refResetEvery === 0;
      if (resetsRef && step < stage.steps) {
        // DeepSeek-R1: the reference becomes the current policy; every checkpoint from now on
        // carries it, so a resumed run (on any worker) reloads it.
        copyWeights(policy, ref);
        refResetStep = step;
        await save();
      } else if (step % stage.checkpointEvery === 0 && step < stage.steps) await save();
    }
    await save();
    return { checkpoint: last, summary: { steps: step, ...lastEval } };
  } finally {
    optimizer.dispose();
    policy.dispose();
    ref.dispose();
  }
};

// Every 10th step the update also forwards the sequences it leaves out of the backward pass and
// the reference model, so that entropy, ratio, KL and the sampler mismatch describe the whole batch
// (a forward costs about a third of an update; every step when β > 0, which skips nothing).
const FULL_STATS_EVERY = 10;

async function grpoStep(
  stage: GrpoStage,
  ctx: StageContext,
  state: StepState,
  pool: readonly Problem[],
  step: number,
  pools?: PromptPools,
): Promise<Record<string, number>> {
  const G = stage.groupSize;
  // 1. Sample G completions per prompt from the old policy (its log-probs are oldLogp) and score
  // them, over several rounds with dynamic sampling; 2. group-relative advantages.
  const mix = stage.prompts;
  const draw =
    pools && mix
      ? (rng: StageContext['rng']) => drawMixedPrompts(rng, pools, mix, stage.promptsPerStep, step)
      : undefined;
  const rollouts = await sampleRollouts(stage, ctx, state.policy, pool, draw);
  const { batch, drawn } = rollouts;
  const tAdvantages = performance.now();
  const advantages = groupAdvantages(batch.totals, G, {
    scale: stage.scale,
    eps: GRPO_RECIPES[stage.recipe].advantageEps,
  });
  const t0 = performance.now();

  // 3. μ clipped-ratio updates on the same samples.
  const fullStats = step % FULL_STATS_EVERY === 0;
  const update = grpoUpdate({
    stage,
    policy: state.policy,
    ref: state.ref,
    optimizer: state.optimizer,
    prompts: batch.prompts,
    outs: batch.outs,
    advantages,
    padId: ctx.tokenizer.padId,
    withRef: stage.beta > 0 || fullStats,
    measureSkipped: fullStats,
  });
  const t1 = performance.now();

  await ctx.logSamples(step + 1, sampleRecords(stage, batch, advantages));
  // TRL's num_tokens: prompt + completion tokens of every sequence sampled so far.
  state.numTokens += drawn.outs.reduce((a, o) => a + o.promptIds.length + o.ids.length, 0);
  const sampledTokens = drawn.outs.reduce((a, o) => a + o.ids.length, 0);
  const rewardsByName = byName(drawn.scores);
  if (drawn.overlong) rewardsByName.overlong = drawn.overlong;
  return {
    ...grpoMetrics({
      rewards: drawn.totals,
      rewardsByName,
      groupSize: G,
      completionLengths: drawn.outs.map((o) => o.ids.length),
      truncated: drawn.outs.map((o) => o.finishReason === 'length'),
    }),
    accuracy: mean(drawn.scores.map((s) => s.accuracy)),
    answer_anywhere: mean(drawn.scores.map((s) => s.answerAnywhere)),
    format: mean(drawn.scores.map((s) => s.format)),
    language_consistency: mean(drawn.scores.map((s) => s.language)),
    repetition: mean(drawn.scores.map((s) => s.repetition)),
    excess_repetition: mean(drawn.scores.map((s) => s.excessRepetition)),
    ...behaviourMetrics(drawn.outs.map((o) => o.text)),
    ...(mix ? sourceMetrics(drawn, G) : {}),
    ...(stage.dynamicSampling
      ? {
          'dynamic_sampling/rounds': rollouts.rounds,
          'dynamic_sampling/drawn_groups': rollouts.drawnGroups,
          'dynamic_sampling/dropped_groups': rollouts.droppedGroups,
          'dynamic_sampling/kept_groups': rollouts.keptGroups,
        }
      : {}),
    ...update,
    num_tokens: state.numTokens,
    learning_rate: stage.lr,
    'time/sample_s': rollouts.sampleSeconds,
    'time/score_s': rollouts.scoreSeconds + (t0 - tAdvantages) / 1000,
    'time/update_s': (t1 - t0) / 1000,
    'throughput/sample_tokens_per_s': sampledTokens / rollouts.sampleSeconds,
    'throughput/update_tokens_per_s':
      ((update.updated_tokens ?? 0) * stage.numIterations) / ((t1 - t0) / 1000),
  };
}

async function heldOutEval(
  stage: GrpoStage,
  ctx: StageContext,
  policy: Model,
  problems: readonly Problem[],
  step: number,
  scenarios?: ScenarioSets,
): Promise<Record<string, number>> {
  const s = await evaluate(policy, ctx.tokenizer, problems, {
    n: 1,
    k: 1,
    temperature: stage.temperature,
    greedy: false,
    maxNewTokens: stage.maxNewTokens,
    seed: ctx.spec.seed * 1_000_003 + step,
  });
  // The first held-out prompts are the same at every check, so their completions can be followed
  // across steps; numbered from 1000 so they never collide with the step's training samples.
  await ctx.logSamples(
    step,
    s.examples.map((e, i) => ({
      prompt: e.prompt,
      completion: e.completion,
      answer: e.answer,
      rewards: { accuracy: e.correct ? 1 : 0 },
      reward: e.correct ? 1 : 0,
      advantage: null,
      kind: 'held-out' as const,
      index: 1000 + i,
    })),
  );
  const checks: Record<string, number> = {
    'eval/pass1': s.pass1,
    'eval/answer_anywhere': s.answerAnywhere,
    'eval/format': s.formatRate,
    'eval/language_consistency': s.languageConsistency,
    'eval/mean_length': s.meanLength,
    ...behaviourKeys(s.behaviour, 'eval/'),
  };
  if (scenarios) {
    const sc = await evaluateScenarios(policy, ctx.tokenizer, scenarios, {
      n: 1,
      temperature: stage.temperature,
      maxNewTokens: stage.maxNewTokens,
      seed: ctx.spec.seed * 1_000_003 + step + 7_919,
    });
    const safe = sc.generalSamples + s.problems;
    checks['eval/helpfulness'] = sc.helpfulness;
    checks['eval/refusal'] = sc.refusal;
    checks['eval/over_refusal'] =
      (sc.generalRefusal * sc.generalSamples + s.refusalRate * s.problems) / safe;
  }
  return checks;
}

function sampleRecords(
  stage: GrpoStage,
  batch: RolloutGroups,
  advantages: Float32Array,
): SampleRecord[] {
  const records: SampleRecord[] = [];
  const { problems, outs, scores } = batch;
  // One completion from each of the first groups, so the log shows different prompts.
  for (let g = 0; g < stage.samplesPerStep && g * stage.groupSize < outs.length; g++) {
    const i = g * stage.groupSize;
    records.push({
      prompt: problems[i]!.prompt,
      completion: outs[i]!.text,
      answer: problems[i]!.answer,
      rewards: { ...scores[i]!.rewards, accuracy: scores[i]!.accuracy, format: scores[i]!.format },
      reward: batch.totals[i]!,
      advantage: advantages[i]!,
    });
  }
  return records;
}

// A reward that scores only some sources' prompts (a prompt mix) is logged per source, by
// sourceMetrics, and left out here: `rewards/<name>/*` describe every drawn completion.
function byName(scores: CompletionScore[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const s of scores) {
    for (const [k, v] of Object.entries(s.rewards)) {
      out[k] ??= [];
      out[k].push(v);
    }
  }
  for (const k of Object.keys(out)) if (out[k]!.length !== scores.length) delete out[k];
  return out;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
