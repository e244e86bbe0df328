/**
 * The GRPO objective as a loss to minimise, per token (DeepSeekMath eq. 3, DeepSeek-R1 eq. 1,
 * DAPO eq. 8):
 *
 *   ratio_it = exp(logp_it − oldLogp_it)
 *   L_it     = −min(ratio_it·A_i, clip(ratio_it, 1 − ε_low, 1 + ε_high)·A_i) + β·KL_it
 *
 * then aggregated over the completion tokens by `agg` (see loss-aggregation.ts). ε_high > ε_low
 * is DAPO's clip-higher. Shapes: B sequences × T padded positions.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type KlEstimator, klEstimate } from './kl-estimators.ts';
import { aggregateTokenLoss, type LossAggregation } from './loss-aggregation.ts';
import { maskTruncatedCompletions } from './overlong-shaping.ts';
import { type PolicyLossStatsReader, statsReader } from './policy-loss-stats.ts';
import { stopGradient } from './stop-gradient.ts';

/** Tensors of one (micro-)batch. Every [B, T] tensor is aligned on the same token positions. */
export interface PolicyLossInputs {
  /** [B, T] log π_θ of the sampled tokens: the tensor the gradient flows through. */
  logp: tf.Tensor2D;
  /**
   * [B, T] log π_θold of the same tokens, recorded when they were sampled and reused for all μ
   * optimizer steps on this batch (DeepSeekMath's `numIterations`). Omitted: the detached `logp`
   * (purely on-policy μ = 1, ratio ≡ 1).
   */
  oldLogp?: tf.Tensor2D;
  /** [B, T] log π_ref (frozen reference model); needed when β > 0 and `klTarget` is `'ref'`. */
  refLogp?: tf.Tensor2D;
  /** [B] one advantage per sequence (broadcast over tokens), or [B, T] per token. */
  advantages: tf.Tensor1D | tf.Tensor2D;
  /** [B, T] 1 on completion tokens, 0 on prompt and padding. */
  mask: tf.Tensor2D;
  /** [B, T] per-token entropy of π_θ (the model's `tokenLogProbs` gives it), for the `entropy` stat only. */
  entropy?: tf.Tensor2D;
  /** [B] completions cut at the length limit; dropped from the loss when `maskTruncated` is on. */
  truncated?: tf.Tensor1D | readonly boolean[];
}

/** Hyper-parameters of the loss. `GRPO_RECIPES` holds published values. */
export interface PolicyLossConfig {
  /** Lower clip range: ratio ≥ 1 − epsLow. */
  epsLow: number;
  /** Upper clip range: ratio ≤ 1 + epsHigh (> epsLow is DAPO's clip-higher). */
  epsHigh: number;
  /** KL penalty coefficient β; 0 disables the penalty (DAPO, Dr. GRPO). */
  beta: number;
  /** Per-token KL estimator (k3 in DeepSeekMath and DeepSeek-R1). */
  kl: KlEstimator;
  /** Penalise divergence from the frozen reference model (`'ref'`) or from π_old (`'old'`). */
  klTarget: 'ref' | 'old';
  /** How per-token losses become a scalar. */
  agg: LossAggregation;
  /** Dr. GRPO's constant length normaliser; required for `seq-mean-token-sum-norm`. */
  maxLength?: number;
  /** Whole-batch token count, for micro-batches (see `lossNormalisers`). */
  tokenCount?: number;
  /** Whole-batch sequence count, for micro-batches (see `lossNormalisers`). */
  sequenceCount?: number;
  /** Exclude completions flagged in `inputs.truncated` from the loss (DAPO's overlong filtering). */
  maskTruncated?: boolean;
}

/** What `policyLoss` returns. */
export interface PolicyLossResult {
  /** The scalar to minimise. */
  loss: tf.Scalar;
  /**
   * Diagnostics held in one kept tensor that outlives `tidy`/`variableGrads`: call `read()` (or
   * `dispose()`) after the backward pass, or that tensor leaks.
   */
  stats: PolicyLossStatsReader;
}

