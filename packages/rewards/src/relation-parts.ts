/**
 * Splitting a relation (`x > 5`, `-2 \le x < 7`, `y \neq 0`) into its sides and comparison
 * operators, at bracket depth 0, in one pass.
 */

/** The comparison operators of a relation, canonically spelled. */
export type RelationOp = '<' | '<=' | '>' | '>=' | '!=';

/** LaTeX command names of the operators (the whole letter run must match: `\left` is not `\le`). */
const COMMAND_OPS: Record<string, RelationOp> = {
  lt: '<',
  le: '<=',
  leq: '<=',
  leqslant: '<=',
  gt: '>',
  ge: '>=',
  geq: '>=',
  geqslant: '>=',
  ne: '!=',
  neq: '!=',
};
const SYMBOL_OPS: Record<string, RelationOp> = { '≤': '<=', '≥': '>=', '≠': '!=' };

/** The operator starting at `i` and its length, or null. */
function operatorAt(text: string, i: number): [RelationOp, number] | null {
  const ch = text[i]!;
  if (ch === '<' || ch === '>') return text[i + 1] === '=' ? [`${ch}=`, 2] : [ch, 1];
  if (ch === '!' && text[i + 1] === '=') return ['!=', 2];
  const symbol = SYMBOL_OPS[ch];
  if (symbol !== undefined) return [symbol, 1];
  if (ch === '\\') {
    const m = /^[A-Za-z]+/.exec(text.slice(i + 1, i + 12));
    const op = m ? COMMAND_OPS[m[0]] : undefined;
    if (op !== undefined) return [op, m![0].length + 1];
  }
  return null;
}

/**
 * The sides and operators of a relation at bracket depth 0, or null when `text` has no
 * comparison operator there or a side is empty.
 *
 * @example
 * parseRelation('-2 \\leq x < 7'); // { sides: ['-2', 'x', '7'], ops: ['<=', '<'] }
 * parseRelation('(1, 2)'); // null
 */
export function parseRelation(text: string): { sides: string[]; ops: RelationOp[] } | null {
  const sides: string[] = [];
  const ops: RelationOp[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && (text[i + 1] === '{' || text[i + 1] === '}')) {
      depth += text[i + 1] === '{' ? 1 : -1;
      i++;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0) {
      const op = operatorAt(text, i);
      if (op === null) {
        // Skip the rest of a command name so `\left` is never read from its `\le`.
        if (ch === '\\') while (/[A-Za-z]/.test(text[i + 1] ?? '')) i++;
        continue;
      }
      sides.push(text.slice(start, i).trim());
      ops.push(op[0]);
      start = i + op[1];
      i = start - 1;
    }
  }
  if (ops.length === 0) return null;
  sides.push(text.slice(start).trim());
  return sides.every((s) => s !== '') ? { sides, ops } : null;
}
