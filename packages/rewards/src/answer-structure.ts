/**
 * The shape of a normalized answer: a scalar, a tuple or interval, an unordered set (braces,
 * bare comma lists, `a \pm b`), a union of intervals, a matrix, or an equation.
 */

export type AnswerStructure =
  | { kind: 'scalar'; text: string }
  | { kind: 'tuple'; open: string; close: string; items: string[] }
  | { kind: 'set'; items: string[] }
  | { kind: 'union'; parts: string[] }
  | { kind: 'matrix'; rows: string[][] }
  | { kind: 'equation'; lhs: string; rhs: string };

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

const SIMPLE_LHS_RE = /^(?:[A-Za-z](?:_\{?\w+\}?)?|[A-Za-z]\([A-Za-z]\))$/;

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
 * answerStructure('x = 5'); // { kind: 'scalar', text: '5' }
 */
export function answerStructure(text: string): AnswerStructure {
  let s = text.trim().replace(/^[A-Za-z]\s*\\in\s*/, '');
  const matrix = parseMatrix(s);
  if (matrix !== null) return { kind: 'matrix', rows: matrix };
  const union = splitTopLevel(s, '\\cup');
  if (union.length > 1) return { kind: 'union', parts: union.map((p) => p.trim()) };
  if (/^[+-]?\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?%?$/.test(s)) return { kind: 'scalar', text: s };
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
  const sides = splitTopLevel(s, '=');
  if (sides.length === 2) {
    const lhs = sides[0]!.trim();
    const rhs = sides[1]!.trim();
    if (SIMPLE_LHS_RE.test(lhs)) return answerStructure(rhs);
    if (lhs !== '' && rhs !== '') return { kind: 'equation', lhs, rhs };
  }
  s = s.trim();
  return { kind: 'scalar', text: s };
}
