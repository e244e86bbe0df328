/**
 * Answer extraction from a model completion (or from a gold answer written as LaTeX). Every scan
 * is linear (indexOf / one-pass scanners / non-nested regexes), so 1 MB completions and thousands
 * of unbalanced braces cost milliseconds, never a hang.
 */
import { lastBoxedGroup } from './boxed-answer.ts';
import { lastMathSpans } from './latex-math-spans.ts';
import { readsAsAnswer } from './reads-as-answer.ts';

export { lastBoxed, lastBoxedGroup } from './boxed-answer.ts';
export { bracedContent } from './braced-content.ts';

/**
 * Where an answer was found: `<answer>` tag, `\boxed{}`, GSM8K `#### …`, an "answer is" phrase,
 * the last LaTeX math span (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), the whole text when it reads as a
 * bare answer, or the last number.
 */
export type AnswerSource = 'tag' | 'boxed' | 'gsm8k' | 'phrase' | 'latex' | 'whole' | 'last-number';

/** `strict`: {@link STRICT_SOURCES}; `lenient`: {@link LENIENT_SOURCES}. */
export type ExtractMode = 'strict' | 'lenient';

/**
 * Which answer wins when several sources find one: `priority` (default) takes the first source in
 * the list that finds an answer; `last` takes the one that ends latest in the text. The fallbacks
 * (`whole`, `last-number`) are only tried when no other source found anything.
 */
export type AnswerPick = 'priority' | 'last';

export type ExtractOptions = {
  mode?: ExtractMode;
  /** Sources tried, in priority order (overrides `mode`). */
  sources?: readonly AnswerSource[];
  pick?: AnswerPick;
};

export type LocatedAnswer = { answer: string; source: AnswerSource };

/** The sources of the strict accuracy reward: the last `<answer>` tag, else the last `\boxed{}`. */
export const STRICT_SOURCES: readonly AnswerSource[] = ['tag', 'boxed'];
/** Every source, in the order the lenient mode tries them. */
export const LENIENT_SOURCES: readonly AnswerSource[] = [
  'tag',
  'boxed',
  'gsm8k',
  'phrase',
  'latex',
  'whole',
  'last-number',
];
const FALLBACKS: ReadonlySet<AnswerSource> = new Set(['whole', 'last-number']);

/** A whole text longer than this is a completion, not a bare answer. */
const MAX_WHOLE_CHARS = 1000;

type Found = { answer: string; end: number };

/** Refine an `<answer>` tag's content: its boxes, else itself when bare, else its phrase or math. */
function innerAnswer(content: string): string {
  const boxed = lastBoxedGroup(content);
  if (boxed !== null) return boxed.answer;
  if (readsAsAnswer(content)) return content;
  return phraseAnswer(content)?.answer ?? latexAnswer(content)?.answer ?? content;
}

function tagAnswer(text: string): Found | null {
  const close = text.lastIndexOf('</answer>');
  if (close < 0) return null;
  const open = text.lastIndexOf('<answer>', close);
  if (open < 0) return null;
  return { answer: innerAnswer(text.slice(open + '<answer>'.length, close).trim()), end: close };
}

function gsm8kAnswer(text: string): Found | null {
  const at = text.lastIndexOf('####');
  if (at < 0) return null;
  const line = text.slice(at + 4).split('\n', 1)[0]!;
  const answer = line.trim();
  return answer.length > 0 ? { answer, end: at + 4 + line.length } : null;
}

const PHRASE_MARKERS = ['answer is', 'answer:'];

