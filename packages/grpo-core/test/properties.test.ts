import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupAdvantages,
  klEstimate,
  klEstimateScalar,
  passAtK,
  policyLoss,
} from '../src/index.ts';
import { tf } from './tf-setup.ts';

const logProb = fc.double({ min: -30, max: 0, noNaN: true });

describe('properties', () => {
  it('k3 ≥ 0 for any pair of log-probs (float64 and float32 tensor paths)', () => {
    fc.assert(
      fc.property(logProb, logProb, (lp, ref) => {
        expect(klEstimateScalar(lp, ref, 'k3')).toBeGreaterThanOrEqual(0);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(logProb, logProb), { minLength: 1, maxLength: 64 }),
        (pairs) => {
          const k = tf.tidy(() =>
            klEstimate(
              tf.tensor1d(pairs.map((p) => p[0])),
              tf.tensor1d(pairs.map((p) => p[1])),
              'k3',
            ).dataSync(),
          );
          for (const v of k) expect(v).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('k3 is also ≥ 0 in float32 for log-probs a hair apart (where exp(d) − d − 1 goes negative)', () => {
    const lp = Array.from({ length: 200 }, (_, i) => -1 - i * 1e-3);
    const ref = lp.map((v, i) => v + (i % 2 ? 1 : -1) * 1e-7 * (i + 1));
    const k = tf.tidy(() => klEstimate(tf.tensor1d(lp), tf.tensor1d(ref), 'k3').dataSync());
    for (const v of k) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('loss and gradient are invariant to the padding length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(logProb, fc.double({ min: -0.5, max: 0.5, noNaN: true })), {
          minLength: 2,
          maxLength: 5,
        }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('seq-mean-token-mean', 'token-mean', 'seq-mean-token-sum-norm'),
        (tokens, advantage, extraPadding, agg) => {
          const config = {
            epsLow: 0.2,
            epsHigh: 0.28,
            beta: 0.04,
            kl: 'k3',
            klTarget: 'old',
            agg,
            maxLength: 16,
          } as const;
          const evaluate = (pad: number) => {
            const row = (f: (t: [number, number]) => number, fill: number) => [
              [...tokens.map(f), ...new Array<number>(pad).fill(fill)],
            ];
            const old = tf.tensor2d(row((t) => t[0], -7));
            const mask = tf.tensor2d(row(() => 1, 0));
            const adv = tf.tensor1d([advantage]);
            const logp = tf.tensor2d(row((t) => t[0] + t[1], 3));
            const { value, grads } = tf.valueAndGrads((lp: tf.Tensor) => {
              const out = policyLoss(
                { logp: lp as tf.Tensor2D, oldLogp: old, advantages: adv, mask },
                config,
              );
              out.stats.dispose();
              return out.loss;
            })([logp]);
            const result = {
              loss: value.dataSync()[0]!,
              grad: Array.from(grads[0]!.dataSync()).slice(0, tokens.length),
            };
            tf.dispose([value, grads, old, mask, adv, logp]);
            return result;
          };
          const short = evaluate(0);
          const long = evaluate(extraPadding);
          expect(Math.abs(long.loss - short.loss)).toBeLessThanOrEqual(
            1e-7 * Math.max(1, Math.abs(short.loss)),
          );
          long.grad.forEach((g, i) => {
            expect(Math.abs(g - short.grad[i]!)).toBeLessThanOrEqual(1e-7);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("advantages sum to zero per group for 'group' and 'none'", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('group' as const, 'none' as const),
        fc.infiniteStream(fc.double({ min: -10, max: 10, noNaN: true })),
        (g, groups, scale, stream) => {
          const rewards = Array.from({ length: g * groups }, () => stream.next().value as number);
          const a = groupAdvantages(rewards, g, { scale });
          for (let s = 0; s < rewards.length; s += g) {
            let sum = 0;
            let magnitude = 0;
            for (let i = s; i < s + g; i++) {
              sum += a[i]!;
              magnitude += Math.abs(a[i]!);
            }
            // float32 output: tolerance relative to the group's advantage magnitude.
            expect(Math.abs(sum)).toBeLessThanOrEqual(1e-6 * Math.max(1, magnitude));
            for (let i = s; i < s + g; i++) expect(Number.isFinite(a[i]!)).toBe(true);
          }
        },
      ),
    );
  });

  const counts = fc.integer({ min: 1, max: 200 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      c: fc.integer({ min: 0, max: n }),
      k: fc.integer({ min: 1, max: n }),
    }),
  );

  it('passAtK equals c/n at k = 1', () => {
    fc.assert(
      fc.property(counts, ({ n, c }) => {
        expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 12);
      }),
    );
  });

  it('passAtK is 1 when n − c < k', () => {
    fc.assert(
      fc.property(counts, ({ n, c, k }) => {
        fc.pre(n - c < k);
        expect(passAtK(n, c, k)).toBe(1);
      }),
    );
  });

  it('passAtK is monotone non-decreasing in k and in c, and within [0, 1]', () => {
    fc.assert(
      fc.property(counts, ({ n, c, k }) => {
        const p = passAtK(n, c, k);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        if (k < n) expect(passAtK(n, c, k + 1)).toBeGreaterThanOrEqual(p - 1e-12);
        if (c < n) expect(passAtK(n, c + 1, k)).toBeGreaterThanOrEqual(p - 1e-12);
      }),
    );
  });

  it('passAtK matches the binomial definition where the binomials are exact', () => {
    const choose = (a: number, b: number): number => {
      if (b < 0 || b > a) return 0;
      let r = 1;
      for (let i = 1; i <= b; i++) r = (r * (a - b + i)) / i;
      return r;
    };
    fc.assert(
      fc.property(
        counts.filter(({ n }) => n <= 40),
        ({ n, c, k }) => {
          expect(passAtK(n, c, k)).toBeCloseTo(1 - choose(n - c, k) / choose(n, k), 9);
        },
      ),
    );
  });
});
