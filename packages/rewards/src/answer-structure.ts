/**
 * The shape of a normalized answer: a scalar, a tuple or interval, an unordered set (braces,
 * bare comma lists, `a \pm b`), a union (of intervals, or of relations joined by "or"), a matrix,
 * an equation, or a relation (`x > 5`, `-2 \le x \le 7`).
 */
import { DECIMAL_COMMA_RE } from './parse-number.ts';
import { parseRelation, type RelationOp } from './relation-parts.ts';

export type AnswerStructure =
  | { kind: 'scalar'; text: string }
  | { kind: 'tuple'; open: string; close: string; items: string[] }
  | { kind: 'set'; items: string[] }
  | { kind: 'union'; parts: string[] }
  | { kind: 'matrix'; rows: string[][] }
  | { kind: 'equation'; lhs: string; rhs: string }
  /** `sides[k] ops[k] sides[k+1]`, e.g. `-2 \le x < 7` → sides `-2, x, 7`, ops `<=, <`. */
  | { kind: 'relation'; sides: string[]; ops: RelationOp[] };

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Split `text` on `separator` where it is outside every bracket pair (`\{`/`\}` count as brackets).
 *
 * @example
 * splitTopLevel('(1,2), 3', ','); // ['(1,2)', ' 3']
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && (text[i + 1] === '{' || text[i + 1] === '}')) {
      depth += text[i + 1] === '{' ? 1 : -1;
      i++;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether the bracket opening at 0 closes exactly at the last character (so `(a)(b)` is not wrapped). */
function wrapsWhole(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch in OPENERS) depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
}

/** `a \pm b` → [`a + b`, `a - b`]; anything else → [itself]. */
export function expandPlusMinus(item: string): string[] {
  const parts = splitTopLevel(item, '\\pm');
  if (parts.length !== 2) return [item.trim()];
  const [a, b] = [parts[0]!.trim(), parts[1]!.trim()];
  if (a === '') return [b, `-(${b})`];
  return [`${a}+(${b})`, `${a}-(${b})`];
}

const SIMPLE_LHS_RE =
  /^(?:[A-Za-z](?:_\{?\w+\}?)?|[A-Za-z]\([A-Za-z]\)|\(\s*[A-Za-z](?:\s*,\s*[A-Za-z])+\s*\))$/;

/**
 * Whether an equation's left side only names what the right side gives (`x`, `a_1`, `f(x)`,
 * `(x, y)`), so `x = 5` answers `5`.
 *
 * @example
 * isAssignmentTarget('f(x)'); // true
 * isAssignmentTarget('x + y'); // false
 */
export function isAssignmentTarget(lhs: string): boolean {
  return SIMPLE_LHS_RE.test(lhs.trim());
}

function isAssignment(text: string): boolean {
  const sides = splitTopLevel(text, '=');
  return sides.length === 2 && isAssignmentTarget(sides[0]!) && sides[1]!.trim() !== '';
}

/** Relations joined by "or" (`x < -1 or x > 2`) are a union of the sets they describe. */
const OR_RE = /\s+or\s+|\\lor\b|\\vee\b/;

function parseMatrix(text: string): string[][] | null {
  const m = /^\\begin\{[pbvB]?matrix\}([\s\S]*)\\end\{[pbvB]?matrix\}$/.exec(text);
  if (!m) return null;
  return m[1]!
    .split('\\\\')
    .map((row) => row.trim())
    .filter((row) => row.length > 0)
    .map((row) => row.split('&').map((cell) => cell.trim()));
}

/**
 * Classify a normalized answer.
 *
 * @example
 * answerStructure('(3,4]'); // { kind: 'tuple', open: '(', close: ']', items: ['3', '4'] }
 * answerStructure('1, -2'); // { kind: 'set', items: ['1', '-2'] }
 * answerStructure('x = 5'); // { kind: 'equation', lhs: 'x', rhs: '5' }
 * answerStructure('x > 5'); // { kind: 'relation', sides: ['x', '5'], ops: ['>'] }
 */
export function answerStructure(text: string): AnswerStructure {
  let s = text.trim().replace(/^[A-Za-z]\s*\\in\s*/, '');
  // `\frac{\pi}{4} \approx 0.785`: the exact value comes first.
  const approx = splitTopLevel(s, '\\approx');
  if (approx.length > 1 && approx[0]!.trim() !== '') s = approx[0]!.trim();
  const matrix = parseMatrix(s);
  if (matrix !== null) return { kind: 'matrix', rows: matrix };
  const union = splitTopLevel(s, '\\cup');
  if (union.length > 1) return { kind: 'union', parts: union.map((p) => p.trim()) };
  if (/^[+-]?\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?%?$/.test(s) || DECIMAL_COMMA_RE.test(s))
    return { kind: 'scalar', text: s };
  if (s.startsWith('\\{') && s.endsWith('\\}')) {
    const inner = s.slice(2, -2);
    return {
      kind: 'set',
      items: splitTopLevel(inner, ',')
        .flatMap(expandPlusMinus)
        .filter((x) => x !== ''),
    };
  }
  const first = s[0];
  const last = s[s.length - 1];
  if ((first === '(' || first === '[') && (last === ')' || last === ']') && wrapsWhole(s)) {
    const items = splitTopLevel(s.slice(1, -1), ',');
    if (items.length > 1)
      return { kind: 'tuple', open: first, close: last, items: items.map((x) => x.trim()) };
  }
  const list = splitTopLevel(s, ',');
  if (list.length > 1)
    return { kind: 'set', items: list.flatMap(expandPlusMinus).filter((x) => x !== '') };
  const pm = expandPlusMinus(s);
  if (pm.length > 1) return { kind: 'set', items: pm };
  const alternatives = s.split(OR_RE).map((a) => a.trim());
  if (alternatives.length > 1) {
    if (alternatives.every((a) => parseRelation(a) !== null))
      return { kind: 'union', parts: alternatives };
    // `x = 2 or x = 3` lists solutions; `\frac{3}{2} or 1.5` (one value twice) is left alone.
    if (alternatives.every((a) => isAssignment(a))) return { kind: 'set', items: alternatives };
  }
  const relation = parseRelation(s);
  if (relation !== null) return { kind: 'relation', ...relation };
  // A chain `x = 2 + 3 = 5` states its first side equals its last.
  const sides = splitTopLevel(s, '=').map((side) => side.trim());
  if (sides.length >= 2 && sides.every((side) => side !== ''))
    return { kind: 'equation', lhs: sides[0]!, rhs: sides[sides.length - 1]! };
  s = s.trim();
  return { kind: 'scalar', text: s };
}
