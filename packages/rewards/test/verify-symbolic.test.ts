// verifyAnswer on symbolic identities: equal at seeded sample points within a tolerance
// (`\tan^2 y + 1` ≡ `\sec^2 y`), different when they are not (`\frac{1+\sqrt5}{2}` ≠ `2`).
import { describe } from 'vitest';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const SYMBOLIC: VerifyCase[] = [
  ['\\sec^2 y', '\\tan^2 y + 1', true],
  ['1', '\\sin^2 x + \\cos^2 x', true],
  ['\\sin 2x', '2\\sin x \\cos x', true],
  ['\\cos 2\\theta', '1 - 2\\sin^2\\theta', true],
  ['\\cot x', '\\frac{\\cos x}{\\sin x}', true],
  ['\\sin^{-1} x', '\\arcsin x', true],
  ['p - q', '-(q - p)', true],
  ['6r^2-4r-24', '2(3r^2-2r-12)', true],
  ['x^5 - x^4 + x^3 - x^2 + x - 1', '(x-1)(x^4+x^2+1)', true],
  ['x^8 + x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + x + 1', '\\frac{x^9-1}{x-1}', true],
  ['(a+5)(b+2)', 'ab + 2a + 5b + 10', true],
  ['15x - 80', '5(3x - 16)', true],
  ['8n^2 + 4n + 1', '(2n+1)^2 + 4n^2', true],
  ['\\frac{11+9a}{20}', '\\frac{11}{20} + \\frac{9a}{20}', true],
  ['\\frac{1+\\sqrt5}{2}', '\\frac{2}{\\sqrt5 - 1}', true],
  ['\\frac{\\sqrt{21}}{5}', '\\sqrt{\\frac{21}{25}}', true],
  ['2\\ln x', '\\ln(x^2)', true],
  ['|x - 1|', '|1 - x|', true],
  ['e^{i\\pi}', '-1', true],
  ['3', '\\log_2 8', true],
  ['\\frac{20000}{\\pi}', '20000\\pi^{-1}', true],
  // negatives
  ['\\frac{1+\\sqrt5}{2}', '2', false],
  ['\\sec^2 y', '\\tan^2 y', false],
  ['\\sec^2 y', '\\sec y', false],
  ['1', '\\sin^2 x - \\cos^2 x', false],
  ['\\sin 2x', '2\\sin x', false],
  ['\\cot x', '\\tan x', false],
  ['p - q', 'q - p', false],
  ['6r^2-4r-24', '6r^2-4r+24', false],
  ['(a+5)(b+2)', '(a+2)(b+5)', false],
  ['x^3+3x-6', 'x^3+3x+6', false],
  ['2k+2', '2k', false],
  ['\\frac{11+9a}{20}', '\\frac{11+9b}{20}', false],
  ['x^8 + x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + x + 1', '\\frac{x^8-1}{x-1}', false],
  ['\\sqrt{x}', 'x^{1/3}', false],
  ['\\pi r^2', '2\\pi r', false],
  ['e^x', 'x^e', false],
  ['-13x+3', '13x-3', false],
];

describe('verifyAnswer: symbolic identities', () => verifyTable('symbolic', SYMBOLIC));
