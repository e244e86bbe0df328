// verifyAnswer's extraction: LaTeX math ($…$, $$…$$, \(…\), \[…\]; the last one wins), "the final
// answer is" phrases, several \boxed{} forming one answer, <answer> tags, GSM8K ####, and never
// cutting a LaTeX expression down to its last number.
import { describe, expect, it } from 'vitest';
import { extractAnswer, locateAnswer, parseAnswer } from '../src/index.ts';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const EXTRACTION: VerifyCase[] = [
  ['34', 'Final Answer: The final answer is $34$. I hope it is correct.', true],
  [
    '\\frac{14}{3}',
    'Final Answer: The final answer is $\\frac{14}{3}$. I hope it is correct.',
    true,
  ],
  ['$\\frac{14}{3}$', 'so the result is $\\frac{14}{3}$', true],
  ['\\frac{14}{3}', 'Hence \\(x = \\frac{14}{3}\\).', true],
  ['\\frac{14}{3}', 'We conclude\n\\[ \\frac{14}{3} \\]', true],
  ['\\frac{14}{3}', 'so it is \\frac{14}{3}', true],
  ['5', 'First $x = 3$, then $$y = 5$$', true],
  ['\\{(2,2),(6,2)\\}', 'The pairs are \\boxed{(2, 2)} \\text{and} \\boxed{(6, 2)}.', true],
  ['2, 3', 'so $\\boxed{2}$ and $\\boxed{3}$', true],
  ['\\frac{1}{2}', '\\boxed{1} then \\boxed{\\frac{1}{2}}', true],
  [
    '\\frac{639}{40}',
    '$d = \\boxed{15\\frac{39}{40}},$ or $\\boxed{\\frac{639}{40}}$ inches.',
    true,
  ],
  ['7', '<think>maybe \\boxed{5}</think><answer>7</answer>', true],
  ['5', '<answer>The answer is $5$.</answer>', true],
  ['18', 'She pays $5 and gets $3 back.\n#### 18', true],
  ['2', 'She had $5 and spent $3, so she has 2 left.', true],
  ['-12', '3 apples and -12 pears', true],
  ['x+1', 'x+1', true],
  ['\\text{Evelyn}', 'Evelyn', true],
  ['025', 'The answer is: 025', true],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '$$\\left( 3, \\frac{\\pi}{2} \\right)$$', true],
  // negatives
  ['3', 'so the result is $\\frac{14}{3}$', false],
  ['3', 'so it is \\frac{14}{3}', false],
  ['14', 'Hence \\(x = \\frac{14}{3}\\).', false],
  ['3', 'First $x = 3$, then $$y = 5$$', false],
  ['(6, 2)', 'The pairs are \\boxed{(2, 2)} \\text{and} \\boxed{(6, 2)}.', false],
  ['1', '\\boxed{1} then \\boxed{\\frac{1}{2}}', false],
  ['5', '<think>maybe \\boxed{5}</think><answer>7</answer>', false],
  ['5', 'She pays $5 and gets $3 back.\n#### 18', false],
  ['5', 'She had $5 and spent $3, so she has 2 left.', false],
  ['1', 'x+1', false],
  ['34', 'Final Answer: The final answer is $43$. I hope it is correct.', false],
  ['5', '', false],
  ['5', 'no digits here', false],
  ['5', '\\boxed{}', false],
  ['\\frac{14}{3}', 'The answer is $\\frac{14}{5}$.', false],
  ['2', 'so $\\boxed{2}$ and $\\boxed{3}$', false],
];

describe('verifyAnswer: extraction', () => {
  verifyTable('extraction', EXTRACTION);

  it('reports where each answer was found, and the gold parsed the same way', () => {
    expect(parseAnswer('Final Answer: The final answer is $34$. I hope it is correct.')).toEqual({
      text: '34',
      source: 'phrase',
      normalized: '34',
      structure: { kind: 'scalar', text: '34' },
    });
    expect(parseAnswer('so the result is $\\frac{14}{3}$')?.source).toBe('latex');
    expect(parseAnswer('\\boxed{(2, 2)} \\text{and} \\boxed{(6, 2)}')?.text).toBe('(2, 2), (6, 2)');
    expect(parseAnswer('so it is \\frac{14}{3}')).toMatchObject({
      source: 'last-number',
      text: '\\frac{14}{3}',
    });
    expect(parseAnswer('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}')?.structure.kind).toBe('matrix');
  });

  it('strict extraction (the accuracy reward) still looks only at tags and boxes', () => {
    expect(extractAnswer('The final answer is $34$.')).toBeNull();
    expect(extractAnswer('\\boxed{2} and \\boxed{3}')).toBe('2, 3');
    expect(locateAnswer('$x$ and then $$\\frac{14}{3}$$', { mode: 'lenient' })).toEqual({
      answer: '\\frac{14}{3}',
      source: 'latex',
    });
  });
});
