/**
 * A 2×3 batch worked out by hand. Row 0 has 3 completion tokens, row 1 has 2 (last is padding).
 * oldLogp = [[-1, -1, -1], [-2, -2, pad]], logp = oldLogp + ln(ratio) with
 * ratio = [[1, 1.1, 0.7], [1.5, 1, pad]], ε = 0.2.
 */
import { describe, expect, it } from 'vitest';
import { type PolicyLossConfig, type PolicyLossInputs, policyLoss } from '../src/index.ts';
import { expectClose, tf } from './tf-setup.ts';

const RATIO = [
  [1, 1.1, 0.7],
  [1.5, 1, 1],
];
const OLD = [
  [-1, -1, -1],
  [-2, -2, -2],
];
const MASK = [
  [1, 1, 1],
  [1, 1, 0],
];
const LOGP = OLD.map((row, i) => row.map((o, j) => o + Math.log(RATIO[i]![j]!)));
const BASE: PolicyLossConfig = {
  epsLow: 0.2,
  epsHigh: 0.2,
  beta: 0,
  kl: 'k3',
  klTarget: 'ref',
  agg: 'token-mean',
};

function inputs(advantages: number[], extra: Partial<PolicyLossInputs> = {}): PolicyLossInputs {
  return {
    logp: tf.tensor2d(LOGP),
    oldLogp: tf.tensor2d(OLD),
    advantages: tf.tensor1d(advantages),
    mask: tf.tensor2d(MASK),
    ...extra,
  };
}

/** Loss value and d loss / d logp for the hand-made batch. */
function lossAndGrad(
  advantages: number[],
  config: Partial<PolicyLossConfig> = {},
  extra: Partial<PolicyLossInputs> = {},
): {
  loss: number;
  grad: number[][];
  stats: ReturnType<ReturnType<typeof policyLoss>['stats']['read']>;
} {
  const base = inputs(advantages, extra);
  let read: ReturnType<typeof policyLoss>['stats'] | undefined;
  const { value, grads } = tf.valueAndGrads((lp: tf.Tensor) => {
    const out = policyLoss({ ...base, logp: lp as tf.Tensor2D }, { ...BASE, ...config });
    read = out.stats;
    return out.loss;
  })([base.logp]);
  const result = {
    loss: value.dataSync()[0]!,
    grad: grads[0]!.arraySync() as number[][],
    stats: read!.read(),
  };
  tf.dispose([value, grads, base.logp, base.oldLogp, base.advantages, base.mask]);
  return result;
}

describe('policyLoss: aggregations of the 2×3 case (β = 0, clip inactive, A = [1, −1])', () => {
  // Surrogate: row 0 (A=1) min(r, clip r) = [1, 1.1, 0.7]; row 1 (A=−1) min(−r, −clip r) = [−1.5, −1].
  // Per-token loss L = −surrogate = [[−1, −1.1, −0.7], [1.5, 1]].
  it('token-mean: ΣL / N = (−2.8 + 2.5) / 5 = −0.06', () => {
    expect(lossAndGrad([1, -1]).loss).toBeCloseTo(-0.06, 6);
  });
  it('seq-mean-token-mean: (−2.8/3 + 2.5/2) / 2 = 0.158333…', () => {
    const { loss } = lossAndGrad([1, -1], { agg: 'seq-mean-token-mean' });
    expect(loss).toBeCloseTo((-2.8 / 3 + 1.25) / 2, 6);
  });
  it('seq-mean-token-sum-norm (maxLength 4): (−2.8/4 + 2.5/4) / 2 = −0.0375', () => {
    const { loss } = lossAndGrad([1, -1], { agg: 'seq-mean-token-sum-norm', maxLength: 4 });
    expect(loss).toBeCloseTo(-0.0375, 6);
  });
  it('seq-mean-token-sum-norm without maxLength is a clear error', () => {
    expect(() => lossAndGrad([1, -1], { agg: 'seq-mean-token-sum-norm' })).toThrow(
      /needs maxLength/,
    );
  });
  it('explicit normalisers replace the counted ones', () => {
    expect(lossAndGrad([1, -1], { tokenCount: 10 }).loss).toBeCloseTo(-0.03, 6);
    const { loss } = lossAndGrad([1, -1], { agg: 'seq-mean-token-mean', sequenceCount: 4 });
    expect(loss).toBeCloseTo((-2.8 / 3 + 1.25) / 4, 6);
  });
});

