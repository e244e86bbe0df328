// The behaviour of sampled chains of thought (@r1lab/rewards `summariseBehaviour`) as log keys:
// whether completions verify a result, correct a real slip, how many attempts they make, how
// long they are. Measured, never rewarded: adding them changes no update.
import { type BehaviourSummary, summariseBehaviour } from '@r1lab/rewards';

/**
 * The behaviour keys of a set of completions, each prefixed (`behaviour/` in the GRPO log).
 *
 * @example
 * behaviourMetrics(['3 plus 4 is 8, wait, 3 plus 4 is 7, not 8'])['behaviour/reflect_rate']; // 1
 */
export function behaviourMetrics(
  completions: readonly string[],
  prefix = 'behaviour/',
): Record<string, number> {
  return behaviourKeys(summariseBehaviour(completions), prefix);
}

/** A summary under the keys the GRPO log, the held-out checks and the evaluation rows share. */
export function behaviourKeys(s: BehaviourSummary, prefix = ''): Record<string, number> {
  return {
    [`${prefix}verify_rate`]: s.verifyRate,
    [`${prefix}reflect_rate`]: s.reflectRate,
    [`${prefix}attempts_mean`]: s.attemptsMean,
    [`${prefix}slip_rate`]: s.slipRate,
    [`${prefix}corrected_slip_rate`]: s.correctedSlipRate,
    [`${prefix}mean_chars`]: s.meanChars,
  };
}
