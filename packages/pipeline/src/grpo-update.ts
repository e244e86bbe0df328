// The GRPO policy update with gradient accumulation: the batch is split into micro-batches (the
// wasm heap cannot hold a forward/backward over 256 sequences at once), each micro-batch's loss is
// normalised by the WHOLE batch's token/sequence counts, and the summed gradients make one AdamW
// step — the same loss and gradient as the whole batch (grpo-core's invariance tests pin this).
// With β = 0 a sequence whose advantage is 0 adds exactly nothing to that gradient (its clipped
// objective is 0·ratio), so such sequences are left out of the forward/backward while still
// counting in the normalisers: the step is unchanged and, late in training when most groups are
// solved (zero reward variance), much cheaper. `measureSkipped` forwards them anyway (no gradient)
// on the steps whose metrics must cover the whole batch; grpo-update-metrics.ts says which do.
import { lossNormalisersOfLengths, type PolicyLossStats, policyLoss } from '@r1lab/grpo-core';
import {
  type AdamW,
  type Completion,
  clipByGlobalNorm,
  type Model,
  padArrays,
  tokenLogProbs,
} from '@r1lab/model';
import * as tf from '@tensorflow/tfjs';
import { updateMetrics } from './grpo-update-metrics.ts';
import type { GrpoStage } from './spec.ts';

interface MicroBatch {
  ids: tf.Tensor2D;
  attn: tf.Tensor2D;
  mask: tf.Tensor2D;
  old: tf.Tensor2D;
  adv: tf.Tensor1D;
  truncated: boolean[];
  /** Loss tokens in this micro-batch (after maskTruncated). */
  tokens: number;
  ref?: tf.Tensor2D;
}

type Normalisers = { tokenCount: number; sequenceCount: number };

export interface UpdateInput {
  stage: GrpoStage;
  policy: Model;
  ref: Model;
  optimizer: AdamW;
  prompts: number[][];
  outs: Completion[];
  advantages: Float32Array;
  padId: number;
  /** Compute the reference log-probs (for β > 0, or to log the KL). */
  withRef: boolean;
  /** Also forward the sequences left out of the backward pass (no gradient), so that the
   * forward-pass metrics (ratio, entropy, KL, sampler mismatch) cover the whole batch. */
  measureSkipped?: boolean;
}

/** Runs `numIterations` accumulated optimizer steps; returns the logged update metrics. */
export function grpoUpdate(u: UpdateInput): Record<string, number> {
  const { stage } = u;
  const norm = normalisers(u);
  const skips = stage.skipZeroAdvantage && stage.beta === 0;
  const byLength = (a: number, b: number) => seqLength(u, a) - seqLength(u, b);
  const all = u.outs.map((_, i) => i);
  // Sorted by length, so each micro-batch pads to a similar length (the sum is order-free).
  const rows = all.filter((i) => !skips || u.advantages[i] !== 0).sort(byLength);
  const skipped = all.filter((i) => skips && u.advantages[i] === 0).sort(byLength);
  const batches = microBatches(u, rows);
  const measured = u.measureSkipped ? microBatches(u, skipped) : [];
  try {
    const iterations: PolicyLossStats[][] = [];
    const losses: number[] = [];
    const gradNorms: number[] = [];
    let skippedUpdates = 0;
    for (let it = 0; it < stage.numIterations; it++) {
      // The measured-only sequences first: their stats must see the policy this iteration updates.
      const stats = measured.map((b) => forwardStats(u, b, norm));
      const r = accumulatedStep(u, batches, norm, stats);
      iterations.push(stats);
      losses.push(r.loss);
      gradNorms.push(r.gradNorm);
      if (r.skipped) skippedUpdates += 1;
    }
    return {
      ...updateMetrics({
        iterations,
        lossTokens: norm.tokenCount,
        updatedTokens: batches.reduce((a, b) => a + b.tokens, 0),
        coversBatch: skipped.length === 0 || u.measureSkipped === true,
        withRef: u.withRef,
        losses,
        gradNorms,
        skippedUpdates,
      }),
      updated_fraction: rows.length / u.outs.length,
    };
  } finally {
    for (const b of [...batches, ...measured]) {
      tf.dispose([b.ids, b.attn, b.mask, b.old, b.adv, ...(b.ref ? [b.ref] : [])]);
    }
  }
}

/** The policy loss of one micro-batch at the current weights (inside a tape or a tidy). */
function microBatchLoss(u: UpdateInput, b: MicroBatch, norm: Normalisers) {
  const { stage, policy } = u;
  const { logp, entropy } = tokenLogProbs(policy, b.ids, b.attn, {
    temperature: stage.temperature,
    withEntropy: true,
  });
  return policyLoss(
    {
      logp,
      oldLogp: b.old,
      ...(b.ref ? { refLogp: b.ref } : {}),
      advantages: b.adv,
      mask: b.mask,
      ...(entropy ? { entropy } : {}),
      truncated: b.truncated,
    },
    {
      epsLow: stage.epsLow,
      epsHigh: stage.epsHigh,
      beta: b.ref ? stage.beta : 0,
      kl: stage.kl,
      klTarget: b.ref ? stage.klTarget : 'old',
      agg: stage.agg,
      maxLength: stage.maxNewTokens,
      maskTruncated: stage.maskTruncated,
      tokenCount: norm.tokenCount,
      sequenceCount: norm.sequenceCount,
    },
  );
}

