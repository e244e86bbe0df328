/**
 * Countdown (TinyZero / "Countdown to R1-Zero"): combine the given numbers with + − × ÷ and
 * parentheses to reach a target. The expression is parsed by a small recursive-descent parser
 * over exact rationals (BigInt), never `eval`'d; depth and length are bounded.
 */
import { explainedReward } from './explained-reward.ts';
import { extractAnswer } from './extract-answer.ts';
import type { ExplainedRewardFn, RewardSample } from './types.ts';

type Rational = { n: bigint; d: bigint };

const MAX_EXPRESSION_CHARS = 500;
const MAX_DEPTH = 50;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Rational {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

type Parsed = { value: Rational; numbers: bigint[] };

/**
 * Parse and evaluate a countdown expression exactly. Throws a descriptive Error on anything but
 * non-negative integer literals, + - * / (also × ÷ − \times \div \cdot) and parentheses.
 *
 * @example
 * evaluateCountdown('(25 - 5) × 4'); // { value: { n: 80n, d: 1n }, numbers: [25n, 5n, 4n] }
 */
export function evaluateCountdown(expression: string): Parsed {
  const text = expression
    .replace(/\\times|\\cdot|×|·/g, '*')
    .replace(/\\div|÷/g, '/')
    .replace(/[−–]/g, '-')
    .replace(/\\left|\\right/g, '');
  if (text.length > MAX_EXPRESSION_CHARS) throw new Error('expression too long');
  const numbers: bigint[] = [];
  let i = 0;
  const skip = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  };
  const primary = (depth: number): Rational => {
    if (depth > MAX_DEPTH) throw new Error('expression nested too deeply');
    skip();
    if (text[i] === '(') {
      i++;
      const v = sum(depth + 1);
      skip();
      if (text[i] !== ')') throw new Error(`expected ) at ${i}`);
      i++;
      return v;
    }
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) throw new Error(`expected a number at ${i}`);
    const n = BigInt(text.slice(start, i));
    numbers.push(n);
    return make(n, 1n);
  };
  const product = (depth: number): Rational => {
    let v = primary(depth);
    for (skip(); text[i] === '*' || text[i] === '/'; skip()) {
      const op = text[i++];
      const r = primary(depth);
      if (op === '*') v = make(v.n * r.n, v.d * r.d);
      else {
        if (r.n === 0n) throw new Error('division by zero');
        v = make(v.n * r.d, v.d * r.n);
      }
    }
    return v;
  };
  const sum = (depth: number): Rational => {
    let v = product(depth);
    for (skip(); text[i] === '+' || text[i] === '-'; skip()) {
      const op = text[i++];
      const r = product(depth);
      v =
        op === '+'
          ? make(v.n * r.d + r.n * v.d, v.d * r.d)
          : make(v.n * r.d - r.n * v.d, v.d * r.d);
    }
    return v;
  };
  const value = sum(0);
  skip();
  if (i !== text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  return { value, numbers };
}

export type CountdownOptions = {
  /** Require every given number to be used exactly once (TinyZero); default false: at most once. */
  useAllNumbers?: boolean;
};

function countdownMeta(sample: RewardSample): { numbers: number[]; target: number } | null {
  const numbers = sample.meta?.numbers;
  const target = sample.meta?.target ?? Number(sample.answer);
  if (!Array.isArray(numbers) || !numbers.every((n) => Number.isInteger(n))) return null;
  if (typeof target !== 'number' || !Number.isInteger(target)) return null;
  return { numbers: numbers as number[], target };
}

/**
 * Build a countdown reward (see {@link countdownReward}) with options.
 *
 * @example
 * const strict = createCountdownReward({ useAllNumbers: true });
 * strict('<answer>3 + 4</answer>', { answer: '7', meta: { numbers: [3, 4, 5], target: 7 } }); // 0
 */
export function createCountdownReward(options: CountdownOptions = {}): ExplainedRewardFn {
  return explainedReward([0, 1], (completion, sample) => {
    const meta = countdownMeta(sample);
    if (meta === null)
      return { score: 0, reason: 'sample.meta needs numbers: integer[] and target: integer' };
    const answer = extractAnswer(completion, { mode: 'strict' });
    if (answer === null) return { score: 0, reason: 'no <answer> expression' };
    // `(25-5)*4 = 80`: the expression is the left side.
    const expression = answer.split('=')[0]!;
    let parsed: Parsed;
    try {
      parsed = evaluateCountdown(expression);
    } catch (err) {
      return { score: 0, reason: `unparseable expression: ${(err as Error).message}` };
    }
    const pool = meta.numbers.map((n) => BigInt(n));
    for (const n of parsed.numbers) {
      const k = pool.indexOf(n);
      if (k < 0) return { score: 0, reason: `${n} is not an unused given number` };
      pool.splice(k, 1);
    }
    if (options.useAllNumbers && pool.length > 0)
      return { score: 0, reason: 'not every number used' };
    const { n, d } = parsed.value;
    return d === 1n && n === BigInt(meta.target)
      ? { score: 1 }
      : {
          score: 0,
          reason: `expression equals ${n}${d === 1n ? '' : `/${d}`}, not ${meta.target}`,
        };
  });
}

/**
 * 1 when the `<answer>` expression uses each of `sample.meta.numbers` at most once, only
 * + − × ÷ and parentheses, and equals `sample.meta.target` exactly; else 0. Range [0, 1].
 * Source: TinyZero countdown reward (Pan et al. 2025), without its 0.1 format bonus.
 *
 * @example
 * countdownReward('<answer>(25 - 5) * 4</answer>', { answer: '80', meta: { numbers: [25, 5, 4], target: 80 } }); // 1
 */
export const countdownReward: ExplainedRewardFn = createCountdownReward();
