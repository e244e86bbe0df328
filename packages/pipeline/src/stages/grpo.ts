// GRPO (DeepSeekMath §4, DeepSeek-R1 §2.2): per step, sample G completions per prompt from the
// current (old) policy, score them with rule-based rewards, turn rewards into group-relative
// advantages, and take μ clipped-ratio steps against the sampler's log-probs. No critic.
import { groupAdvantages, grpoMetrics, repeatForGroups } from '@r1lab/grpo-core';
import { AdamW, type Completion, cloneModel, generate, type Model } from '@r1lab/model';
import type { Problem } from '@r1lab/tasks';
import type { StageContext, StageRunner } from '../context.ts';
import { evaluate } from '../evaluation.ts';
import { grpoUpdate } from '../grpo-update.ts';
import { problemPool } from '../problem-pool.ts';
import type { CheckpointRef, SampleRecord } from '../recorder.ts';
import { type CompletionScore, scoreCompletion } from '../scoring.ts';
import { encodePrompt } from '../sequences.ts';
import type { GrpoStage } from '../spec.ts';

const TRAIN_POOL = 20_000;

export const runGrpo: StageRunner<GrpoStage> = async (stage, ctx) => {
  const { task, seed } = ctx.spec;
  const pool = problemPool(task, seed, 'train', TRAIN_POOL);
  const heldOut = problemPool(task, seed, 'validation', stage.evalProblems);

  const start = await ctx.loadCheckpoint(stage.from);
  // The frozen reference is the stage's starting point, also when resuming.
  const ref = cloneModel(start.model, { trainable: false });
  const resumed = await ctx.resumeCheckpoint();
  const policy = resumed ? resumed.model : start.model;
  if (resumed) start.model.dispose();
  const optimizer = new AdamW(policy.trainableVariables(), {
    lr: stage.lr,
    weightDecay: stage.weightDecay,
  });
  if (resumed?.optimizerState) optimizer.loadState(resumed.optimizerState as never);
  let step = resumed?.trainer?.step ?? 0;

  let last: CheckpointRef | undefined;
  const save = async () => {
    last = await ctx.saveCheckpoint(step, {
      model: policy,
      optimizer,
      trainer: { step, rngState: ctx.rng.state() },
      parent: start.ref,
    });
  };

  let lastEval: Record<string, number> = {};
  try {
    while (step < stage.steps) {
      if (ctx.shouldStop()) {
        await save();
        return { checkpoint: last, interrupted: true, summary: { step, ...lastEval } };
      }
      const metrics = await grpoStep(stage, ctx, policy, ref, optimizer, pool, step);
      step += 1;
      if (step % stage.evalEvery === 0 || step === stage.steps) {
        lastEval = await heldOutEval(stage, ctx, policy, heldOut, step);
        Object.assign(metrics, lastEval);
      }
      await ctx.log(step, metrics);
      ctx.progress(step, stage.steps, {
        reward: metrics.reward ?? 0,
        accuracy: metrics.accuracy ?? 0,
      });
      if (step % stage.checkpointEvery === 0 && step < stage.steps) await save();
    }
    await save();
    return { checkpoint: last, summary: { steps: step, ...lastEval } };
  } finally {
    optimizer.dispose();
    policy.dispose();
    ref.dispose();
  }
};

