/**
 * LaTeX answer normalization: strips the wrappers that do not change an answer's value
 * (`$…$`, `\(…\)`, `\text{}`, `\left`/`\right`, thin spaces, degree signs…). Modeled on the
 * normalizers of Hendrycks' MATH grader and Hugging Face's Math-Verify.
 */
import { bracedContent } from './braced-content.ts';

/** Commands whose braced argument is kept and the command dropped. */
const UNWRAP_COMMANDS = [
  '\\boxed',
  '\\fbox',
  '\\text',
  '\\textnormal',
  '\\textsf',
  '\\textbf',
  '\\textit',
  '\\textrm',
  '\\texttt',
  '\\mathrm',
  '\\mathbf',
  '\\mathit',
  '\\mathsf',
  '\\mathnormal',
  '\\operatorname',
  '\\mbox',
  '\\hbox',
];

/** Spacing and sizing commands that carry no value. */
const DROP_TOKENS = [
  '\\displaystyle',
  '\\textstyle',
  '\\left',
  '\\right',
  '\\bigl',
  '\\bigr',
  '\\Bigl',
  '\\Bigr',
  '\\big',
  '\\Big',
  '\\!',
  '\\,',
  '\\;',
  '\\:',
  '\\quad',
  '\\qquad',
  '\\ ',
];

const ROW_BREAK = '\uE000';

/** Replace `\cmd{X}` by `X` for each command in `commands` (brace-balanced, `\cmd X` left alone). */
export function unwrapCommands(text: string, commands: readonly string[]): string {
  for (const command of commands) {
    let from = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const at = text.indexOf(command, from);
      if (at < 0) break;
      let open = at + command.length;
      // `\text` must not match `\textbf`: the next char must be a brace or a space.
      while (text[open] === ' ') open++;
      const inner = text[open] === '{' ? bracedContent(text, open) : null;
      if (inner === null) {
        from = at + command.length;
        continue;
      }
      text = text.slice(0, at) + inner + text.slice(open + inner.length + 2);
      from = at;
    }
  }
  return text;
}

function replaceAll(text: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  // `includes` first: most answers contain few of these, and a miss costs one scan, not a split.
  for (const [from, to] of pairs) if (text.includes(from)) text = text.split(from).join(to);
  return text;
}

/**
 * Normalize a LaTeX or plain answer for comparison. Does not lowercase and keeps spaces
 * between tokens (they separate mixed numbers like `2 1/2`).
 *
 * @example
 * normalizeAnswer('$\\left( 3, \\dfrac{\\pi}{2} \\right)$'); // '( 3, \\frac{\\pi}{2} )'
 * normalizeAnswer('90^\\circ'); // '90'
 */
export function normalizeAnswer(answer: string): string {
  let s = answer.trim();
  s = replaceAll(s, [
    ['\\dfrac', '\\frac'],
    ['\\tfrac', '\\frac'],
    ['\\cfrac', '\\frac'],
    ['\\%', '%'],
    // `10{,}455`: LaTeX's way to write a thousands separator without a space after it.
    ['{,}', ','],
    ['\\$', ''],
    ['\\(', ''],
    ['\\)', ''],
    ['\\[', ''],
    ['\\]', ''],
    ['$', ''],
    ['^{\\circ}', ''],
    ['^\\circ', ''],
    ['\\circ', ''],
    ['\\degree', ''],
    ['°', ''],
    ['−', '-'],
    ['–', '-'],
    ['×', '\\times'],
    ['÷', '\\div'],
    ['\\le ', '\\leq '],
    ['\\ge ', '\\geq '],
  ]);
  if (s.includes('\\')) s = unwrapCommands(s, UNWRAP_COMMANDS);
  // Protect matrix row breaks `\\` from the `\ ` (space) token.
  s = s.split('\\\\').join(ROW_BREAK);
  for (const token of DROP_TOKENS)
    if (s.includes(token)) s = s.split(token).join(token === '\\ ' ? ' ' : '');
  s = s.split(ROW_BREAK).join('\\\\');
  s = s.replace(/~/g, ' ');
  // A trailing sentence period or comma is punctuation, not part of the answer.
  s = s.replace(/[.,;]+\s*$/, '');
  return s.replace(/\s+/g, ' ').trim();
}

/** Words that are mathematics, never units, so `5 pi` is not `5`. */
const MATH_WORDS = new Set([
  'pi',
  'sqrt',
  'sin',
  'cos',
  'tan',
  'log',
  'ln',
  'exp',
  'inf',
  'infty',
  'infinity',
  'i',
  'e',
]);

/**
 * Strip units and currency from an answer whose gold has none: `18 dollars`, `864 inches^2`,
 * `5.4 cents`, `USD 20`, `€5`. Single letters (variables) and math words are kept.
 *
 * @example
 * stripUnits('864 inches^2'); // '864'
 * stripUnits('5x'); // '5x'
 */
export function stripUnits(answer: string): string {
  let s = answer.replace(/[€£¥]/g, '').trim();
  s = s.replace(/^(?:usd|eur|rs\.?)\s*/i, '');
  // Trailing run of unit words (each ≥ 2 letters, optional ^2/^3, "per"), e.g. "square feet".
  // A compound unit after a number: `10 m/s`, `60 km/h`.
  s = s.replace(/(\d)\s+[A-Za-z]{1,5}\/[A-Za-z]{1,5}$/, '$1');
  for (let guard = 0; guard < 6; guard++) {
    const m = /([A-Za-z]{2,})\.?(?:\^\{?[23]\}?)?\s*$/.exec(s);
    if (!m || (m.index > 0 && /[A-Za-z\\_^]/.test(s[m.index - 1]!))) break;
    if (MATH_WORDS.has(m[1]!.toLowerCase())) break;
    s = s.slice(0, m.index).trim();
    s = s.replace(/\s*(?:per|\/)\s*$/i, '').trim();
  }
  return s;
}
