import * as tf from '@tensorflow/tfjs';
import type { AdamW } from './adamw.ts';
import { clipByGlobalNorm, globalNorm } from './grad-clip.ts';
import type { Model } from './model.ts';

export interface TrainStepResult {
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** True when the loss or gradient norm was NaN/Inf and no update was applied. */
  skipped: boolean;
}

/**
 * One optimisation step: gradients of `lossFn` w.r.t. the model's trainable variables, NaN/Inf
 * guard (skips the update and reports it), global-norm clipping, AdamW update. Leaks no tensor.
 *
 * @example
 * const r = trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1, lr: lrAt(step) });
 * if (r.skipped) console.warn('non-finite step skipped');
 */
export function trainStep(
  model: Model,
  optimizer: AdamW,
  lossFn: () => tf.Scalar,
  opts: { maxGradNorm?: number; lr?: number } = {},
): TrainStepResult {
  const vars = model.trainableVariables();
  if (vars.length === 0)
    throw new Error('trainStep: model has no trainable variables (frozen clone?)');
  const { value, grads } = tf.variableGrads(lossFn, vars);
  try {
    const loss = value.dataSync()[0]!;
    const norm = globalNorm(grads);
    if (!Number.isFinite(loss) || !Number.isFinite(norm)) {
      return { loss, gradNorm: norm, skipped: true };
    }
    const maxNorm = opts.maxGradNorm ?? Infinity;
    if (norm <= maxNorm) optimizer.step(grads, opts.lr);
    else {
      const { grads: clipped } = clipByGlobalNorm(grads, maxNorm);
      optimizer.step(clipped, opts.lr);
      tf.dispose(clipped);
    }
    return { loss, gradNorm: norm, skipped: false };
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}
