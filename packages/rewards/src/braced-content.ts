/** Brace matching for LaTeX arguments, bounded so a flood of unbalanced braces stays linear. */

/** Longest stretch scanned for a closing brace; beyond it a `{` counts as unbalanced. */
const MAX_BRACED_SCAN = 20_000;

/**
 * The content of the braces opening at `open` (which must be `{`), or null when unbalanced.
 * `\{` and `\}` are literal braces (LaTeX sets) and do not count.
 *
 * @example
 * bracedContent('\\frac{a{b}}{c}', 5); // 'a{b}'
 */
export function bracedContent(text: string, open: number): string | null {
  if (text[open] !== '{') return null;
  let depth = 0;
  const end = Math.min(text.length, open + MAX_BRACED_SCAN);
  for (let i = open; i < end; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return null;
}