describe('policyLoss: clipping', () => {
  it('inactive: gradient is the analytic −A·r/N on every completion token', () => {
    const { grad, stats } = lossAndGrad([1, -1]);
    expectClose(grad, [
      [-1 / 5, -1.1 / 5, -0.7 / 5],
      [1.5 / 5, 1 / 5, 0],
    ]);
    expect(stats['clip_ratio/low_mean']).toBe(0);
    expect(stats['clip_ratio/high_mean']).toBe(0);
  });

  it('active (A = [−1, 1]): value uses the clipped ratio, gradient is zero where the clip binds', () => {
    // Row 0 (A=−1): [−1, −1.1, min(−0.7, −0.8) = −0.8]; row 1 (A=1): [min(1.5, 1.2) = 1.2, 1].
    // L = [[1, 1.1, 0.8], [−1.2, −1]], token-mean = 0.7 / 5 = 0.14.
    const { loss, grad, stats } = lossAndGrad([-1, 1]);
    expect(loss).toBeCloseTo(0.14, 6);
    expectClose(grad, [
      [1 / 5, 1.1 / 5, 0],
      [0, -1 / 5, 0],
    ]);
    expect(stats['clip_ratio/low_mean']).toBeCloseTo(1 / 5, 6);
    expect(stats['clip_ratio/high_mean']).toBeCloseTo(1 / 5, 6);
    expect(stats['clip_ratio/region_mean']).toBeCloseTo(2 / 5, 6);
    expect(stats.num_tokens).toBe(5);
    expect(stats.ratio_mean).toBeCloseTo((1 + 1.1 + 0.7 + 1.5 + 1) / 5, 5);
    // The extremes and |log r| over the five completion tokens only (padding holds r = 1 too).
    expect(stats.ratio_min).toBeCloseTo(0.7, 5);
    expect(stats.ratio_max).toBeCloseTo(1.5, 5);
    const logs = [1, 1.1, 0.7, 1.5, 1].map((r) => Math.abs(Math.log(r)));
    expect(stats.abs_log_ratio_mean).toBeCloseTo(logs.reduce((a, b) => a + b) / 5, 5);
    expect(stats.abs_log_ratio_max).toBeCloseTo(Math.log(1.5), 5);
  });

  it('the clip does not bind when its sign does not match A (r < 1−ε with A > 0)', () => {
    // Row 0, token 2: r = 0.7 with A = 1 → min(0.7, 0.8) = 0.7: unclipped, gradient −0.7/5.
    const { grad } = lossAndGrad([1, 1]);
    expect(grad[0]![2]).toBeCloseTo(-0.7 / 5, 6);
  });

  it('asymmetric clip-higher (ε_low 0.2, ε_high 0.6) lets r = 1.5 through for A > 0', () => {
    // A = [−1, 1]: row 1 token 0 is now unclipped (1.5 < 1.6): L = [[1, 1.1, 0.8], [−1.5, −1]].
    const { loss, grad, stats } = lossAndGrad([-1, 1], { epsHigh: 0.6 });
    expect(loss).toBeCloseTo(0.4 / 5, 6);
    expect(grad[1]![0]).toBeCloseTo(-1.5 / 5, 6);
    expect(grad[0]![2]).toBe(0);
    expect(stats['clip_ratio/high_mean']).toBe(0);
    expect(stats['clip_ratio/low_mean']).toBeCloseTo(1 / 5, 6);
  });

  it('asymmetric clip-higher (ε_high 0.28) caps r = 1.5 at 1.28', () => {
    const { loss } = lossAndGrad([-1, 1], { epsHigh: 0.28 });
    expect(loss).toBeCloseTo((1 + 1.1 + 0.8 - 1.28 - 1) / 5, 6);
  });
});

