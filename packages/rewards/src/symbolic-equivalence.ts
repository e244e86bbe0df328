/**
 * Symbolic equivalence by evaluation: two expressions are equal when they agree at several
 * pseudo-random points (Schwartz–Zippel style), evaluated with mathjs — parsed into a tree,
 * checked against a whitelist of operations, never `eval`'d. The points come from a fixed LCG
 * (never `Math.random`), so a verdict never flips between runs; compiled answers are cached
 * (a GRPO group compares one gold with many completions).
 */
import { type MathNode, parse } from 'mathjs';
import { latexToExpression } from './latex-to-expression.ts';
import { numbersClose } from './parse-number.ts';

/** Functions allowed in a parsed answer (no factorial, no matrix ops, nothing with side effects). */
const ALLOWED_FUNCTIONS = new Set([
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'log',
  'log10',
  'exp',
  'sqrt',
  'nthRoot',
  'abs',
  'floor',
  'ceil',
]);
const CONSTANTS = new Set(['pi', 'e', 'i', 'Infinity']);
const ALLOWED_OPERATORS = new Set(['+', '-', '*', '/', '^']);
const MAX_NODES = 400;

export type CompiledAnswer = {
  evaluate: (scope: Record<string, number>) => unknown;
  symbols: string[];
};

/** Compiled answers by their LaTeX; cleared when full, so memory stays bounded. */
const CACHE = new Map<string, CompiledAnswer | null>();
const CACHE_SIZE = 2048;

/**
 * Parse a normalized LaTeX answer into a safe evaluator, or null when unsupported.
 *
 * @example
 * compileAnswer('2x+1')?.symbols; // ['x']
 */
export function compileAnswer(latex: string): CompiledAnswer | null {
  const cached = CACHE.get(latex);
  if (cached !== undefined) return cached;
  const compiled = compileUncached(latex);
  if (CACHE.size >= CACHE_SIZE) CACHE.clear();
  CACHE.set(latex, compiled);
  return compiled;
}

function compileUncached(latex: string): CompiledAnswer | null {
  const expression = latexToExpression(latex);
  if (expression === null) return null;
  let node: MathNode;
  try {
    node = parse(expression);
  } catch {
    return null;
  }
  const symbols = new Set<string>();
  let count = 0;
  let safe = true;
  node.traverse((n, _path, parent) => {
    count++;
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const isCallee =
        parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      if (isCallee) {
        if (!ALLOWED_FUNCTIONS.has(name)) safe = false;
      } else if (!CONSTANTS.has(name)) symbols.add(name);
    } else if (n.type === 'OperatorNode') {
      if (!ALLOWED_OPERATORS.has((n as unknown as { op: string }).op)) safe = false;
    } else if (n.type === 'FunctionNode') {
      const fn = (n as unknown as { fn: MathNode }).fn;
      if (fn.type !== 'SymbolNode') safe = false;
    } else if (n.type !== 'ConstantNode' && n.type !== 'ParenthesisNode') {
      safe = false;
    }
  });
  if (!safe || count > MAX_NODES) return null;
  const compiled = node.compile();
  return { evaluate: (scope) => compiled.evaluate({ ...scope }), symbols: [...symbols].sort() };
}

export type Complex = { re: number; im: number };

function asComplex(value: unknown): Complex | null {
  if (typeof value === 'number') return { re: value, im: 0 };
  if (value && typeof value === 'object' && 're' in value && 'im' in value) {
    const c = value as Complex;
    if (typeof c.re === 'number' && typeof c.im === 'number') return { re: c.re, im: c.im };
  }
  return null;
}

function safeEvaluate(answer: CompiledAnswer, scope: Record<string, number>): Complex | null {
  try {
    return asComplex(answer.evaluate(scope));
  } catch {
    return null;
  }
}

/** Deterministic points (a fixed LCG) so a verdict never flips between runs. */
function samplePoints(symbols: string[], count: number): Record<string, number>[] {
  let seed = 0x2f6b_4a1d;
  const next = () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed / 2 ** 32;
  };
  const points: Record<string, number>[] = [];
  for (let k = 0; k < count; k++) {
    const point: Record<string, number> = {};
    for (const s of symbols) point[s] = 0.3 + 2.4 * next();
    points.push(point);
  }
  return points;
}

function complexClose(a: Complex, b: Complex, relTol: number): boolean {
  if (a.re === Number.POSITIVE_INFINITY || a.re === Number.NEGATIVE_INFINITY) {
    return a.re === b.re && numbersClose(a.im, b.im, relTol);
  }
  const scale = Math.max(Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));
  return Math.hypot(a.re - b.re, a.im - b.im) <= relTol * scale + 1e-12;
}

