/**
 * Unbiased pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on Code"), the
 * estimator DeepSeek-R1 reports as pass@1 with n samples per problem (§3, k = 1: mean accuracy).
 */

function assertCounts(n: number, c: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) {
    throw new RangeError(`c must be an integer in [0, n=${n}], got ${c}`);
  }
}

/**
 * pass@k = 1 − C(n−c, k) / C(n, k): the probability that at least one of k samples drawn
 * without replacement from n (c of them correct) is correct. Computed as the product
 * 1 − Π_{i=n−c+1..n} (1 − k/i), which never forms the huge binomials.
 *
 * @throws RangeError unless 0 ≤ c ≤ n and 1 ≤ k ≤ n are integers.
 * @example
 * passAtK(10, 3, 1); // 0.3
 * passAtK(4, 2, 2);  // 1 − C(2,2)/C(4,2) = 1 − 1/6 ≈ 0.8333
 * passAtK(5, 4, 2);  // 1: fewer than k wrong samples
 */
export function passAtK(n: number, c: number, k: number): number {
  assertCounts(n, c);
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`k must be an integer in [1, n=${n}], got ${k}`);
  }
  if (n - c < k) return 1;
  let allWrong = 1;
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}

/**
 * Mean unbiased pass@k over problems, each sampled `n` times.
 *
 * @example
 * meanPassAtK([0, 2, 4], 4, 2); // (0 + 5/6 + 1) / 3 ≈ 0.6111
 */
export function meanPassAtK(
  perProblemCorrectCounts: readonly number[],
  n: number,
  k: number,
): number {
  if (perProblemCorrectCounts.length === 0) throw new RangeError('no problems to average over');
  let sum = 0;
  for (const c of perProblemCorrectCounts) sum += passAtK(n, c, k);
  return sum / perProblemCorrectCounts.length;
}

/**
 * pass@1 averaged over problems: mean of c_i / n (DeepSeek-R1's reported metric, n = 64 for AIME).
 *
 * @example
 * meanPassAt1([16, 0, 64], 64); // (0.25 + 0 + 1) / 3 ≈ 0.4167
 */
export function meanPassAt1(perProblemCorrectCounts: readonly number[], n: number): number {
  return meanPassAtK(perProblemCorrectCounts, n, 1);
}
