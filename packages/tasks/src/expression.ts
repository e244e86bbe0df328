/**
 * Integer expression trees: evaluation, rendering with minimal parentheses, and the
 * post-order trace of single operations that the worked solutions write out.
 */

/** Binary operators the generators use; `/` appears only in countdown (exact division). */
export type Op = '+' | '-' | '*' | '/';

/** An integer leaf or a binary node. Plain data, so it can live in `Problem.meta`. */
export type Expr = number | { op: Op; left: Expr; right: Expr };

/** One written step of a chain of thought: `a op b = result` (result may be a slip). */
export type Step = { a: number; op: Op; b: number; result: number };

const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/**
 * Exact value of one operation; `/` truncates (callers only build exact divisions).
 * @example
 * applyOp(7, '-', 3) // 4
 */
export function applyOp(a: number, op: Op, b: number): number {
  const value = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : Math.trunc(a / b);
  // -0 (from 0 * -3 or a truncated division) would compare unequal to 0 under Object.is.
  return value === 0 ? 0 : value;
}

/**
 * Value of an expression tree.
 * @example
 * evaluate({ op: '+', left: 3, right: { op: '*', left: 4, right: 2 } }) // 11
 */
export function evaluate(expr: Expr): number {
  if (typeof expr === 'number') return expr;
  return applyOp(evaluate(expr.left), expr.op, evaluate(expr.right));
}

/**
 * Infix text with only the parentheses precedence and left-associativity require.
 * @example
 * render({ op: '-', left: 9, right: { op: '+', left: 2, right: 3 } }) // '9-(2+3)'
 */
export function render(expr: Expr): string {
  if (typeof expr === 'number') return expr < 0 ? `(${expr})` : String(expr);
  const p = PRECEDENCE[expr.op];
  const left = render(expr.left);
  const right = render(expr.right);
  const leftNeeds = typeof expr.left !== 'number' && PRECEDENCE[expr.left.op] < p;
  const rightNeeds =
    typeof expr.right !== 'number' &&
    (PRECEDENCE[expr.right.op] < p ||
      (PRECEDENCE[expr.right.op] === p && (expr.op === '-' || expr.op === '/')));
  return `${leftNeeds ? `(${left})` : left}${expr.op}${rightNeeds ? `(${right})` : right}`;
}

/** Number of operations in a tree. */
export function countOps(expr: Expr): number {
  return typeof expr === 'number' ? 0 : 1 + countOps(expr.left) + countOps(expr.right);
}

/** Leaves of a tree, left to right. */
export function leaves(expr: Expr): number[] {
  return typeof expr === 'number' ? [expr] : [...leaves(expr.left), ...leaves(expr.right)];
}

/**
 * Hook that may alter a step as it is written (a slip); later steps use the altered result.
 * Returns the step to write; return the argument unchanged for a correct step.
 */
export type StepSlip = (step: Step) => Step;

/**
 * Evaluates a tree in the order a person would (left operand, right operand, then the node)
 * and records each operation. With `slip`, a wrong result propagates to the final value,
 * which is how a single arithmetic error makes the whole answer wrong.
 * @example
 * traceExpression({ op: '-', left: { op: '+', left: 3, right: 4 }, right: 2 })
 * // { steps: [{a:3,op:'+',b:4,result:7},{a:7,op:'-',b:2,result:5}], value: 5 }
 */
export function traceExpression(expr: Expr, slip?: StepSlip): { steps: Step[]; value: number } {
  const steps: Step[] = [];
  const walk = (node: Expr): number => {
    if (typeof node === 'number') return node;
    const a = walk(node.left);
    const b = walk(node.right);
    const exact: Step = { a, op: node.op, b, result: applyOp(a, node.op, b) };
    const written = slip ? slip(exact) : exact;
    steps.push(written);
    return written.result;
  };
  const value = walk(expr);
  return { steps, value };
}
