/**
 * LaTeX math delimiters in a completion: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`. One left-to-right pass
 * (no regex, no backtracking), so a megabyte of `$` signs costs one scan.
 */

/** A closed math span: `content` is the text between the delimiters, `end` the index after the closing one. */
export type MathSpan = { content: string; start: number; end: number };

type Delimiter = '$' | '$$' | '\\(' | '\\[';

/**
 * The last `max` closed, non-empty math spans of `text`, latest first. An escaped `\$` is a
 * dollar sign, not a delimiter; `\\` (a matrix row break) is skipped whole, so `\\[2pt]` opens
 * nothing; inside one kind of span the other delimiters are plain text.
 *
 * @example
 * lastMathSpans('so $x = 1$ and \\(\\frac{14}{3}\\)').map((s) => s.content); // ['\\frac{14}{3}', 'x = 1']
 */
export function lastMathSpans(text: string, max = 8): MathSpan[] {
  const spans: MathSpan[] = [];
  let open: Delimiter | null = null;
  let start = 0;
  let contentStart = 0;
  const close = (contentEnd: number, end: number) => {
    const content = text.slice(contentStart, contentEnd).trim();
    if (content !== '') {
      spans.push({ content, start, end });
      if (spans.length > max) spans.shift();
    }
    open = null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (open === null && (next === '(' || next === '[')) {
        open = next === '(' ? '\\(' : '\\[';
        start = i;
        contentStart = i + 2;
      } else if ((open === '\\(' && next === ')') || (open === '\\[' && next === ']')) {
        close(i, i + 2);
      }
      i++;
    } else if (ch === '$') {
      const double = text[i + 1] === '$';
      if (open === null) {
        open = double ? '$$' : '$';
        start = i;
        contentStart = i + (double ? 2 : 1);
        if (double) i++;
      } else if (open === '$$' && double) {
        close(i, i + 2);
        i++;
      } else if (open === '$') {
        close(i, i + 1);
      }
    }
  }
  return spans.reverse();
}
