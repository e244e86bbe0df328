/**
 * The whole-batch counts that make micro-batched losses add up to the whole-batch loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import { maskTruncatedCompletions } from './overlong-shaping.ts';

/** Counts to pass to `policyLoss` as `tokenCount` / `sequenceCount`. */
export interface LossNormalisers {
  /** Completion tokens left in the loss, over every micro-batch. */
  tokenCount: number;
  /** Sequences (rows), over every micro-batch, masked or not. */
  sequenceCount: number;
}

/** One micro-batch's mask, with its truncation flags when `maskTruncated` is on. */
export interface MicroBatchMask {
  mask: tf.Tensor2D;
  truncated?: tf.Tensor1D | readonly boolean[];
}

/**
 * Counts the normalisers of a batch split into micro-batches (gradient accumulation, several
 * workers). Call once before the backward passes; it reads the masks (one device sync).
 * Micro-batches may have different padded lengths T.
 *
 * @example
 * const parts = [{ mask: tf.tensor2d([[1, 1, 0]]) }, { mask: tf.tensor2d([[1, 0], [1, 1]]) }];
 * lossNormalisers(parts); // { tokenCount: 5, sequenceCount: 3 }
 */
export function lossNormalisers(
  microBatches: readonly MicroBatchMask[],
  options: { maskTruncated?: boolean } = {},
): LossNormalisers {
  let tokenCount = 0;
  let sequenceCount = 0;
  for (const { mask, truncated } of microBatches) {
    const tokens = tf.tidy(() => {
      const effective =
        options.maskTruncated && truncated ? maskTruncatedCompletions(mask, truncated) : mask;
      return tf.sum(effective);
    });
    tokenCount += tokens.dataSync()[0]!;
    tokens.dispose();
    sequenceCount += mask.shape[0];
  }
  return { tokenCount, sequenceCount };
}
