// verifyAnswer on relations and equations: direction and strictness matter, multiples and
// rearrangements do not; an equation answers its right side (`x = 3` vs `3`).
import { describe } from 'vitest';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const RELATIONS: VerifyCase[] = [
  ['x > 5', 'x>5', true],
  ['x < 1', '-x > -1', true],
  ['x < 1', '1 > x', true],
  ['x \\le 3', '2x \\leq 6', true],
  ['x \\geq -2', '-2 \\le x', true],
  ['x \\geq -2', 'x ≥ -2', true],
  ['-2 \\le x \\le 7', '7 \\ge x \\ge -2', true],
  ['-2 \\le x \\le 7', '$-2 \\leq x \\leq 7$', true],
  ['x \\neq 3', '3 \\ne x', true],
  ['x < -1 \\text{ or } x > 2', 'x > 2 \\text{ or } x < -1', true],
  ['2x + 4y - 3 = 0', 'y = -\\frac{1}{2}x + \\frac{3}{4}', true],
  ['5x - 7y + 11z + 4 = 0', '-5x + 7y - 11z = 4', true],
  ['y = 2x + 3', '2x - y + 3 = 0', true],
  ['y = -2x', '2x + y = 0', true],
  ['x=5', '5', true],
  ['3', 'x = 3', true],
  ['204', '$180 + 24 = 204$', true],
  ['f(x) = 3x + 2', '3x+2', true],
  ['(x, y) = (1, 2)', '(1, 2)', true],
  ['x = 5', 'x = 2 + 3 = 5', true],
  // negatives
  ['x > 5', 'x < 5', false],
  ['x > 5', 'x \\ge 5', false],
  ['x < 1', 'x > -1', false],
  ['x < 1', '-x < -1', false],
  ['x \\le 3', 'x \\le 4', false],
  ['-2 \\le x \\le 7', '-2 < x \\le 7', false],
  ['-2 \\le x \\le 7', '-2 \\le x \\le 8', false],
  ['x \\neq 3', 'x = 3', false],
  ['x < -1 \\text{ or } x > 2', 'x < -1 \\text{ or } x > 3', false],
  ['y = 2x + 3', 'y = 2x - 3', false],
  ['y = 2x + 3', 'y = 3x + 2', false],
  ['2x + 4y - 3 = 0', 'y = \\frac{1}{2}x + \\frac{3}{4}', false],
  ['5x - 7y + 11z + 4 = 0', '5x - 7y + 11z - 4 = 0', false],
  ['x=5', '6', false],
  ['x=5', 'x = -5', false],
  ['x^2 = 4', 'x = 2', false],
  ['x < 1', '(-\\infty, 1)', false],
  ['204', '$180 + 24 = 205$', false],
];

describe('verifyAnswer: relations and equations', () => verifyTable('relations', RELATIONS));
