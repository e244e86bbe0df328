/**
 * An independent reference for the tests: a recursive-descent parser for the integer
 * expressions the generators print, so answers are checked without trusting the generator's
 * own tree evaluation.
 */

/** Value of an infix expression over integers with + - * / and parentheses; null if malformed or a division is inexact. */
export function evaluateText(text: string): number | null {
  const tokens = text.replace(/\s+/g, '').match(/\d+|[-+*/()]/g);
  if (!tokens || tokens.join('') !== text.replace(/\s+/g, '')) return null;
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): number | null => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') return null;
      return v;
    }
    if (t === '-') {
      const v = primary();
      return v === null ? null : -v;
    }
    return t !== undefined && /^\d+$/.test(t) ? Number(t) : null;
  };
  const product = (): number | null => {
    let v = primary();
    while (v !== null && (peek() === '*' || peek() === '/')) {
      const op = tokens[i++];
      const r = primary();
      if (r === null) return null;
      if (op === '/') {
        if (r === 0 || v % r !== 0) return null;
        v = v / r;
      } else v = v * r;
    }
    return v;
  };
  const sum = (): number | null => {
    let v = product();
    while (v !== null && (peek() === '+' || peek() === '-')) {
      const op = tokens[i++];
      const r = product();
      if (r === null) return null;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const value = sum();
  return i === tokens.length ? value : null;
}

/** The integer literals of an expression, sorted. */
export function literals(text: string): number[] {
  return (text.match(/\d+/g) ?? []).map(Number).sort((a, b) => a - b);
}

/** A countdown answer is right when it uses exactly the given numbers and reaches the target. */
export function countdownSolves(
  expression: string,
  numbers: readonly number[],
  target: number,
): boolean {
  const sorted = [...numbers].sort((a, b) => a - b);
  return evaluateText(expression) === target && literals(expression).join(',') === sorted.join(',');
}