function assertShape(name: string, t: tf.Tensor | undefined, shape: readonly number[]): void {
  if (t && (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
    throw new RangeError(`${name} has shape [${t.shape}] but [${shape}] was expected`);
  }
}

function assertConfig(config: PolicyLossConfig): void {
  for (const key of ['epsLow', 'epsHigh', 'beta'] as const) {
    const v = config[key];
    if (!(Number.isFinite(v) && v >= 0))
      throw new RangeError(`${key} must be a finite number >= 0, got ${v}`);
  }
}

/**
 * GRPO's clipped-ratio loss with KL penalty, aggregated per `config.agg`. Masked positions may
 * hold any value (even ±Infinity): they change neither the loss nor the gradient. Comparisons
 * run only on the mask, so the function is safe inside `tf.grad` / `tf.variableGrads`.
 *
 * @throws RangeError on mismatched shapes, negative ε or β, or a missing target log-prob when β > 0.
 * @example
 * let stats: PolicyLossStatsReader | undefined;
 * const { value, grads } = tf.variableGrads(() => {
 *   const out = policyLoss({ logp: model.logp(batch), oldLogp, refLogp, advantages, mask },
 *     { ...GRPO_RECIPES['deepseek-math'], ...normalisers });
 *   stats = out.stats;
 *   return out.loss;
 * });
 * optimizer.applyGradients(grads);
 * log(stats!.read()); // { 'clip_ratio/low_mean': 0, kl: 0.0012, num_tokens: 812, … }
 */
export function policyLoss(inputs: PolicyLossInputs, config: PolicyLossConfig): PolicyLossResult {
  const { logp, oldLogp, refLogp, advantages, mask, entropy, truncated } = inputs;
  if (logp.rank !== 2) throw new RangeError(`logp must be [B, T], got shape [${logp.shape}]`);
  const shape = logp.shape;
  const [rows] = shape;
  assertShape('oldLogp', oldLogp, shape);
  assertShape('refLogp', refLogp, shape);
  assertShape('mask', mask, shape);
  assertShape('entropy', entropy, shape);
  assertShape('advantages', advantages, advantages.rank === 1 ? [rows] : shape);
  assertConfig(config);
  const { epsLow, epsHigh, beta, kl, klTarget } = config;
  if (klTarget !== 'ref' && klTarget !== 'old') {
    throw new RangeError(`klTarget must be 'ref' or 'old', got '${klTarget as string}'`);
  }
  if (beta > 0 && klTarget === 'ref' && !refLogp) {
    throw new RangeError(
      "beta > 0 with klTarget 'ref' needs refLogp (the reference model's log-probs)",
    );
  }
  if (config.maskTruncated && !truncated) {
    throw new RangeError('maskTruncated is on but inputs.truncated was not given');
  }

  let packed: tf.Tensor1D | undefined;
  let hasKl = false;
  const loss = tf.tidy(() => {
    const m =
      config.maskTruncated && truncated
        ? maskTruncatedCompletions(mask, truncated)
        : tf.cast(mask, 'float32');
    // Masked positions are replaced by 0 before exp(): padding must not turn into Inf·0 = NaN.
    const keep = tf.greater(m, 0);
    const zeros = tf.zerosLike(logp);
    const valid = (t: tf.Tensor2D): tf.Tensor2D => tf.where(keep, t, zeros);
    const lp = valid(logp);
    const old = oldLogp ? valid(oldLogp) : stopGradient(lp);
    const adv = advantages.rank === 1 ? tf.reshape(advantages, [rows, 1]) : advantages;

    const ratio = tf.exp(tf.sub(lp, old));
    const surrogate: tf.Tensor2D = tf.minimum(
      tf.mul(ratio, adv),
      tf.mul(tf.clipByValue(ratio, 1 - epsLow, 1 + epsHigh), adv),
    );
    let perToken = tf.neg(surrogate);
    const target = klTarget === 'old' ? old : refLogp ? valid(refLogp) : undefined;
    let klPerToken: tf.Tensor2D | undefined;
    if (target) {
      klPerToken = klEstimate(lp, target, kl);
      hasKl = true;
      if (beta > 0) perToken = tf.add(perToken, tf.mul(klPerToken, beta));
    }
    const value = aggregateTokenLoss(perToken, m, config.agg, config);

    // Stats: not on the path to `value`, so the comparisons below never enter the backward pass.
    const tokens = tf.sum(m);
    const tokenMean = (t: tf.Tensor): tf.Scalar =>
      tf.div(tf.sum(tf.mul(t, m)), tf.maximum(tokens, 1));
    const tokenMax = (t: tf.Tensor): tf.Scalar =>
      tf.max(tf.where(keep, t, tf.fill(t.shape, Number.NEGATIVE_INFINITY)));
    const logRatio = tf.abs(tf.sub(lp, old));
    const low = tf.cast(tf.logicalAnd(tf.less(ratio, 1 - epsLow), tf.less(adv, 0)), 'float32');
    const high = tf.cast(
      tf.logicalAnd(tf.greater(ratio, 1 + epsHigh), tf.greater(adv, 0)),
      'float32',
    );
    packed = tf.keep(
      tf.stack([
        tokenMean(low),
        tokenMean(high),
        tokenMean(tf.maximum(low, high)),
        tokenMean(ratio),
        klPerToken ? tokenMean(klPerToken) : tf.scalar(0),
        entropy ? tokenMean(valid(entropy)) : tf.scalar(0),
        tokens,
        tf.neg(tokenMax(tf.neg(ratio))),
        tokenMax(ratio),
        tokenMean(logRatio),
        tokenMax(logRatio),
      ]) as tf.Tensor1D,
    );
    return value;
  });
  return { loss, stats: statsReader(packed!, hasKl, entropy !== undefined) };
}
