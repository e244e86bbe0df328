/**
 * Next-token choice in plain JS from one row of log-probs (already at the sampling temperature):
 * greedy argmax, or a draw after optional top-k / top-p (nucleus) truncation. `rng` returns
 * uniforms in [0, 1) (`generate` passes a seeded @r1lab/random `Rng`'s `next`).
 */

export interface SampleOptions {
  greedy?: boolean;
  topK?: number;
  topP?: number;
}

/**
 * Picks a token id from `logp[offset .. offset + vocab)`.
 *
 * @example
 * sampleToken(new Float32Array([Math.log(0.9), Math.log(0.1)]), 0, 2, { greedy: true }, rng); // 0
 */
export function sampleToken(
  logp: Float32Array,
  offset: number,
  vocab: number,
  opts: SampleOptions,
  rng: () => number,
): number {
  if (opts.greedy) {
    let best = 0;
    let bestV = -Infinity;
    for (let i = 0; i < vocab; i++) {
      const v = logp[offset + i]!;
      if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    return best;
  }
  const topK = opts.topK && opts.topK > 0 && opts.topK < vocab ? opts.topK : 0;
  const topP = opts.topP !== undefined && opts.topP < 1 ? opts.topP : 1;
  if (!topK && topP >= 1) {
    // Inverse-CDF over the full (already normalised) distribution.
    const u = rng();
    let acc = 0;
    for (let i = 0; i < vocab; i++) {
      acc += Math.exp(logp[offset + i]!);
      if (u < acc) return i;
    }
    // Rounding left u above the total mass: take the most likely token.
    return sampleToken(logp, offset, vocab, { greedy: true }, rng);
  }
  const order = Array.from({ length: vocab }, (_, i) => i).sort(
    (a, b) => logp[offset + b]! - logp[offset + a]!,
  );
  let keep = topK || vocab;
  if (topP < 1) {
    let acc = 0;
    for (let r = 0; r < keep; r++) {
      acc += Math.exp(logp[offset + order[r]!]!);
      if (acc >= topP) {
        keep = r + 1;
        break;
      }
    }
  }
  let total = 0;
  for (let r = 0; r < keep; r++) total += Math.exp(logp[offset + order[r]!]!);
  const u = rng() * total;
  let acc = 0;
  for (let r = 0; r < keep; r++) {
    acc += Math.exp(logp[offset + order[r]!]!);
    if (u < acc) return order[r]!;
  }
  return order[keep - 1]!;
}
