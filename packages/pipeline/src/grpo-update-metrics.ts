// The GRPO update's logged metrics, from the per-micro-batch stats of every μ iteration. Each key
// means what TRL's key of the same name means (docs/grpo-metrics.md has the table):
//   - clip ratios: over every iteration and every loss token of the batch. A sequence left out of
//     the backward pass has A = 0, which TRL's definition never counts as clipped, so it adds its
//     tokens to the denominator and nothing to the numerator — exact without its forward pass;
//   - ratio_mean, entropy, kl and the sampler–trainer mismatch come from the forward pass, so they
//     are logged only when that pass covered every loss token (else they would describe a subset);
//   - a step whose forward pass saw no token logs none of them: absent, not 0.
import type { PolicyLossStats } from '@r1lab/grpo-core';

export interface UpdateStats {
  /** Per iteration, the stats of each micro-batch forwarded (updated ones, then measured-only). */
  iterations: PolicyLossStats[][];
  /** Loss tokens of the whole batch (the token-mean normaliser). */
  lossTokens: number;
  /** Loss tokens of the sequences in the backward pass, per iteration. */
  updatedTokens: number;
  /** The forward pass covered every sequence of the batch. */
  coversBatch: boolean;
  /** The reference model's log-probs were computed (`kl` is against it; else it is not logged). */
  withRef: boolean;
  /** The batch loss (sum of micro-batch losses) of each iteration. */
  losses: number[];
  gradNorms: number[];
  skippedUpdates: number;
}

/**
 * The update metrics under TRL's names; see the module comment for what each one covers.
 *
 * @example
 * updateMetrics({ iterations: [[stats]], lossTokens: 80, updatedTokens: 80, coversBatch: true,
 *   withRef: false, losses: [0.01], gradNorms: [0.3], skippedUpdates: 0 })['clip_ratio/region_mean']; // 0
 */
export function updateMetrics(u: UpdateStats): Record<string, number> {
  const out: Record<string, number> = {
    loss: mean(u.losses),
    grad_norm: mean(u.gradNorms),
    skipped_updates: u.skippedUpdates,
    updated_tokens: u.updatedTokens,
    num_loss_tokens: u.lossTokens,
  };
  const all = u.iterations.flat();
  const seen = all.reduce((a, s) => a + s.num_tokens, 0);
  if (seen === 0 || u.lossTokens === 0) return out;

  const perIteration = (key: 'clip_ratio/low_mean' | 'clip_ratio/high_mean') =>
    u.iterations.map((stats) => sumOf(stats, key) / u.lossTokens);
  const low = perIteration('clip_ratio/low_mean');
  const high = perIteration('clip_ratio/high_mean');
  out['clip_ratio/low_mean'] = mean(low);
  out['clip_ratio/low_min'] = Math.min(...low);
  out['clip_ratio/high_mean'] = mean(high);
  out['clip_ratio/high_max'] = Math.max(...high);
  out['clip_ratio/region_mean'] = mean(
    u.iterations.map((stats) => sumOf(stats, 'clip_ratio/region_mean') / u.lossTokens),
  );
  if (!u.coversBatch) return out;

  const tokenMean = (stats: PolicyLossStats[], key: keyof PolicyLossStats) =>
    sumOf(stats, key) / stats.reduce((a, s) => a + s.num_tokens, 0);
  out.ratio_mean = tokenMean(all, 'ratio_mean');
  if (all.every((s) => s.entropy !== undefined)) out.entropy = tokenMean(all, 'entropy');
  if (u.withRef && all.every((s) => s.kl !== undefined)) out.kl = tokenMean(all, 'kl');

  // The first iteration's π_old is the sampler and π_θ the trainer before any update: their gap
  // is the sampler–trainer mismatch (0 up to float error when both run the same forward code).
  const first = (u.iterations[0] ?? []).filter((s) => s.num_tokens > 0);
  if (first.length > 0) {
    out['sampling/sampling_logp_difference/mean'] = tokenMean(first, 'abs_log_ratio_mean');
    out['sampling/sampling_logp_difference/max'] = Math.max(
      ...first.map((s) => s.abs_log_ratio_max),
    );
    out['sampling/importance_sampling_ratio/min'] = Math.min(...first.map((s) => s.ratio_min));
    out['sampling/importance_sampling_ratio/mean'] = tokenMean(first, 'ratio_mean');
    out['sampling/importance_sampling_ratio/max'] = Math.max(...first.map((s) => s.ratio_max));
  }
  return out;
}

/** Σ value · tokens: a token-weighted sum of one stat over micro-batches. */
function sumOf(stats: PolicyLossStats[], key: keyof PolicyLossStats): number {
  return stats.reduce((a, s) => a + (s.num_tokens > 0 ? (s[key] ?? 0) * s.num_tokens : 0), 0);
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
