/**
 * Relations: `x > 5` ≠ `x < 5`, `x < 1` ≡ `-x > -1` ≡ `2x < 2`, `-2 \le x \le 7` ≡ `7 \ge x \ge -2`.
 * A link `L < R` is read as `L − R < 0`; two links are the same when their differences are a
 * positive multiple of each other at the sample points (any nonzero multiple for `≠`), with the
 * same strictness. With `allowSetRelation`, a relation on one variable with constant bounds is
 * also the interval (or union) it describes: `x \ge 3` ≡ `[3, \infty)`.
 */
import { type AnswerStructure, answerStructure } from './answer-structure.ts';
import type { CompareContext } from './equivalence-options.ts';
import type { RelationOp } from './relation-parts.ts';
import { compileAnswer, evaluateConstant, proportionalRatio } from './symbolic-equivalence.ts';

type Relation = { sides: string[]; ops: RelationOp[] };
type Compare = (pred: AnswerStructure, gold: AnswerStructure, ctx: CompareContext) => boolean;

const FLIP: Record<RelationOp, RelationOp> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '!=': '!=',
};

/** Write a relation with `<`/`≤` when all its links point the other way (`7 \ge x \ge -2` → `-2 ≤ x ≤ 7`). */
function ascending(r: Relation): Relation {
  if (!r.ops.every((op) => op === '>' || op === '>=')) return r;
  return { sides: [...r.sides].reverse(), ops: [...r.ops].reverse().map((op) => FLIP[op]) };
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** `a op b` and `c op' d` state the same thing (op and op' already ascending or both `≠`). */
function sameLink(a: [string, string], b: [string, string], op: RelationOp, ctx: CompareContext) {
  if (compact(a[0]) === compact(b[0]) && compact(a[1]) === compact(b[1])) return true;
  if (op === '!=' && compact(a[0]) === compact(b[1]) && compact(a[1]) === compact(b[0]))
    return true;
  const ratio = proportionalRatio(
    `(${a[0]})-(${a[1]})`,
    `(${b[0]})-(${b[1]})`,
    ctx.relTol,
    ctx.deadline,
  );
  return ratio !== null && (op === '!=' || ratio > 0);
}

function sameRelation(p: Relation, g: Relation, ctx: CompareContext): boolean {
  const a = ascending(p);
  const b = ascending(g);
  if (a.ops.length !== b.ops.length || a.ops.some((op, k) => op !== b.ops[k])) return false;
  return a.ops.every((op, k) =>
    sameLink([a.sides[k]!, a.sides[k + 1]!], [b.sides[k]!, b.sides[k + 1]!], op, ctx),
  );
}

const VARIABLE_RE = /^[A-Za-z](?:_\{?\w+\}?)?$/;
const INFINITY_RE = /^[+-]?\\infty$/;

/** A bound of an interval: a constant (`\frac{3}{2}`, `-\infty`), not an expression in a variable. */
function isConstant(side: string): boolean {
  if (INFINITY_RE.test(side.trim())) return true;
  const compiled = compileAnswer(side);
  return compiled !== null && evaluateConstant(compiled) !== null;
}

/** `x op c` as an interval (or, for `≠`, a union of two), as answer text. */
function boundText(op: RelationOp, c: string): string {
  if (op === '!=') return `(-\\infty, ${c}) \\cup (${c}, \\infty)`;
  if (op === '<' || op === '<=') return `(-\\infty, ${c}${op === '<' ? ')' : ']'}`;
  return `${op === '>' ? '(' : '['}${c}, \\infty)`;
}

/** The interval (or union) a relation on one variable describes, as answer text, or null. */
function relationAsSetText(r: Relation): string | null {
  if (r.ops.length === 1) {
    const [left, right] = [r.sides[0]!, r.sides[1]!];
    const op = r.ops[0]!;
    if (VARIABLE_RE.test(left) && isConstant(right)) return boundText(op, right);
    if (VARIABLE_RE.test(right) && isConstant(left)) return boundText(FLIP[op], left);
    return null;
  }
  const a = ascending(r);
  if (a.ops.length !== 2 || !a.ops.every((op) => op === '<' || op === '<=')) return null;
  const [lo, x, hi] = a.sides as [string, string, string];
  if (!VARIABLE_RE.test(x) || !isConstant(lo) || !isConstant(hi)) return null;
  return `${a.ops[0] === '<' ? '(' : '['}${lo}, ${hi}${a.ops[1] === '<' ? ')' : ']'}`;
}

/** The set an answer describes when it is a relation or a union of relations, else null. */
function asSet(s: AnswerStructure): AnswerStructure | null {
  if (s.kind === 'relation') {
    const text = relationAsSetText(s);
    return text === null ? null : answerStructure(text);
  }
  if (s.kind === 'union') {
    const parts = s.parts.map((part) => {
      const r = answerStructure(part);
      return r.kind === 'relation' ? relationAsSetText(r) : part;
    });
    return parts.every((p) => p !== null) ? { kind: 'union', parts: parts as string[] } : null;
  }
  return null;
}

function isSetLike(s: AnswerStructure): boolean {
  return (s.kind === 'tuple' && s.items.length === 2) || s.kind === 'union';
}

/**
 * Whether `pred` answers `gold` when at least one of them is a relation (see the module
 * comment); `compare` is the general comparison, used once a relation became a set.
 *
 * @example
 * relationsEquivalent(answerStructure('x < 1'), answerStructure('-x > -1'), createContext(), structuresEquivalent); // true
 */
export function relationsEquivalent(
  pred: AnswerStructure,
  gold: AnswerStructure,
  ctx: CompareContext,
  compare: Compare,
): boolean {
  if (pred.kind === 'relation' && gold.kind === 'relation') return sameRelation(pred, gold, ctx);
  const relation = pred.kind === 'relation' ? pred : gold;
  const other = pred.kind === 'relation' ? gold : pred;
  if (!isSetLike(other)) return false;
  if (!ctx.allowSetRelation) {
    ctx.note = 'a relation and a set or interval (allowSetRelation is off)';
    return false;
  }
  const described = asSet(relation);
  const otherSet = asSet(other) ?? other;
  if (described === null) return false;
  return pred.kind === 'relation'
    ? compare(described, otherSet, ctx)
    : compare(otherSet, described, ctx);
}