describe('policyLoss: KL penalty', () => {
  // d = ref − logp at each completion token; padding gets a wild value it must ignore.
  const D = [
    [0.1, -0.2, 0.3],
    [0.5, -0.5, 0],
  ];
  const refLogp = (): tf.Tensor2D =>
    tf.tensor2d(LOGP.map((row, i) => row.map((lp, j) => (MASK[i]![j] ? lp + D[i]![j]! : 1e4))));
  const tokens = [0, 1, 2, 3, 4].map((k) => (k < 3 ? D[0]![k]! : D[1]![k - 3]!));
  const formulas = {
    k1: (d: number) => -d,
    k2: (d: number) => (d * d) / 2,
    k3: (d: number) => Math.exp(d) - d - 1,
  };
  const gradFormulas = {
    k1: (_d: number) => 1,
    k2: (d: number) => -d,
    k3: (d: number) => 1 - Math.exp(d),
  };
  const beta = 0.1;

  it('β = 0 leaves the loss unchanged even when refLogp is given (and KL is still reported)', () => {
    const without = lossAndGrad([1, -1]);
    const withRef = lossAndGrad([1, -1], { beta: 0 }, { refLogp: refLogp() });
    expect(withRef.loss).toBeCloseTo(without.loss, 7);
    expect(without.stats.kl).toBeUndefined();
    const meanK3 = tokens.reduce((s, d) => s + formulas.k3(d), 0) / 5;
    expect(withRef.stats.kl).toBeCloseTo(meanK3, 6);
  });

  for (const kl of ['k1', 'k2', 'k3'] as const) {
    it(`β > 0 adds β·mean(${kl}) and its gradient β·∂${kl}/∂logp / N`, () => {
      const { loss, grad, stats } = lossAndGrad([1, -1], { beta, kl }, { refLogp: refLogp() });
      const meanKl = tokens.reduce((s, d) => s + formulas[kl](d), 0) / 5;
      expect(loss).toBeCloseTo(-0.06 + beta * meanKl, 6);
      expect(stats.kl).toBeCloseTo(meanKl, 6);
      const expected = RATIO.map((row, i) =>
        row.map((r, j) =>
          MASK[i]![j] ? (-(i === 0 ? 1 : -1) * r + beta * gradFormulas[kl](D[i]![j]!)) / 5 : 0,
        ),
      );
      expectClose(grad, expected, 1e-6);
    });
  }

  it("klTarget 'old' measures KL against oldLogp and needs no refLogp", () => {
    // d = old − logp = −ln(ratio)
    const { loss } = lossAndGrad([1, -1], { beta, klTarget: 'old' });
    const ds = [1, 1.1, 0.7, 1.5, 1].map((r) => -Math.log(r));
    const meanK3 = ds.reduce((s, d) => s + formulas.k3(d), 0) / 5;
    expect(loss).toBeCloseTo(-0.06 + beta * meanK3, 6);
  });

  it("β > 0 with klTarget 'ref' and no refLogp is a clear error", () => {
    expect(() => lossAndGrad([1, -1], { beta })).toThrow(/needs refLogp/);
  });
});

