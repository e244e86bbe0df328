/**
 * AdamW (Loshchilov & Hutter, decoupled weight decay) over tf.Variables, with its state exposed
 * for exact resume (moments + step count, saved as safetensors by checkpoint.ts).
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamWOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** Which parameters get weight decay; default: rank ≥ 2 (matrices), not norms. */
  decay?: (v: tf.Variable) => boolean;
}

/** Optimizer state: step count and first/second moments keyed by parameter name. */
export interface AdamWState {
  step: number;
  m: Map<string, tf.Tensor>;
  v: Map<string, tf.Tensor>;
}

/** Variable name without the per-model `r1labN/` prefix (the HF tensor name for model params). */
export function paramName(v: tf.Variable): string {
  return v.name.replace(/^r1lab\d+\//, '');
}

export class AdamW {
  readonly params: tf.Variable[];
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly decays: boolean[];

  /**
   * @example
   * const opt = new AdamW(model.trainableVariables(), { lr: 3e-3, weightDecay: 0.1 });
   */
  constructor(params: tf.Variable[], opts: AdamWOptions) {
    this.params = params;
    this.lr = opts.lr;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0.01;
    const decay = opts.decay ?? ((v: tf.Variable) => v.rank >= 2);
    this.decays = params.map(decay);
    this.m = params.map((p) => tf.variable(tf.zerosLike(p), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p), false));
  }

  /** Number of updates applied so far. */
  get stepCount(): number {
    return this.t;
  }

  /**
   * Applies one update. `grads` maps variable names (as `tf.variableGrads` returns) to gradients;
   * parameters without a gradient are left untouched. Does not dispose `grads`.
   *
   * @example
   * const { grads } = tf.variableGrads(() => lmLoss(model, ids, mask));
   * opt.step(grads, schedule(step));
   */
  step(grads: Record<string, tf.Tensor>, lr?: number): void {
    if (lr !== undefined) this.lr = lr;
    this.t++;
    const t = this.t;
    const bc1 = 1 - this.beta1 ** t;
    const bc2 = 1 - this.beta2 ** t;
    const stepSize = this.lr / bc1;
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[p.name];
        if (!g) return;
        const m = this.m[i]!;
        const v = this.v[i]!;
        const m1 = m.mul(this.beta1).add(g.mul(1 - this.beta1));
        const v1 = v.mul(this.beta2).add(g.square().mul(1 - this.beta2));
        m.assign(m1);
        v.assign(v1);
        const update = m1.div(v1.div(bc2).sqrt().add(this.eps)).mul(stepSize);
        const decayed =
          this.decays[i] && this.weightDecay > 0 ? p.mul(1 - this.lr * this.weightDecay) : p;
        p.assign(decayed.sub(update));
      });
    });
  }

  /**
   * Copies of the moments and the step count (caller disposes the tensors).
   *
   * @example
   * const s = opt.state(); // { step, m, v }
   */
  state(): AdamWState {
    const m = new Map<string, tf.Tensor>();
    const v = new Map<string, tf.Tensor>();
    this.params.forEach((p, i) => {
      m.set(paramName(p), this.m[i]!.clone());
      v.set(paramName(p), this.v[i]!.clone());
    });
    return { step: this.t, m, v };
  }

  /**
   * Restores a state from `state()` (or a checkpoint) exactly; throws on a missing or mis-shaped moment.
   *
   * @example
   * opt.loadState(loaded.optimizerState!);
   */
  loadState(state: AdamWState): void {
    this.params.forEach((p, i) => {
      const name = paramName(p);
      const m = state.m.get(name);
      const v = state.v.get(name);
      if (!m || !v) throw new Error(`AdamW.loadState: no moments for ${name}`);
      if (m.shape.join() !== p.shape.join() || v.shape.join() !== p.shape.join()) {
        throw new Error(`AdamW.loadState: moment shape mismatch for ${name}`);
      }
      this.m[i]!.assign(m);
      this.v[i]!.assign(v);
    });
    this.t = state.step;
  }

  /**
   * Frees the moment buffers.
   *
   * @example
   * opt.dispose();
   */
  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