function isUsable(c: Complex | null): c is Complex {
  return c !== null && !Number.isNaN(c.re) && !Number.isNaN(c.im);
}

/**
 * The value of an answer without variables (`\sqrt{2}`, `e^{i\pi}`), or null when it has
 * variables or is undefined.
 *
 * @example
 * evaluateConstant(compileAnswer('\\sqrt{4}')!); // { re: 2, im: 0 }
 */
export function evaluateConstant(answer: CompiledAnswer): Complex | null {
  if (answer.symbols.length > 0) return null;
  const value = safeEvaluate(answer, {});
  return isUsable(value) ? value : null;
}

/**
 * Whether two compiled answers agree at ≥ 3 of 6 shared sample points (all usable points must
 * agree); constants are compared once. A point where either side is undefined (division by
 * zero, log of a negative) is skipped. Past `deadline` (a `performance.now()` time) the answer
 * is no.
 *
 * @example
 * const a = compileAnswer('(x+1)^2')!, b = compileAnswer('x^2+2x+1')!;
 * agreeAtPoints(a, b, 1e-6); // true
 */
export function agreeAtPoints(
  a: CompiledAnswer,
  b: CompiledAnswer,
  relTol: number,
  deadline = Number.POSITIVE_INFINITY,
): boolean {
  const symbols = [...new Set([...a.symbols, ...b.symbols])].sort();
  if (symbols.length > 8) return false;
  if (symbols.length === 0) {
    const va = safeEvaluate(a, {});
    const vb = safeEvaluate(b, {});
    return isUsable(va) && isUsable(vb) && complexClose(va, vb, relTol);
  }
  let agreed = 0;
  for (const point of samplePoints(symbols, 6)) {
    if (performance.now() > deadline) return false;
    const va = safeEvaluate(a, point);
    const vb = safeEvaluate(b, point);
    if (!isUsable(va) || !isUsable(vb)) continue;
    if (!Number.isFinite(va.re) || !Number.isFinite(vb.re)) continue;
    if (!complexClose(va, vb, relTol)) return false;
    agreed++;
  }
  return agreed >= 3;
}

/**
 * The constant `c` with `a = c·b` at all sample points (`a`, `b` expressions), or null when
 * there is none, it is zero, fewer than 3 points are usable, or `deadline` passes. This is how
 * equations (`c ≠ 0`) and inequalities (`c > 0`) are compared.
 *
 * @example
 * proportionalRatio('2x+4y-3', 'y+x/2-3/4', 1e-6); // 4
 */
export function proportionalRatio(
  a: string,
  b: string,
  relTol: number,
  deadline = Number.POSITIVE_INFINITY,
): number | null {
  const da = compileAnswer(a);
  const db = compileAnswer(b);
  if (da === null || db === null) return null;
  const symbols = [...new Set([...da.symbols, ...db.symbols])].sort();
  if (symbols.length === 0 || symbols.length > 8) return null;
  let ratio: number | null = null;
  let agreed = 0;
  for (const point of samplePoints(symbols, 6)) {
    if (performance.now() > deadline) return null;
    const va = safeEvaluate(da, point);
    const vb = safeEvaluate(db, point);
    if (!isUsable(va) || !isUsable(vb) || va.im !== 0 || vb.im !== 0) continue;
    if (Math.abs(vb.re) < 1e-12) {
      if (Math.abs(va.re) > 1e-9) return null;
      continue;
    }
    const r = va.re / vb.re;
    if (ratio === null) ratio = r;
    else if (!numbersClose(r, ratio, relTol)) return null;
    agreed++;
  }
  return agreed >= 3 && ratio !== null && ratio !== 0 ? ratio : null;
}

/**
 * Whether `lhs₁ - rhs₁` is a nonzero constant multiple of `lhs₂ - rhs₂` at all sample points:
 * `2x + 2y = 4` ≡ `x + y = 2` ≡ `y = 2 - x`.
 *
 * @example
 * equationsEquivalent(['2x+2y', '4'], ['y', '2-x'], 1e-6); // true
 */
export function equationsEquivalent(
  a: readonly [string, string],
  b: readonly [string, string],
  relTol: number,
  deadline = Number.POSITIVE_INFINITY,
): boolean {
  return proportionalRatio(`(${a[0]})-(${a[1]})`, `(${b[0]})-(${b[1]})`, relTol, deadline) !== null;
}