describe('policyLoss: masking and inputs', () => {
  it('masked tokens contribute nothing: wild padding values change neither loss nor gradient', () => {
    const clean = lossAndGrad(
      [-1, 1],
      { beta: 0.1 },
      {
        refLogp: tf.tensor2d(OLD),
        entropy: tf.tensor2d([
          [1, 1, 1],
          [1, 1, 1],
        ]),
      },
    );
    const wild = (v: number) =>
      tf.tensor2d(LOGP.map((row, i) => row.map((x, j) => (MASK[i]![j] ? x : v))));
    const base = inputs([-1, 1], {
      oldLogp: tf.tensor2d(OLD.map((row, i) => row.map((x, j) => (MASK[i]![j] ? x : -1e30)))),
      refLogp: tf.tensor2d(OLD.map((row, i) => row.map((x, j) => (MASK[i]![j] ? x : Number.NaN)))),
      entropy: tf.tensor2d([
        [1, 1, 1],
        [1, 1, 1e9],
      ]),
    });
    for (const padding of [1e3, Number.NEGATIVE_INFINITY, Number.NaN]) {
      const logp = wild(padding);
      let stats: ReturnType<typeof policyLoss>['stats'] | undefined;
      const { value, grads } = tf.valueAndGrads((lp: tf.Tensor) => {
        const out = policyLoss({ ...base, logp: lp as tf.Tensor2D }, { ...BASE, beta: 0.1 });
        stats = out.stats;
        return out.loss;
      })([logp]);
      expect(value.dataSync()[0]).toBeCloseTo(clean.loss, 7);
      expectClose(grads[0]!, clean.grad, 1e-7);
      expect(stats!.read().entropy).toBeCloseTo(1, 6);
      tf.dispose([value, grads, logp]);
    }
  });

  it('per-token advantages [B, T] equal broadcast per-sequence ones', () => {
    const perSeq = lossAndGrad([1, -1]);
    const perTok = lossAndGrad(
      [1, -1],
      {},
      {
        advantages: tf.tensor2d([
          [1, 1, 1],
          [-1, -1, -1],
        ]),
      },
    );
    expect(perTok.loss).toBeCloseTo(perSeq.loss, 7);
    expectClose(perTok.grad, perSeq.grad, 1e-7);
  });

  it('without oldLogp the ratio is 1 but the gradient is −A/N (on-policy, μ = 1)', () => {
    const { loss, grad, stats } = lossAndGrad([2, -1], {}, { oldLogp: undefined });
    expect(loss).toBeCloseTo((-2 * 3 + 2) / 5, 6);
    expectClose(grad, [
      [-2 / 5, -2 / 5, -2 / 5],
      [1 / 5, 1 / 5, 0],
    ]);
    expect(stats.ratio_mean).toBeCloseTo(1, 6);
  });

  it('maskTruncated drops the rows flagged as truncated', () => {
    // Only row 0 remains: L = [−1, −1.1, −0.7], token-mean over 3 tokens.
    const { loss, grad, stats } = lossAndGrad(
      [1, -1],
      { maskTruncated: true },
      { truncated: [false, true] },
    );
    expect(loss).toBeCloseTo(-2.8 / 3, 6);
    expect(grad[1]).toEqual([0, 0, 0]);
    expect(stats.num_tokens).toBe(3);
    expect(() => lossAndGrad([1, -1], { maskTruncated: true })).toThrow(/truncated was not given/);
  });

  it('rejects mismatched shapes and bad hyper-parameters', () => {
    expect(() => lossAndGrad([1, -1, 0])).toThrow(/advantages has shape \[3\]/);
    expect(() => lossAndGrad([1, -1], {}, { mask: tf.tensor2d([[1, 1]]) })).toThrow(
      /mask has shape/,
    );
    expect(() => lossAndGrad([1, -1], { epsLow: -0.1 })).toThrow(/epsLow/);
    expect(() => lossAndGrad([1, -1], { beta: Number.NaN })).toThrow(/beta/);
    expect(() => lossAndGrad([1, -1], { tokenCount: 0 })).toThrow(/tokenCount/);
    expect(() => lossAndGrad([1, -1], { agg: 'sum' as never })).toThrow(/unknown aggregation/);
  });
});
