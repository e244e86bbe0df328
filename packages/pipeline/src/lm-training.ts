// Next-token training shared by pretraining (loss on every token) and SFT (completion tokens only).
import {
  AdamW,
  copyWeights,
  createModel,
  lmLoss,
  type Model,
  padArrays,
  trainStep,
  WeightAverage,
  warmupCosine,
} from '@r1lab/model';
import type { Example } from '@r1lab/tasks';
import * as tf from '@tensorflow/tfjs';
import type { LoadedCheckpoint, StageContext, StageResult } from './context.ts';
import type { CheckpointRef } from './recorder.ts';
import { type EncodedExample, encodeExample, lossMaskFor } from './sequences.ts';
import { scheduledCheckpoints } from './spec.ts';

export interface LmTrainingOptions {
  examples: readonly Example[];
  steps: number;
  batchSize: number;
  lr: number;
  minLr: number;
  warmup: number;
  weightDecay: number;
  maxGradNorm: number;
  completionOnly: boolean;
  /** Train on windows of the concatenated token stream (pretraining, as nanoGPT does): no padding
   * is computed, and every row is a full context. Needs `completionOnly: false`. */
  pack?: boolean;
  /** Start from this checkpoint (SFT); absent = a fresh model (pretraining). */
  init?: LoadedCheckpoint | undefined;
  /** Save every this many steps (and at the end). */
  checkpointEvery: number;
  /** End on the mean of the weights at the last N checkpoints (the end included); absent = the
   * last step's weights. */
  averageLast?: number | undefined;
}

/**
 * Trains `ctx`'s model on `examples` for `steps` AdamW steps with warmup + cosine decay; logs
 * `loss`, `grad_norm`, `learning_rate`, `tokens_per_s`; resumes from the stage's own newest checkpoint.
 */
export async function trainLm(ctx: StageContext, o: LmTrainingOptions): Promise<StageResult> {
  const maxLen = ctx.spec.model.max_position_embeddings;
  const encoded = o.examples.map((e) =>
    encodeExample(ctx.tokenizer, e.prompt, e.completion, maxLen),
  );
  if (encoded.length === 0) {
    throw new Error(
      `stage "${ctx.stage.name}": no training examples (is the dataset it reads empty?)`,
    );
  }

  if (o.pack && o.completionOnly) throw new Error('trainLm: pack needs completionOnly false');
  const stream = o.pack ? Int32Array.from(encoded.flatMap((e) => e.ids)) : undefined;
  if (stream && stream.length <= maxLen) {
    throw new Error(
      `stage "${ctx.stage.name}": corpus has ${stream.length} tokens, fewer than one context`,
    );
  }

  const resumed = await ctx.resumeCheckpoint();
  let model: Model;
  let startStep = 0;
  if (resumed) {
    model = resumed.model;
    startStep = resumed.trainer?.step ?? resumed.ref.step;
    o.init?.model.dispose();
  } else if (o.init) {
    model = o.init.model;
  } else {
    const config = { ...ctx.spec.model, vocab_size: ctx.tokenizer.vocabSize };
    model = createModel(config, { seed: ctx.rng.seed() });
  }
  const parent: CheckpointRef | undefined = o.init?.ref;
  const optimizer = new AdamW(model.trainableVariables(), { lr: o.lr, weightDecay: o.weightDecay });
  if (resumed?.optimizerState) optimizer.loadState(resumed.optimizerState as never);
  const lrAt = warmupCosine({ warmup: o.warmup, total: o.steps, lrMax: o.lr, lrMin: o.minLr });

  // The running mean travels with each checkpoint as its second weights, so a resumed stage
  // averages the same points.
  const averageFrom = o.averageLast ? averagingStart(o.steps, o.checkpointEvery, o.averageLast) : 0;
  const averaged = Number(resumed?.trainer?.extra?.averaged ?? 0);
  if (averaged > 0 && !resumed?.reference) {
    throw new Error(
      `stage "${ctx.stage.name}": its checkpoint says ${averaged} weights were averaged but holds no mean`,
    );
  }
  const average = new WeightAverage(
    averaged > 0 && resumed?.reference ? { mean: resumed.reference, count: averaged } : undefined,
  );
  resumed?.reference?.dispose();

  let last: CheckpointRef | undefined;
  const save = async (step: number) => {
    last = await ctx.saveCheckpoint(step, {
      model,
      optimizer,
      trainer: {
        step,
        rngState: ctx.rng.state(),
        ...(average.count > 0 ? { extra: { averaged: average.count } } : {}),
      },
      parent,
      ...(average.model && step < o.steps ? { reference: average.model } : {}),
    });
  };
  const checkpoint = async (step: number) => {
    if (o.averageLast && step >= averageFrom) {
      average.add(model);
      if (step === o.steps) copyWeights(average.model!, model);
    }
    await save(step);
  };

  let skipped = 0;
  let loss = Number.NaN;
  try {
    for (let step = startStep; step < o.steps; step++) {
      if (ctx.shouldStop()) {
        await save(step);
        return { checkpoint: last, interrupted: true, summary: { step, loss } };
      }
      const t0 = performance.now();
      const batch = stream
        ? packedWindows(stream, maxLen, o.batchSize, ctx)
        : ctx.rng
            .sampleIndices(encoded.length, Math.min(o.batchSize, encoded.length))
            .map((i) => encoded[i]!);
      const r = lmStep(model, optimizer, batch, ctx.tokenizer.padId, o, lrAt(step));
      loss = r.loss;
      if (r.skipped) skipped += 1;
      const seconds = (performance.now() - t0) / 1000;
      const metrics = {
        loss: r.loss,
        grad_norm: r.gradNorm,
        learning_rate: lrAt(step),
        tokens_per_s: r.tokens / seconds,
        skipped_steps: skipped,
      };
      if (step % 10 === 0 || step === o.steps - 1) await ctx.log(step + 1, metrics);
      ctx.progress(step + 1, o.steps, { loss: r.loss });
      if ((step + 1) % o.checkpointEvery === 0 && step + 1 < o.steps) await checkpoint(step + 1);
    }
    await checkpoint(o.steps);
    const summary = { steps: o.steps, loss, skipped_steps: skipped };
    return {
      checkpoint: last,
      summary: average.count > 0 ? { ...summary, averaged: average.count } : summary,
    };
  } finally {
    average.dispose();
    optimizer.dispose();
    model.dispose();
  }
}

