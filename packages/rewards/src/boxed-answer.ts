/**
 * `\boxed{…}` / `\fbox{…}` answers: the last balanced one, or the last run of boxes that together
 * form one answer (`\boxed{(2, 2)} \text{and} \boxed{(6, 2)}`). Only the last
 * {@link MAX_BOXED_TRIES} occurrences are looked at, each found by `lastIndexOf`, so a flood of
 * `\boxed{` costs a bounded number of brace scans.
 */
import { bracedContent } from './braced-content.ts';

/** How many `\boxed` occurrences (from the last) are tried before giving up. */
const MAX_BOXED_TRIES = 8;

type BoxedSpan = { content: string; start: number; end: number };

/**
 * What may stand between boxes that form one answer: spaces, commas, `$`, "and", `\quad`. Not
 * "or": `\boxed{15\frac{39}{40}}, or \boxed{\frac{639}{40}}` gives one answer in two forms.
 */
const CONNECTOR_RE =
  /^(?:\s|[,;&$]|\\[,;:! ]|\\q?quad|\\\(|\\\)|\\\[|\\\]|\band\b|\\(?:text|textrm|mbox)\s*\{\s*(?:and|,)?\s*\})*$/;
const MAX_CONNECTOR_CHARS = 60;

function boxedAt(text: string, at: number, command: string): BoxedSpan | null {
  let i = at + command.length;
  while (text[i] === ' ') i++;
  if (text[i] === '{') {
    const content = bracedContent(text, i);
    return content === null ? null : { content, start: at, end: i + content.length + 2 };
  }
  // `\boxed 5`: the argument is the next whitespace-free run.
  let j = i;
  while (j < text.length && j - i < 200 && !/[\s$]/.test(text[j]!)) j++;
  return j > i && i > at + command.length ? { content: text.slice(i, j), start: at, end: j } : null;
}

/** The last balanced boxes of `text`, latest first (a box inside another comes before it). */
function lastBoxedSpans(text: string): BoxedSpan[] {
  const hits: number[] = [];
  for (const command of ['\\boxed', '\\fbox']) {
    let at = text.length;
    for (let k = 0; k < MAX_BOXED_TRIES && at > 0; k++) {
      at = text.lastIndexOf(command, at - 1);
      if (at < 0) break;
      hits.push(at);
    }
  }
  hits.sort((a, b) => b - a);
  const spans: BoxedSpan[] = [];
  for (const at of hits.slice(0, MAX_BOXED_TRIES)) {
    const span = boxedAt(text, at, text.startsWith('\\boxed', at) ? '\\boxed' : '\\fbox');
    if (span !== null) spans.push({ ...span, content: span.content.trim() });
  }
  return spans;
}

/**
 * The content of the last balanced `\boxed{…}` or `\fbox{…}` in `text`, or null.
 *
 * @example
 * lastBoxed('so \\boxed{\\frac{1}{2}}.'); // '\\frac{1}{2}'
 */
export function lastBoxed(text: string): string | null {
  return lastBoxedSpans(text)[0]?.content ?? null;
}

/**
 * The last boxed answer, joined with the boxes just before it when only connectors separate them
 * (`\boxed{2} and \boxed{3}` → `2, 3`; a repeated box counts once), with the index it ends at.
 *
 * @example
 * lastBoxedGroup('\\boxed{(2, 2)} \\text{and} \\boxed{(6, 2)}')?.answer; // '(2, 2), (6, 2)'
 * lastBoxedGroup('\\boxed{1} then \\boxed{2}')?.answer; // '2'
 */
export function lastBoxedGroup(text: string): { answer: string; end: number } | null {
  const spans = lastBoxedSpans(text);
  const last = spans[0];
  if (last === undefined) return null;
  const group = [last];
  for (const span of spans.slice(1)) {
    const first = group[0]!;
    if (span.end > first.start) break;
    const between = text.slice(span.end, first.start);
    if (between.length > MAX_CONNECTOR_CHARS || !CONNECTOR_RE.test(between)) break;
    group.unshift(span);
  }
  const contents = [...new Set(group.map((s) => s.content))].filter((c) => c !== '');
  if (contents.length === 0) return null;
  return { answer: contents.join(', '), end: last.end };
}
