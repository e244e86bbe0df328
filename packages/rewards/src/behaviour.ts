/**
 * Behaviour of a chain of thought, the way DeepSeek-R1-Zero's "self-evolution" is described:
 * does it verify (re-derive or check a result it stated), does it reflect (flag an earlier
 * step as wrong and redo it), how many attempts does it make, how long is it. English and
 * French. Detectors, not rewards: the pipeline logs them, nothing trains on them.
 *
 * A reflection counts only when the step it redoes was really written earlier with a wrong
 * result ("9 plus 0 is 10, wait, 9 plus 0 is 9, not 10"): a "correction" of a step that was
 * right, or of one never written, is decoration, not evidence. A verification counts only when
 * a check word is followed by an arithmetic claim about a number already in the text, so prose
 * that merely says "check" does not count.
 */

/** What {@link completionBehaviour} found in one completion. */
export type CompletionBehaviour = {
  verifies: boolean;
  reflects: boolean;
  /** Candidate answers worked out: 1 + corrections, or the tries of a guess-and-check search
   * ("try 3+4*5 = 23, …"), whichever is more; 0 for an empty completion. */
  attempts: number;
  chars: number;
  /** Length in the char tokenizer's tokens: one per character, one per special tag. */
  tokens: number;
  /** Single operations written as "a op b is r" (or "a+b=r"), and how many have a wrong r. */
  steps: number;
  wrongSteps: number;
  /** Reflections: redone steps whose earlier writing was wrong; `fixed` of them now right. */
  corrections: number;
  fixed: number;
};

const EMPTY: CompletionBehaviour = {
  verifies: false,
  reflects: false,
  attempts: 0,
  chars: 0,
  tokens: 0,
  steps: 0,
  wrongSteps: 0,
  corrections: 0,
  fixed: 0,
};

type Op = '+' | '-' | '*' | '/';
type ParsedStep = { start: number; end: number; a: number; op: Op; b: number; r: number };

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const OP_WORDS: Record<string, Op> = {
  '+': '+',
  plus: '+',
  '-': '-',
  '−': '-',
  minus: '-',
  moins: '-',
  '*': '*',
  '×': '*',
  times: '*',
  fois: '*',
  'multiplied by': '*',
  'multiplié par': '*',
  '/': '/',
  '÷': '/',
  over: '/',
  sur: '/',
  'divided by': '/',
  'divisé par': '/',
};
const OP = `(?:${Object.keys(OP_WORDS)
  .sort((x, y) => y.length - x.length)
  .map((w) => w.replace(/[+*]/g, (c) => `\\${c}`))
  .join('|')})`;
const REL = `(?:=|is|font|fait|equals|makes|gives|donne|égale?)`;
// Not right after another operand or operator, so "3+4*5 = 23" is one expression, not "4*5 = 23".
const LEFT_EDGE = String.raw`(?<![\d.)]\s*(?:[-+*/×÷−]|plus|minus|times|over|moins|fois|sur)\s*)(?<![\d.])`;
const STEP_RE = new RegExp(
  `${LEFT_EDGE}(${NUM})\\s*(${OP})\\s*(${NUM})\\s*${REL}\\s*(${NUM})(?![\\d.])(?!\\s*${OP}\\s*\\d)`,
  'giu',
);
// A claim: an expression of one or more operations, a relation, a value ("3 times 5 plus 4 is 19").
const CLAIM_RE = new RegExp(
  `\\(?${NUM}\\)?(?:\\s*${OP}\\s*\\(?${NUM}\\)?)+\\s*${REL}\\s*(${NUM})`,
  'giu',
);
const REFLECT_RE =
  /\b(?:wait|attends|actually|oops|hmm|en fait|correction|mistake|erreur|non|no)\b[\s,.:;!]*/giu;
const VERIFY_RE =
  /\b(?:check(?:ing)?|double-check|verif(?:y|ying|ication)|vérifi(?:ons|e|er|cation)|substitut\w*|remplaçons)\b[\s,.:;!]*/giu;
const TICK_RE = /[✓✔]/gu;
const TRY_RE = /\b(?:try|trying|essayons|essaie|essai)\b/giu;
const SPECIAL_TAG_RE = /<\/?(?:think|answer)>/g;
/** How far after a marker its step or claim may begin (characters). */
const REACH = 24;

function value(a: number, op: Op, b: number): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return b === 0 ? Number.NaN : a / b;
}

function isRight(s: ParsedStep): boolean {
  return Math.abs(value(s.a, s.op, s.b) - s.r) < 1e-9;
}

function parseSteps(text: string): ParsedStep[] {
  const steps: ParsedStep[] = [];
  for (const m of text.matchAll(STEP_RE)) {
    const op = OP_WORDS[m[2]!.toLowerCase()];
    if (!op) continue;
    const start = m.index;
    steps.push({ start, end: start + m[0].length, a: +m[1]!, op, b: +m[3]!, r: +m[4]! });
  }
  return steps;
}

function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(new RegExp(NUM, 'g'))].map((m) => +m[0]));
}

