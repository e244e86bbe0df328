// A running mean of a model's weights over the points it is shown: stochastic weight averaging
// (Izmailov et al. 2018). The mean of late checkpoints tends to sit in a flatter region than any
// one of them, which is credited with answering held-out inputs better.
import * as tf from '@tensorflow/tfjs';
import { cloneModel, type Model } from './model.ts';

export class WeightAverage {
  private mean: Model | undefined;
  private n: number;

  /** Start empty, or from a mean of `count` points saved earlier (resume). */
  constructor(start?: { mean: Model; count: number }) {
    this.mean = start ? cloneModel(start.mean) : undefined;
    this.n = start ? start.count : 0;
  }

  /** How many points the mean is over. */
  get count(): number {
    return this.n;
  }

  /**
   * Adds `model`'s weights: mean ← mean + (w − mean) / n.
   *
   * @example
   * const avg = new WeightAverage(); avg.add(a); avg.add(b); // the mean of a and b
   */
  add(model: Model): void {
    this.n += 1;
    if (!this.mean) {
      this.mean = cloneModel(model);
      return;
    }
    const n = this.n;
    for (const [name, v] of this.mean.weights) {
      tf.tidy(() => v.assign(v.add(model.get(name).sub(v).div(n))));
    }
  }

  /** The mean as frozen weights (undefined before the first `add`); owned by this object. */
  get model(): Model | undefined {
    return this.mean;
  }

  dispose(): void {
    this.mean?.dispose();
  }
}
