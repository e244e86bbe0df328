/**
 * The options of answer equivalence and the per-check context built from them (resolved
 * options, the deadline of the time budget, and a note saying why a check failed).
 */

export type EquivalenceOptions = {
  /** Relative numeric tolerance (default 1e-6). */
  relTol?: number;
  /** Whether `50%` also equals `0.5` (it always equals `50`). Default false. */
  percentAsFraction?: boolean;
  /**
   * Compare non-integer numbers (and constant expressions such as `\sqrt{2}`) after rounding both
   * to this many decimal places, instead of by `relTol`. Integers are always compared exactly.
   */
  floatRounding?: number;
  /**
   * Forms must match, not only values: an assignment `x = 5` is not `5`, `y = 5` is not `x = 5`,
   * a tuple is not a bare list or a set. Default false.
   */
  strict?: boolean;
  /**
   * Whether a relation may equal the set it describes: `-2 \le x \le 7` ≡ `[-2, 7]`,
   * `x > 5` ≡ `(5, \infty)`. Default false (graders differ; Math-Verify's default is also off).
   */
  allowSetRelation?: boolean;
  /**
   * Time budget of one check in milliseconds (default 100). A check that runs past it answers
   * "not equivalent"; only adversarial input comes near it (ordinary checks take microseconds).
   */
  timeoutMs?: number;
};

/** What one check carries through the recursive comparison. */
export type CompareContext = {
  relTol: number;
  percentAsFraction: boolean;
  floatRounding: number | null;
  strict: boolean;
  allowSetRelation: boolean;
  /** `performance.now()` time after which every comparison answers false. */
  deadline: number;
  /** Why the check failed, when there is more to say than "different" (set by the comparators). */
  note: string | null;
};

const DEFAULT_TIMEOUT_MS = 100;

/**
 * A fresh context for one check; the time budget starts now.
 *
 * @example
 * createContext({ strict: true }).strict; // true
 */
export function createContext(options: EquivalenceOptions = {}): CompareContext {
  const finite = (x: unknown, fallback: number) =>
    typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : fallback;
  const rounding = options.floatRounding;
  return {
    relTol: finite(options.relTol, 1e-6),
    percentAsFraction: options.percentAsFraction === true,
    floatRounding:
      typeof rounding === 'number' && Number.isInteger(rounding) && rounding >= 0 && rounding <= 20
        ? rounding
        : null,
    strict: options.strict === true,
    allowSetRelation: options.allowSetRelation === true,
    deadline: performance.now() + finite(options.timeoutMs, DEFAULT_TIMEOUT_MS),
    note: null,
  };
}

/**
 * Whether the check's time budget is spent (and note it).
 *
 * @example
 * timeUp(createContext({ timeoutMs: 0 })); // true, soon after
 */
export function timeUp(ctx: CompareContext): boolean {
  if (performance.now() <= ctx.deadline) return false;
  ctx.note = 'time budget exceeded';
  return true;
}
