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

/** One completion by its length in loss tokens, for {@link lossNormalisersOfLengths}. */
export interface CompletionLength {
  tokens: number;
  truncated?: boolean;
}

/**
 * The same counts from completion lengths, without masks: for an update that never builds some
 * rows (a zero-advantage row adds nothing to the gradient but still counts in the normalisers).
 *
 * @example
 * lossNormalisersOfLengths([{ tokens: 2 }, { tokens: 3, truncated: true }], { maskTruncated: true });
 * // { tokenCount: 2, sequenceCount: 2 }
 */
export function lossNormalisersOfLengths(
  completions: readonly CompletionLength[],
  options: { maskTruncated?: boolean } = {},
): LossNormalisers {
  let tokenCount = 0;
  for (const c of completions) {
    if (!(options.maskTruncated && c.truncated)) tokenCount += c.tokens;
  }
  return { tokenCount, sequenceCount: completions.length };
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