/** Each marker of `re` whose redone step follows within reach and undoes an earlier wrong one. */
function countCorrections(
  text: string,
  steps: ParsedStep[],
): { corrections: number; fixed: number } {
  let corrections = 0;
  let fixed = 0;
  for (const m of text.matchAll(REFLECT_RE)) {
    const after = m.index + m[0].length;
    const redo = steps.find((s) => s.start >= after && s.start <= after + REACH);
    if (!redo) continue;
    const slipped = steps.some(
      (s) =>
        s.end <= m.index &&
        s.a === redo.a &&
        s.op === redo.op &&
        s.b === redo.b &&
        s.r !== redo.r &&
        !isRight(s),
    );
    if (!slipped) continue;
    corrections++;
    if (isRight(redo)) fixed++;
  }
  return { corrections, fixed };
}

function claimsAfter(text: string, from: number): RegExpMatchArray | undefined {
  CLAIM_RE.lastIndex = 0;
  for (const m of text.matchAll(CLAIM_RE)) {
    if (m.index! < from) continue;
    return m.index! <= from + REACH ? m : undefined;
  }
  return undefined;
}

function checksEarlierResult(text: string, claim: RegExpMatchArray, before: number): boolean {
  const earlier = numbersIn(text.slice(0, before));
  return [...numbersIn(claim[0])].some((n) => earlier.has(n));
}

function verifies(text: string): boolean {
  for (const m of text.matchAll(VERIFY_RE)) {
    const claim = claimsAfter(text, m.index + m[0].length);
    if (claim && checksEarlierResult(text, claim, m.index)) return true;
  }
  // "5 × 4 = 20 ✓": a tick right after a claim about a number stated before it.
  for (const t of text.matchAll(TICK_RE)) {
    const claim = [...text.slice(0, t.index).matchAll(CLAIM_RE)].at(-1);
    if (!claim) continue;
    const end = claim.index! + claim[0].length;
    if (t.index - end <= 3 && checksEarlierResult(text, claim, claim.index!)) return true;
  }
  return false;
}

/**
 * The behaviour of one completion. Never throws: unreadable input reads as empty.
 *
 * @example
 * completionBehaviour('<think>9 plus 0 is 10, wait, 9 plus 0 is 9, not 10</think><answer>9</answer>').reflects; // true
 * completionBehaviour('<think>5 times 4 is 20, check: 20 over 4 is 5, good</think><answer>20</answer>').verifies; // true
 */
export function completionBehaviour(completion: string): CompletionBehaviour {
  try {
    if (typeof completion !== 'string' || completion.length === 0) return { ...EMPTY };
    const tags = completion.match(SPECIAL_TAG_RE) ?? [];
    const tokens = completion.length - tags.reduce((a, t) => a + t.length - 1, 0);
    const text = completion.replace(SPECIAL_TAG_RE, ' ');
    const steps = parseSteps(text);
    const { corrections, fixed } = countCorrections(text, steps);
    const tries = [...text.matchAll(TRY_RE)].length;
    return {
      verifies: verifies(text),
      reflects: corrections > 0,
      attempts: text.trim() === '' ? 0 : Math.max(1 + corrections, tries),
      chars: completion.length,
      tokens,
      steps: steps.length,
      wrongSteps: steps.filter((s) => !isRight(s)).length,
      corrections,
      fixed,
    };
  } catch {
    return { ...EMPTY };
  }
}

/** Rates over a set of completions, keyed as the GRPO log and the evaluation rows name them. */
export type BehaviourSummary = {
  /** Share of completions that verify a result. */
  verifyRate: number;
  /** Share of completions that correct a real slip. */
  reflectRate: number;
  attemptsMean: number;
  /** Mean length in characters. */
  meanChars: number;
  /** Share of completions with at least one wrong step left uncorrected or corrected. */
  slipRate: number;
  /** Of the completions with a wrong step, the share that corrected one. */
  correctedSlipRate: number;
};

/**
 * {@link completionBehaviour} averaged over `completions` (zeros for none).
 *
 * @example
 * summariseBehaviour(['3 plus 4 is 8, wait, 3 plus 4 is 7, not 8', '3 plus 4 is 7']).reflectRate; // 0.5
 */
export function summariseBehaviour(completions: readonly string[]): BehaviourSummary {
  const n = completions.length;
  if (n === 0) {
    return {
      verifyRate: 0,
      reflectRate: 0,
      attemptsMean: 0,
      meanChars: 0,
      slipRate: 0,
      correctedSlipRate: 0,
    };
  }
  let verify = 0;
  let reflect = 0;
  let attempts = 0;
  let chars = 0;
  let slipped = 0;
  let corrected = 0;
  for (const c of completions) {
    const b = completionBehaviour(c);
    if (b.verifies) verify++;
    if (b.reflects) reflect++;
    attempts += b.attempts;
    chars += b.chars;
    if (b.wrongSteps > 0) {
      slipped++;
      if (b.reflects) corrected++;
    }
  }
  return {
    verifyRate: verify / n,
    reflectRate: reflect / n,
    attemptsMean: attempts / n,
    meanChars: chars / n,
    slipRate: slipped / n,
    correctedSlipRate: slipped === 0 ? 0 : corrected / slipped,
  };
}
