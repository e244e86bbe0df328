// The GRPO policy update with gradient accumulation: the batch is split into micro-batches (the
// wasm heap cannot hold a forward/backward over 256 sequences at once), each micro-batch's loss is
// normalised by the WHOLE batch's token/sequence counts, and the summed gradients make one AdamW
// step — the same loss and gradient as the whole batch (grpo-core's invariance tests pin this).
// With β = 0 a sequence whose advantage is 0 adds exactly nothing to that gradient (its clipped
// objective is 0·ratio), so such sequences are left out of the forward/backward while still
// counting in the normalisers: the step is unchanged and, late in training when most groups are
// solved (zero reward variance), much cheaper. Per-token stats (ratio, clip, entropy, KL) then
// describe the updated sequences.
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
import type { GrpoStage } from './spec.ts';

interface MicroBatch {
  ids: tf.Tensor2D;
  attn: tf.Tensor2D;
  mask: tf.Tensor2D;
  old: tf.Tensor2D;
  adv: tf.Tensor1D;
  truncated: boolean[];
  ref?: tf.Tensor2D;
}

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
}

/** Runs `numIterations` accumulated optimizer steps; returns the logged update metrics. */
export function grpoUpdate(u: UpdateInput): Record<string, number> {
  const { stage } = u;
  const norm = normalisers(u);
  // Sorted by length, so each micro-batch pads to a similar length (the sum is order-free).
  const rows = u.outs
    .map((_, i) => i)
    .filter((i) => !stage.skipZeroAdvantage || stage.beta > 0 || u.advantages[i] !== 0)
    .sort((a, b) => seqLength(u, a) - seqLength(u, b));
  const batches = microBatches(u, rows);
  try {
    let first: PolicyLossStats[] = [];
    let gradNorm = 0;
    let skipped = 0;
    for (let it = 0; it < stage.numIterations; it++) {
      const stats: PolicyLossStats[] = [];
      const r = accumulatedStep(u, batches, norm, it === 0 ? stats : undefined);
      if (it === 0) first = stats;
      gradNorm = r.gradNorm;
      if (r.skipped) skipped += 1;
    }
    return {
      ...summarise(first, gradNorm, skipped, u.withRef),
      num_tokens: norm.tokenCount,
      updated_fraction: rows.length / u.outs.length,
    };
  } finally {
    for (const b of batches)
      tf.dispose([b.ids, b.attn, b.mask, b.old, b.adv, ...(b.ref ? [b.ref] : [])]);
  }
}

function accumulatedStep(
  u: UpdateInput,
  batches: MicroBatch[],
  norm: { tokenCount: number; sequenceCount: number },
  stats: PolicyLossStats[] | undefined,
): { gradNorm: number; skipped: boolean } {
  const { stage, policy } = u;
  const vars = policy.trainableVariables();
  let total: Record<string, tf.Tensor> | undefined;
  let lossSum = 0;
  for (const b of batches) {
    let reader: ReturnType<typeof policyLoss>['stats'] | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const { logp, entropy } = tokenLogProbs(policy, b.ids, b.attn, {
        temperature: stage.temperature,
        withEntropy: stats !== undefined,
      });
      const out = policyLoss(
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
      reader = out.stats;
      return out.loss;
    }, vars);
    if (reader) {
      if (stats) stats.push(reader.read());
      reader.dispose();
    }
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
    if (!Number.isFinite(lossSum) || !Number.isFinite(gradNorm)) return { gradNorm, skipped: true };
    u.optimizer.step(clipped, stage.lr);
    return { gradNorm, skipped: false };
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

// Token-weighted means of the first iteration's per-micro-batch stats.
function summarise(
  stats: PolicyLossStats[],
  gradNorm: number,
  skipped: number,
  withRef: boolean,
): Record<string, number> {
  const tokens = stats.reduce((a, s) => a + s.num_tokens, 0);
  const mean = (pick: (s: PolicyLossStats) => number | undefined) =>
    tokens === 0 ? 0 : stats.reduce((a, s) => a + (pick(s) ?? 0) * s.num_tokens, 0) / tokens;
  const out: Record<string, number> = {
    grad_norm: gradNorm,
    skipped_updates: skipped,
    updated_tokens: tokens,
    'clip_ratio/low_mean': mean((s) => s['clip_ratio/low_mean']),
    'clip_ratio/high_mean': mean((s) => s['clip_ratio/high_mean']),
    'clip_ratio/region_mean': mean((s) => s['clip_ratio/region_mean']),
    ratio_mean: mean((s) => s.ratio_mean),
  };
  if (withRef && stats.every((s) => s.kl !== undefined)) out.kl = mean((s) => s.kl);
  if (stats.length > 0 && stats.every((s) => s.entropy !== undefined)) {
    out.entropy = mean((s) => s.entropy);
  }
  return out;
}