/** Stats of a micro-batch that stays out of the backward pass (forward only, no gradient). */
function forwardStats(u: UpdateInput, b: MicroBatch, norm: Normalisers): PolicyLossStats {
  let reader: ReturnType<typeof policyLoss>['stats'] | undefined;
  tf.tidy(() => {
    const out = microBatchLoss(u, b, norm);
    reader = out.stats;
    return out.loss;
  }).dispose();
  return reader!.read();
}

function accumulatedStep(
  u: UpdateInput,
  batches: MicroBatch[],
  norm: Normalisers,
  stats: PolicyLossStats[],
): { gradNorm: number; skipped: boolean; loss: number } {
  const { stage, policy } = u;
  const vars = policy.trainableVariables();
  let total: Record<string, tf.Tensor> | undefined;
  let lossSum = 0;
  for (const b of batches) {
    let reader: ReturnType<typeof policyLoss>['stats'] | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = microBatchLoss(u, b, norm);
      reader = out.stats;
      return out.loss;
    }, vars);
    if (reader) stats.push(reader.read());
    lossSum += value.dataSync()[0]!;
    value.dispose();
    if (!total) total = grads;
    else {
      for (const [k, g] of Object.entries(grads)) {
        const sum = tf.add(total[k]!, g);
        tf.dispose([total[k]!, g]);
        total[k] = sum;
      }
    }
  }
  // Every advantage 0: a zero gradient, so AdamW still moves by its moments, as without skipping.
  total ??= Object.fromEntries(vars.map((v) => [v.name, tf.zerosLike(v)]));
  const { grads: clipped, norm: gradNorm } = clipByGlobalNorm(total, stage.maxGradNorm);
  try {
    // A non-finite loss or gradient skips the update (reported as skipped_updates).
    if (!Number.isFinite(lossSum) || !Number.isFinite(gradNorm)) {
      return { gradNorm, skipped: true, loss: lossSum };
    }
    u.optimizer.step(clipped, stage.lr);
    return { gradNorm, skipped: false, loss: lossSum };
  } finally {
    tf.dispose(clipped);
    tf.dispose(total);
  }
}

function seqLength(u: UpdateInput, i: number): number {
  return u.prompts[i]!.length + u.outs[i]!.ids.length;
}

// The whole batch's token and sequence counts (what each micro-batch's loss is divided by).
// Counted over every completion, the skipped ones too, so the step equals the whole-batch one.
function normalisers(u: UpdateInput) {
  return lossNormalisersOfLengths(
    u.outs.map((o) => ({ tokens: o.logprobs.length, truncated: o.finishReason === 'length' })),
    { maskTruncated: u.stage.maskTruncated },
  );
}

function microBatches(u: UpdateInput, indices: number[]): MicroBatch[] {
  const size = u.stage.microBatchSize;
  const out: MicroBatch[] = [];
  for (let start = 0; start < indices.length; start += size) {
    const picked = indices.slice(start, start + size);
    const rows = picked.map((i) => u.outs[i]!);
    const prompts = picked.map((i) => u.prompts[i]!);
    const seqs = rows.map((o, j) => [...prompts[j]!, ...o.ids]);
    // Right padding: completion tokens sit right after each prompt; mask covers them only.
    const padded = padArrays(seqs, u.padId, 'right');
    const { batch: B, len: T } = padded;
    const mask = new Float32Array(B * T);
    const old = new Float32Array(B * T);
    rows.forEach((o, b) => {
      const p = prompts[b]!.length;
      o.logprobs.forEach((lp, j) => {
        mask[b * T + p + j] = 1;
        old[b * T + p + j] = lp;
      });
    });
    const ids = tf.tensor2d(padded.ids, [B, T], 'int32');
    const attn = tf.tensor2d(padded.mask, [B, T], 'int32');
    const mb: MicroBatch = {
      ids,
      attn,
      mask: tf.tensor2d(mask, [B, T]),
      old: tf.tensor2d(old, [B, T]),
      adv: tf.tensor1d(picked.map((i) => u.advantages[i]!)),
      truncated: rows.map((o) => o.finishReason === 'length'),
      tokens: rows.reduce(
        (a, o) =>
          a + (u.stage.maskTruncated && o.finishReason === 'length' ? 0 : o.logprobs.length),
        0,
      ),
    };
    if (u.withRef) {
      mb.ref = tf.tidy(
        () => tokenLogProbs(u.ref, ids, attn, { temperature: u.stage.temperature }).logp,
      );
    }
    out.push(mb);
  }
  return out;
}