async function grpoStep(
  stage: GrpoStage,
  ctx: StageContext,
  policy: Model,
  ref: Model,
  optimizer: AdamW,
  pool: readonly Problem[],
  step: number,
): Promise<Record<string, number>> {
  const G = stage.groupSize;
  const tok = ctx.tokenizer;

  // 1. Sample G completions per prompt from the old policy; its log-probs are oldLogp.
  const t0 = performance.now();
  const problems = repeatForGroups(
    ctx.rng.sampleIndices(pool.length, stage.promptsPerStep).map((i) => pool[i]!),
    G,
  );
  const prompts = problems.map((p) => encodePrompt(tok, p.prompt));
  const outs = await generate(policy, tok, prompts, {
    maxNewTokens: stage.maxNewTokens,
    temperature: stage.temperature,
    seed: ctx.rng.seed(),
  });
  const t1 = performance.now();

  // 2. Score every completion; 3. group-relative advantages.
  const scores = outs.map((o, i) => scoreCompletion(problems[i]!, o.text, stage.rewards));
  const totals = scores.map((s) => s.total);
  const advantages = groupAdvantages(totals, G, { scale: stage.scale });
  const t2 = performance.now();

  // 4. μ clipped-ratio updates on the same samples.
  // The reference forward costs a third of an update: every step when β > 0, else every 10th (for the kl metric).
  const update = grpoUpdate({
    stage,
    policy,
    ref,
    optimizer,
    prompts,
    outs,
    advantages,
    padId: tok.padId,
    withRef: stage.beta > 0 || step % 10 === 0,
  });
  const t3 = performance.now();

  await ctx.logSamples(step + 1, sampleRecords(stage, problems, outs, scores, advantages));
  const sampledTokens = outs.reduce((a, o) => a + o.ids.length, 0);
  return {
    ...grpoMetrics({
      rewards: totals,
      rewardsByName: byName(scores),
      groupSize: G,
      completionLengths: outs.map((o) => o.ids.length),
      truncated: outs.map((o) => o.finishReason === 'length'),
    }),
    accuracy: mean(scores.map((s) => s.accuracy)),
    answer_anywhere: mean(scores.map((s) => s.answerAnywhere)),
    format: mean(scores.map((s) => s.format)),
    language_consistency: mean(scores.map((s) => s.language)),
    repetition: mean(scores.map((s) => s.repetition)),
    excess_repetition: mean(scores.map((s) => s.excessRepetition)),
    ...update,
    learning_rate: stage.lr,
    'time/sample_s': (t1 - t0) / 1000,
    'time/score_s': (t2 - t1) / 1000,
    'time/update_s': (t3 - t2) / 1000,
    'throughput/sample_tokens_per_s': sampledTokens / ((t1 - t0) / 1000),
    'throughput/update_tokens_per_s':
      (update.updated_tokens * stage.numIterations) / ((t3 - t2) / 1000),
  };
}

async function heldOutEval(
  stage: GrpoStage,
  ctx: StageContext,
  policy: Model,
  problems: readonly Problem[],
  step: number,
): Promise<Record<string, number>> {
  const s = await evaluate(policy, ctx.tokenizer, problems, {
    n: 1,
    k: 1,
    temperature: stage.temperature,
    greedy: false,
    maxNewTokens: stage.maxNewTokens,
    seed: ctx.spec.seed * 1_000_003 + step,
  });
  return {
    'eval/pass1': s.pass1,
    'eval/answer_anywhere': s.answerAnywhere,
    'eval/format': s.formatRate,
    'eval/language_consistency': s.languageConsistency,
  };
}

function sampleRecords(
  stage: GrpoStage,
  problems: Problem[],
  outs: Completion[],
  scores: CompletionScore[],
  advantages: Float32Array,
): SampleRecord[] {
  const records: SampleRecord[] = [];
  // One completion from each of the first groups, so the log shows different prompts.
  for (let g = 0; g < stage.samplesPerStep && g * stage.groupSize < outs.length; g++) {
    const i = g * stage.groupSize;
    records.push({
      prompt: problems[i]!.prompt,
      completion: outs[i]!.text,
      answer: problems[i]!.answer,
      rewards: { ...scores[i]!.rewards, accuracy: scores[i]!.accuracy, format: scores[i]!.format },
      reward: scores[i]!.total,
      advantage: advantages[i]!,
    });
  }
  return records;
}

function byName(scores: CompletionScore[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const s of scores) {
    for (const [k, v] of Object.entries(s.rewards)) {
      out[k] ??= [];
      out[k].push(v);
    }
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
