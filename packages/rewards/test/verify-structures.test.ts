// verifyAnswer on structures: tuples and ordered pairs, unordered sets (also of tuples), intervals
// with open/closed ends, unions, ±, matrices (pmatrix / bmatrix, cell by cell).
import { describe } from 'vitest';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const col = (...cells: string[]) => `\\begin{pmatrix} ${cells.join(' \\\\ ')} \\end{pmatrix}`;

const STRUCTURES: VerifyCase[] = [
  ['(6,31,-1)', '(6, 31, -1)', true],
  ['(6,31,-1)', '6, 31, -1', true],
  ['(8,-2)', '\\left(8, -2\\right)', true],
  ['(1,-16,-4,43)', '\\boxed{(1, -16, -4, 43)}', true],
  ['\\left( \\frac{3}{2}, -13 \\right)', '(1.5, -13)', true],
  ['\\{1, 2\\}', '\\{2, 1\\}', true],
  ['\\{(2,2),(6,2)\\}', '\\{(6, 2), (2, 2)\\}', true],
  ['3, 5, 7', '7, 3, 5', true],
  ['1,-2', '\\{-2, 1\\}', true],
  ['(3,4]', '(3, 4]', true],
  ['(-\\sqrt{3}, \\sqrt{3})', '(-\\sqrt3, \\sqrt3)', true],
  ['(0,9) \\cup (9,36)', '(9,36)\\cup(0,9)', true],
  ['(-\\infty, 2) \\cup (3, \\infty)', '(-\\infty,2)\\cup(3,\\infty)', true],
  ['\\left[ \\frac{\\pi^2}{8}, \\frac{5 \\pi^2}{4} \\right]', '[\\pi^2/8, 5\\pi^2/4]', true],
  ['\\{1\\pm\\sqrt{5},-2\\}', '-2, 1+\\sqrt5, 1-\\sqrt5', true],
  ['1 \\pm \\sqrt{19}', '1-\\sqrt{19}, 1+\\sqrt{19}', true],
  ['3 \\pm 2 \\sqrt{2}', '3+2\\sqrt2, 3-2\\sqrt2', true],
  [col('-2', '-14', '-7'), col('-2', '-14', '-7').replace(/pmatrix/g, 'bmatrix'), true],
  [col('1/5', '-18/5'), col('0.2', '-3.6'), true],
  [col('16/49', '48/49', '24/49'), col('\\frac{16}{49}', '\\frac{48}{49}', '\\frac{24}{49}'), true],
  [
    '\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    '\\begin{bmatrix} -1 & 0 \\\\ 0 & -1 \\end{bmatrix}',
    true,
  ],
  // negatives
  ['(6,31,-1)', '(6,-1,31)', false],
  ['(8,-2)', '(-2,8)', false],
  ['(1,-16,-4,43)', '(1,-16,-4)', false],
  ['\\{1, 2\\}', '\\{1, 2, 3\\}', false],
  ['\\{(2,2),(6,2)\\}', '\\{(2, 2), (2, 6)\\}', false],
  ['3, 5, 7', '3, 5', false],
  ['3, 5, 7', '3, 5, 5, 7', false],
  ['(0, 9)', '[0, 9)', false],
  ['(3,4]', '(3,4)', false],
  ['(3,4]', '[3,4]', false],
  ['(-\\infty, 0]', '(-\\infty, 0)', false],
  ['(0,9) \\cup (9,36)', '(0,36)', false],
  ['(0,9) \\cup (9,36)', '(0,9] \\cup (9,36)', false],
  ['1 \\pm \\sqrt{19}', '1 + \\sqrt{19}', false],
  ['\\{1\\pm\\sqrt{5},-2\\}', '\\{1\\pm\\sqrt{5},2\\}', false],
  [col('-2', '-14', '-7'), col('-2', '-14', '7'), false],
  [col('-2', '-14', '-7'), col('-2', '-14'), false],
  [
    '\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    '\\begin{pmatrix} -1 & 0 & 0 & -1 \\end{pmatrix}',
    false,
  ],
  [col('1/3', '2/3'), col('0.333', '0.667'), false],
];

describe('verifyAnswer: structures', () => verifyTable('structures', STRUCTURES));
