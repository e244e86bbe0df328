// verifyAnswer on numbers: thousands separators, decimal comma, percent, scientific notation,
// LaTeX spacing, degrees, currency. Golds are MATH-500 / AIME 2024 answers where one fits.
import { describe } from 'vitest';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const NUMBERS: VerifyCase[] = [
  // thousands separators and LaTeX spacing
  ['58,500', '58500', true],
  ['58,500', '\\boxed{58{,}500}', true],
  ['10,\\!080', '10080', true],
  ['10,\\!080', '10\\,080', true],
  ['11,\\! 111,\\! 111,\\! 100', '11111111100', true],
  ['10455', '10,455', true],
  ['10455', '10\\;455', true],
  // decimal comma where no grouping could be meant
  ['1000.99', '1000,99', true],
  ['1234.5', '1.234,5', true],
  // scientific notation
  ['.0000672', '6.72 \\times 10^{-5}', true],
  ['.0000672', '6.72e-5', true],
  ['326.5', '3.265 \\cdot 10^2', true],
  // currency, leading zeros, trailing zeros, decimals
  ['\\$32,\\!348', '32348 dollars', true],
  ['\\$18.90', '$18.9', true],
  ['025', '25', true],
  ['073', 'so the answer is \\boxed{73}', true],
  ['0.15', '.15', true],
  ['1.25', '1.250', true],
  ['4.5', '4\\frac{1}{2}', true],
  // percent (equal to the number itself; to the fraction only under an option)
  ['50', '50\\%', true],
  ['50\\%', '50 percent', true],
  // degrees
  ['90^\\circ', '90', true],
  ['55^\\circ', '55°', true],
  ['30^\\circ', '30 degrees', true],
  ['120^\\circ', '120^{\\circ}', true],
  // negatives
  ['58,500', '58,501', false],
  ['58,500', '5850', false],
  ['10,\\!080', '10,800', false],
  ['11,\\! 111,\\! 111,\\! 100', '11111111101', false],
  ['1000.99', '1000.9', false],
  ['1000,99', '100099', false],
  ['.0000672', '6.72 \\times 10^{-4}', false],
  ['326.5', '3.265 \\cdot 10^3', false],
  ['\\$18.90', '$19.80', false],
  ['025', '52', false],
  ['073', '\\boxed{37}', false],
  ['0.5', '50\\%', false],
  ['90^\\circ', '91^\\circ', false],
  ['3.21', '3.2', false],
  ['4.5', '45', false],
  ['1.25', '-1.25', false],
  ['0.15', '0.015', false],
];

describe('verifyAnswer: numbers', () => verifyTable('numbers', NUMBERS));
