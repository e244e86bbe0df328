/**
 * Rectangular batches from ragged token sequences, for teacher forcing (tokenLogProbs, lmLoss)
 * and for the sampler's prompts.
 */
import * as tf from '@tensorflow/tfjs';

export interface PaddedArrays {
  /** Row-major [B, T] token ids, padding = padId. */
  ids: Int32Array;
  /** Row-major [B, T], 1 for real tokens, 0 for padding. */
  mask: Int32Array;
  batch: number;
  len: number;
  /** Index of each sequence's first real token (left padding) — 0 for right padding. */
  starts: number[];
}

/**
 * Pads to the longest sequence (or `len`) as plain arrays. `side: 'left'` aligns the ends
 * (prompts for generation); `'right'` aligns the starts (training sequences).
 *
 * @example
 * padArrays([[5, 6], [7]], 2, 'left'); // ids [5, 6, 2, 7], mask [1, 1, 0, 1]
 */
export function padArrays(
  sequences: readonly (readonly number[])[],
  padId: number,
  side: 'left' | 'right',
  len?: number,
): PaddedArrays {
  const B = sequences.length;
  if (B === 0) throw new Error('padBatch: no sequences');
  const T = len ?? Math.max(...sequences.map((s) => s.length));
  const ids = new Int32Array(B * T).fill(padId);
  const mask = new Int32Array(B * T);
  const starts: number[] = [];
  sequences.forEach((s, b) => {
    if (s.length > T) throw new Error(`padBatch: sequence ${b} has ${s.length} tokens > ${T}`);
    const start = side === 'left' ? T - s.length : 0;
    starts.push(start);
    for (let i = 0; i < s.length; i++) {
      ids[b * T + start + i] = s[i]!;
      mask[b * T + start + i] = 1;
    }
  });
  return { ids, mask, batch: B, len: T, starts };
}

/**
 * Pads ragged sequences into `ids` (int32 [B, T]) and `attentionMask` (int32 [B, T]) tensors;
 * the caller disposes them.
 *
 * @example
 * const { ids, attentionMask } = padBatch([[0, 7, 8], [0, 9]], tok.padId, 'right');
 * const { logp } = tokenLogProbs(model, ids, attentionMask);
 */
export function padBatch(
  sequences: readonly (readonly number[])[],
  padId: number,
  side: 'left' | 'right',
  len?: number,
): { ids: tf.Tensor2D; attentionMask: tf.Tensor2D } {
  const a = padArrays(sequences, padId, side, len);
  return {
    ids: tf.tensor2d(a.ids, [a.batch, a.len], 'int32'),
    attentionMask: tf.tensor2d(a.mask, [a.batch, a.len], 'int32'),
  };
}
