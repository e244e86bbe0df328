/**
 * `verifyAnswer(gold, prediction)`: the one entry point of math answer checking. Both sides go
 * through the same extraction, normalization and parsing (a gold may be LaTeX such as
 * `$\frac{14}{3}$` or a whole worked solution; a prediction may be a whole completion), then
 * the parsed answers are compared. Never throws; one check has a time budget.
 */
import { type AnswerStructure, answerStructure } from './answer-structure.ts';
import { createContext, type EquivalenceOptions } from './equivalence-options.ts';
import {
  type AnswerPick,
  type AnswerSource,
  LENIENT_SOURCES,
  locateAnswer,
} from './extract-answer.ts';
import { MAX_ANSWER_CHARS } from './is-equivalent.ts';
import { normalizeAnswer } from './normalize-answer.ts';
import { normalizedEquivalent } from './structure-equivalence.ts';

export type VerifyOptions = EquivalenceOptions & {
  /** Where to look for the prediction's answer, in priority order (default: every source). */
  sources?: readonly AnswerSource[];
  /** Which answer wins when several sources find one (default `priority`). */
  pick?: AnswerPick;
};

/** An answer as found and parsed. */
export type ParsedAnswer = {
  /** The answer text as found, before normalization. */
  text: string;
  /** Where it was found (`whole` for a gold that is itself the answer). */
  source: AnswerSource;
  /** The normalized text that is compared. */
  normalized: string;
  structure: AnswerStructure;
};

export type Verification = {
  correct: boolean;
  gold: ParsedAnswer | null;
  prediction: ParsedAnswer | null;
  /** Why the verdict is what it is, for logs. */
  reason: string;
};

/** A gold is an answer, never cut down to its last number: every source but that one. */
const GOLD_SOURCES = LENIENT_SOURCES.filter((s) => s !== 'last-number');

function parsed(text: string, source: AnswerSource): ParsedAnswer | null {
  const answer = text.trim();
  if (answer.length === 0) return null;
  if (answer.length > MAX_ANSWER_CHARS)
    return {
      text: answer,
      source,
      normalized: answer,
      structure: { kind: 'scalar', text: answer },
    };
  const normalized = normalizeAnswer(answer);
  if (normalized.length === 0) return null;
  return { text: answer, source, normalized, structure: answerStructure(normalized) };
}

/**
 * Find and parse the answer in `text` (a completion, or a gold answer), or null when there is none.
 * Without `sources` every source is tried ({@link LENIENT_SOURCES}).
 *
 * @example
 * parseAnswer('Final Answer: The final answer is $34$. I hope it is correct.')?.normalized; // '34'
 * parseAnswer('so \\boxed{(2, 2)} \\text{and} \\boxed{(6, 2)}')?.structure.kind; // 'set'
 */
export function parseAnswer(
  text: string,
  options: { sources?: readonly AnswerSource[]; pick?: AnswerPick } = {},
): ParsedAnswer | null {
  if (typeof text !== 'string') return null;
  try {
    const found = locateAnswer(text, {
      sources: options.sources ?? LENIENT_SOURCES,
      pick: options.pick,
    });
    return found === null ? null : parsed(found.answer, found.source);
  } catch {
    return null;
  }
}

/** Parsed golds: GRPO checks one gold against a whole group of completions. Bounded, cleared when full. */
const GOLD_CACHE = new Map<string, ParsedAnswer | null>();
const GOLD_CACHE_SIZE = 1024;

function parseGold(gold: string, pick: AnswerPick | undefined): ParsedAnswer | null {
  const key = `${pick ?? 'priority'}\u0000${gold}`;
  const cached = GOLD_CACHE.get(key);
  if (cached !== undefined) return cached;
  const result = parseAnswer(gold, { sources: GOLD_SOURCES, pick }) ?? parsed(gold, 'whole');
  if (GOLD_CACHE.size >= GOLD_CACHE_SIZE) GOLD_CACHE.clear();
  // Frozen: the same object is handed to every caller of this gold.
  GOLD_CACHE.set(key, result === null ? null : Object.freeze(result));
  return result;
}

function quote(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

/**
 * Whether `prediction` answers `gold`. Both are parsed the same way ({@link parseAnswer}; a gold
 * in which no source finds anything is the answer as a whole), then compared as numbers,
 * expressions, tuples, intervals, sets, matrices, equations or relations. Options: tolerance or
 * `floatRounding`, `percentAsFraction`, `strict`, `allowSetRelation`, `timeoutMs`, and where to
 * look in the prediction (`sources`, `pick`). Never throws.
 *
 * @example
 * verifyAnswer('$\\frac{14}{3}$', 'so the answer is \\boxed{\\dfrac{14}{3}}.').correct; // true
 * verifyAnswer('(0, 9)', '[0, 9)').correct; // false
 * verifyAnswer('[-2, 7]', '-2 \\le x \\le 7', { allowSetRelation: true }).correct; // true
 */
export function verifyAnswer(
  gold: string,
  prediction: string,
  options: VerifyOptions = {},
): Verification {
  try {
    const g = typeof gold === 'string' ? parseGold(gold, options.pick) : null;
    if (g === null)
      return { correct: false, gold: null, prediction: null, reason: 'no gold answer' };
    const p = parseAnswer(prediction, options);
    if (p === null)
      return { correct: false, gold: g, prediction: null, reason: 'no answer in the prediction' };
    const ctx = createContext(options);
    const long = p.text.length > MAX_ANSWER_CHARS || g.text.length > MAX_ANSWER_CHARS;
    const correct = long
      ? p.text === g.text
      : normalizedEquivalent(p.normalized, g.normalized, ctx);
    const what = `${p.source} answer ${quote(p.text)}`;
    const reason = correct
      ? `${what} ≡ gold (${g.structure.kind})`
      : `${what} ≠ gold ${quote(g.text)} (${p.structure.kind} vs ${g.structure.kind}${ctx.note ? `; ${ctx.note}` : ''})`;
    return { correct, gold: g, prediction: p, reason };
  } catch (err) {
    return {
      correct: false,
      gold: null,
      prediction: null,
      reason: `verification failed: ${String((err as Error)?.message ?? err)}`,
    };
  }
}
