/**
 * Answer extraction from a model completion. Every scan is linear (indexOf / non-nested regexes),
 * so 1 MB completions and thousands of unbalanced braces cost milliseconds, never a hang.
 */

/** Where an answer was found, for logging. */
export type AnswerSource = 'tag' | 'boxed' | 'gsm8k' | 'phrase' | 'last-number';

/** `strict`: `<answer>` tag, else `\boxed{}`/`\fbox{}`. `lenient` adds "the answer is …", `#### …`, the last number. */
export type ExtractMode = 'strict' | 'lenient';

export type ExtractOptions = { mode?: ExtractMode };

export type LocatedAnswer = { answer: string; source: AnswerSource };

/** Longest stretch scanned for a closing brace; beyond it a `\boxed{` counts as unbalanced. */
const MAX_BOXED_SCAN = 20_000;
/** How many `\boxed` occurrences (from the last) are tried before giving up. */
const MAX_BOXED_TRIES = 8;

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
  const end = Math.min(text.length, open + MAX_BOXED_SCAN);
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

function lastTagContent(text: string): string | null {
  const close = text.lastIndexOf('</answer>');
  if (close < 0) return null;
  const open = text.lastIndexOf('<answer>', close);
  if (open < 0) return null;
  return text.slice(open + '<answer>'.length, close).trim();
}

function boxedAt(text: string, at: number, command: string): string | null {
  let i = at + command.length;
  while (text[i] === ' ') i++;
  if (text[i] === '{') return bracedContent(text, i);
  // `\boxed 5`: the argument is the next whitespace-free run.
  let j = i;
  while (j < text.length && j - i < 200 && !/[\s$]/.test(text[j]!)) j++;
  return j > i && i > at + command.length ? text.slice(i, j) : null;
}

/**
 * The content of the last balanced `\boxed{…}` or `\fbox{…}` in `text`, or null.
 *
 * @example
 * lastBoxed('so \\boxed{\\frac{1}{2}}.'); // '\\frac{1}{2}'
 */
export function lastBoxed(text: string): string | null {
  const hits: number[] = [];
  for (const command of ['\\boxed', '\\fbox']) {
    let at = text.length;
    for (let k = 0; k < MAX_BOXED_TRIES; k++) {
      at = text.lastIndexOf(command, at - 1);
      if (at < 0) break;
      hits.push(at);
    }
  }
  hits.sort((a, b) => b - a);
  for (const at of hits.slice(0, MAX_BOXED_TRIES)) {
    const command = text.startsWith('\\boxed', at) ? '\\boxed' : '\\fbox';
    const content = boxedAt(text, at, command);
    if (content !== null) return content.trim();
  }
  return null;
}

function gsm8kAnswer(text: string): string | null {
  const at = text.lastIndexOf('####');
  if (at < 0) return null;
  const line = text
    .slice(at + 4)
    .split('\n', 1)[0]!
    .trim();
  return line.length > 0 ? line : null;
}

const PHRASE_MARKERS = ['the answer is', 'final answer is', 'answer is:', 'answer:'];

function phraseAnswer(text: string): string | null {
  const lower = text.toLowerCase();
  let best = -1;
  let bestLen = 0;
  for (const marker of PHRASE_MARKERS) {
    const at = lower.lastIndexOf(marker);
    if (at > best) {
      best = at;
      bestLen = marker.length;
    }
  }
  if (best < 0) return null;
  let rest = text.slice(best + bestLen, best + bestLen + 500).split('\n', 1)[0]!;
  rest = rest.replace(/^[\s:]+/, '');
  // A sentence ends at a period not followed by a digit (keeps decimals like 3.5).
  const stop = rest.search(/\.(?!\d)/);
  if (stop >= 0) rest = rest.slice(0, stop);
  rest = rest.trim();
  const boxed = lastBoxed(rest);
  if (boxed !== null) return boxed;
  return rest.length > 0 ? rest : null;
}

// No nested quantifiers: linear on any input.
const NUMBER_RE = /-?\d+(?:,\d{3})*(?:\.\d+)?(?:\/\d+)?/g;

function lastNumber(text: string): string | null {
  let last: string | null = null;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m !== null; m = NUMBER_RE.exec(text)) last = m[0];
  return last;
}

/**
 * Find the answer in a completion and say where it was found: the last `<answer>…</answer>`;
 * else the last balanced `\boxed{…}` / `\fbox{…}`; else, in `lenient` mode, `#### …` (GSM8K),
 * "the answer is …", or the last number.
 *
 * @example
 * locateAnswer('<think>2+2</think><answer>4</answer>'); // { answer: '4', source: 'tag' }
 * locateAnswer('so it is 12 apples', { mode: 'lenient' }); // { answer: '12', source: 'last-number' }
 */
export function locateAnswer(
  completion: string,
  options: ExtractOptions = {},
): LocatedAnswer | null {
  if (typeof completion !== 'string' || completion.length === 0) return null;
  const tag = lastTagContent(completion);
  if (tag !== null) {
    const inner = lastBoxed(tag);
    return { answer: inner ?? tag, source: 'tag' };
  }
  const boxed = lastBoxed(completion);
  if (boxed !== null) return { answer: boxed, source: 'boxed' };
  if (options.mode !== 'lenient') return null;
  const gsm = gsm8kAnswer(completion);
  if (gsm !== null) return { answer: gsm, source: 'gsm8k' };
  const phrase = phraseAnswer(completion);
  if (phrase !== null) return { answer: phrase, source: 'phrase' };
  const num = lastNumber(completion);
  return num === null ? null : { answer: num, source: 'last-number' };
}

/**
 * The answer string of a completion, or null (see {@link locateAnswer} for where it looks).
 * Mode defaults to `strict`.
 *
 * @example
 * extractAnswer('The result is \\boxed{42}.'); // '42'
 * extractAnswer('#### 1,200', { mode: 'lenient' }); // '1,200'
 */
export function extractAnswer(completion: string, options: ExtractOptions = {}): string | null {
  return locateAnswer(completion, options)?.answer ?? null;
}