/**
 * The first step whose checkpoint joins the mean of the last `n`: checkpoints fall every `every`
 * steps and at the end.
 *
 * @example
 * averagingStart(3000, 100, 5); // 2600 (2600, 2700, 2800, 2900, 3000)
 * averagingStart(250, 100, 2); // 200 (200, 250)
 */
export function averagingStart(steps: number, every: number, n: number): number {
  const saved = scheduledCheckpoints(steps, every);
  if (n > saved.length) {
    throw new Error(`averageLast ${n}: only ${saved.length} checkpoints in ${steps} steps`);
  }
  return saved[saved.length - n]!;
}

/** `count` windows of `len` tokens at random offsets of the token stream. */
function packedWindows(
  stream: Int32Array,
  len: number,
  count: number,
  ctx: StageContext,
): EncodedExample[] {
  return Array.from({ length: count }, () => {
    const at = ctx.rng.below(stream.length - len + 1);
    return { ids: Array.from(stream.subarray(at, at + len)), completionStart: 1 };
  });
}

function lmStep(
  model: Model,
  optimizer: AdamW,
  batch: EncodedExample[],
  padId: number,
  o: LmTrainingOptions,
  lr: number,
) {
  const padded = padArrays(
    batch.map((b) => b.ids),
    padId,
    'right',
  );
  const ids = tf.tensor2d(padded.ids, [padded.batch, padded.len], 'int32');
  const mask = tf.tensor2d(lossMaskFor(batch, padded.len, o.completionOnly), [
    padded.batch,
    padded.len,
  ]);
  try {
    const r = trainStep(model, optimizer, () => lmLoss(model, ids, mask), {
      maxGradNorm: o.maxGradNorm,
      lr,
    });
    const tokens = padded.mask.reduce((a, b) => a + b, 0);
    return { ...r, tokens };
  } finally {
    ids.dispose();
    mask.dispose();
  }
}
