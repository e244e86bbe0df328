/**
 * Diagnostics of one `policyLoss` call, under TRL's metric names. They are packed into one small
 * tensor that survives the `tidy` of `tf.variableGrads`, and read (one device sync) only after
 * the backward pass, so logging never stalls the forward computation.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** The numbers behind {@link PolicyLossStatsReader.read}; token means over unmasked tokens. */
export interface PolicyLossStats {
  /** Share of tokens whose ratio fell below 1 − ε_low with A < 0 (the clip binds, no gradient). */
  'clip_ratio/low_mean': number;
  /** Share of tokens whose ratio rose above 1 + ε_high with A > 0. */
  'clip_ratio/high_mean': number;
  /** Either of the two. */
  'clip_ratio/region_mean': number;
  /** Mean importance ratio π_θ / π_old (1 on the first step of each batch). */
  ratio_mean: number;
  /** Mean per-token KL estimate against the `klTarget`; absent when there is no target log-prob. */
  kl?: number;
  /** Mean per-token entropy; absent unless `entropy` was passed. */
  entropy?: number;
  /** Unmasked completion tokens in this call (this micro-batch, not the whole batch). */
  num_tokens: number;
  /** Smallest and largest token ratio π_θ / π_old (+∞ and −∞ when there are no tokens). */
  ratio_min: number;
  ratio_max: number;
  /** Mean and largest |log π_θ − log π_old| per token (−∞ max when there are no tokens). On the
   * first iteration over a batch this is the sampler–trainer mismatch: π_old is the sampler. */
  abs_log_ratio_mean: number;
  abs_log_ratio_max: number;
}

/** Handle to the stats of one `policyLoss` call. Read it once, or dispose it. */
export interface PolicyLossStatsReader {
  /** Reads the stats (one sync), frees the tensor, and caches the result for later calls. */
  read(): PolicyLossStats;
  /** Same as `read`, without blocking the thread (for the webgl/webgpu backends). */
  readAsync(): Promise<PolicyLossStats>;
  /** Frees the tensor without reading it. Safe to call more than once. */
  dispose(): void;
}

/** Order of the values in the packed stats tensor. */
export const PACKED_STATS_ORDER = [
  'clip_ratio/low_mean',
  'clip_ratio/high_mean',
  'clip_ratio/region_mean',
  'ratio_mean',
  'kl',
  'entropy',
  'num_tokens',
  'ratio_min',
  'ratio_max',
  'abs_log_ratio_mean',
  'abs_log_ratio_max',
] as const;

function unpack(values: ArrayLike<number>, hasKl: boolean, hasEntropy: boolean): PolicyLossStats {
  const stats: PolicyLossStats = {
    'clip_ratio/low_mean': values[0]!,
    'clip_ratio/high_mean': values[1]!,
    'clip_ratio/region_mean': values[2]!,
    ratio_mean: values[3]!,
    num_tokens: values[6]!,
    ratio_min: values[7]!,
    ratio_max: values[8]!,
    abs_log_ratio_mean: values[9]!,
    abs_log_ratio_max: values[10]!,
  };
  if (hasKl) stats.kl = values[4]!;
  if (hasEntropy) stats.entropy = values[5]!;
  return stats;
}

/**
 * Wraps a kept 1-D tensor laid out as {@link PACKED_STATS_ORDER} into a reader that owns it.
 *
 * @example
 * const reader = statsReader(tf.keep(tf.tensor1d([0, 0, 0, 1, 0, 0, 6, 1, 1, 0, 0])), false, false);
 * reader.read().num_tokens; // 6
 */
export function statsReader(
  packed: tf.Tensor1D,
  hasKl: boolean,
  hasEntropy: boolean,
): PolicyLossStatsReader {
  let cached: PolicyLossStats | undefined;
  let disposed = false;
  const dispose = (): void => {
    if (!disposed) packed.dispose();
    disposed = true;
  };
  const guard = (): void => {
    if (disposed) throw new Error('policyLoss stats were disposed before being read');
  };
  return {
    read() {
      if (cached) return cached;
      guard();
      cached = unpack(packed.dataSync(), hasKl, hasEntropy);
      dispose();
      return cached;
    },
    async readAsync() {
      if (cached) return cached;
      guard();
      const values = await packed.data();
      cached = unpack(values, hasKl, hasEntropy);
      dispose();
      return cached;
    },
    dispose,
  };
}