/** "…the final answer is $34$. I hope…" → `34`; "the answer is 3.5. Done" → `3.5`. */
function phraseAnswer(text: string): Found | null {
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
  const window = text.slice(best + bestLen, best + bestLen + 500);
  const lead = /^[\s:*]*/.exec(window)![0].length;
  const line = window.slice(lead).split('\n', 1)[0]!;
  const at = best + bestLen + lead;
  const boxed = lastBoxedGroup(line);
  if (boxed !== null) return { answer: boxed.answer, end: at + boxed.end };
  // A math span right after the phrase is the answer whole, periods and all.
  const spans = lastMathSpans(line);
  const first = spans[spans.length - 1];
  if (first !== undefined && first.start === 0)
    return { answer: first.content, end: at + first.end };
  // Otherwise the sentence ends at a period not followed by a digit (keeps decimals like 3.5).
  const stop = line.search(/\.(?!\d)/);
  let sentence = (stop >= 0 ? line.slice(0, stop) : line).trim();
  const inner = lastMathSpans(sentence);
  if (inner.length > 0) sentence = inner[inner.length - 1]!.content;
  return sentence.length > 0
    ? { answer: sentence, end: at + (stop >= 0 ? stop : line.length) }
    : null;
}

/** The last math span that reads as an answer (a `$5 and $3` currency pair does not). */
function latexAnswer(text: string): Found | null {
  for (const span of lastMathSpans(text)) {
    if (readsAsAnswer(span.content)) return { answer: span.content, end: span.end };
  }
  return null;
}

function wholeAnswer(text: string): Found | null {
  const answer = text.trim();
  if (answer.length === 0 || answer.length > MAX_WHOLE_CHARS || !readsAsAnswer(answer)) return null;
  return { answer, end: text.length };
}

// No nested quantifiers: linear on any input. A LaTeX fraction counts whole, so the last number
// of `so it is \frac{14}{3}` is `\frac{14}{3}`, not `3`.
const NUMBER_RE =
  /-?(?:\\[dt]?frac\{\d+(?:\.\d+)?\}\{\d+(?:\.\d+)?\}|\\[dt]?frac\d\d|\d+(?:,\d{3})*(?:\.\d+)?(?:\/\d+)?)/g;

function lastNumber(text: string): Found | null {
  let last: Found | null = null;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m !== null; m = NUMBER_RE.exec(text)) {
    last = { answer: m[0], end: m.index + m[0].length };
  }
  return last;
}

const LOCATORS: Record<AnswerSource, (text: string) => Found | null> = {
  tag: tagAnswer,
  boxed: lastBoxedGroup,
  gsm8k: gsm8kAnswer,
  phrase: phraseAnswer,
  latex: latexAnswer,
  whole: wholeAnswer,
  'last-number': lastNumber,
};

/**
 * Find the answer in a completion and say where it was found. `strict` (default): the last
 * `<answer>…</answer>` (its own `\boxed{}` or phrase inside it when it has one), else the last
 * balanced `\boxed{…}` / `\fbox{…}` (with the boxes just before it that form one answer with it).
 * `lenient` then tries `#### …` (GSM8K), "the answer is …", the last LaTeX math span, the whole
 * text when it reads as a bare answer, and the last number. `sources` and `pick` override both.
 *
 * @example
 * locateAnswer('<think>2+2</think><answer>4</answer>'); // { answer: '4', source: 'tag' }
 * locateAnswer('so it is 12 apples', { mode: 'lenient' }); // { answer: '12', source: 'last-number' }
 * locateAnswer('The final answer is $\\frac{14}{3}$.', { mode: 'lenient' }); // { answer: '\\frac{14}{3}', source: 'phrase' }
 */
export function locateAnswer(
  completion: string,
  options: ExtractOptions = {},
): LocatedAnswer | null {
  if (typeof completion !== 'string' || completion.length === 0) return null;
  const sources =
    options.sources ?? (options.mode === 'lenient' ? LENIENT_SOURCES : STRICT_SOURCES);
  let best: (Found & { source: AnswerSource }) | null = null;
  for (const source of sources) {
    if (options.pick === 'last' && FALLBACKS.has(source)) continue;
    const found = LOCATORS[source]?.(completion) ?? null;
    if (found === null) continue;
    if (options.pick !== 'last') return { answer: found.answer, source };
    if (best === null || found.end > best.end) best = { ...found, source };
  }
  if (best !== null) return { answer: best.answer, source: best.source };
  if (options.pick !== 'last') return null;
  for (const source of sources) {
    if (!FALLBACKS.has(source)) continue;
    const found = LOCATORS[source]?.(completion) ?? null;
    if (found !== null) return { answer: found.answer, source };
  }
  return null;
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
