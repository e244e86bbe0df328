/**
 * Linear warmup to `lrMax` over `warmup` steps, then cosine decay to `lrMin` at `total`.
 * Steps are 0-based; past `total` the rate stays at `lrMin`.
 *
 * @example
 * const lrAt = warmupCosine({ warmup: 10, total: 100, lrMax: 1e-3, lrMin: 1e-4 });
 * lrAt(0); // 1e-4 (= lrMax / warmup)
 * lrAt(55); // ≈ 5.5e-4
 */
export function warmupCosine(opts: {
  warmup: number;
  total: number;
  lrMax: number;
  lrMin?: number;
}): (step: number) => number {
  const { warmup, total, lrMax } = opts;
  const lrMin = opts.lrMin ?? 0;
  return (step: number) => {
    if (step < warmup) return (lrMax * (step + 1)) / warmup;
    if (step >= total) return lrMin;
    const progress = (step - warmup) / Math.max(1, total - warmup);
    return lrMin + 0.5 * (lrMax - lrMin) * (1 + Math.cos(Math.PI * progress));
  };
}
