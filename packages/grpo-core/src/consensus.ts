/**
 * Majority voting over sampled answers: DeepSeek-R1's cons@64 (self-consistency, Wang et al. 2022).
 */

/** The answer given most often, with its vote count; `null` when no sample gave an answer. */
export interface MajorityVote {
  answer: string | null;
  votes: number;
}

/**
 * The most frequent answer. Samples without an answer (`null`/`undefined`) do not vote; ties go
 * to the answer that appeared first, so the result is deterministic.
 *
 * @example
 * majorityAnswer(['4', '5', null, '5', '4']); // { answer: '4', votes: 2 }
 */
export function majorityAnswer(answers: readonly (string | null | undefined)[]): MajorityVote {
  // A Map iterates in first-insertion order, so a strict `>` keeps the earliest of tied answers.
  const votes = new Map<string, number>();
  for (const a of answers) {
    if (a !== null && a !== undefined) votes.set(a, (votes.get(a) ?? 0) + 1);
  }
  let best: MajorityVote = { answer: null, votes: 0 };
  for (const [answer, count] of votes) {
    if (count > best.votes) best = { answer, votes: count };
  }
  return best;
}

/**
 * cons@k for one problem: 1 if the majority answer of the k samples is correct, else 0.
 * `isCorrect` is either one flag per sample (parallel to `answers`) or a checker of an answer.
 *
 * @throws RangeError if an `isCorrect` array does not match `answers` in length.
 * @example
 * consensusAtK(['12', '12', '13'], (a) => a === '12'); // 1
 * consensusAtK(['12', '13', '13'], [true, false, false]); // 0
 */
export function consensusAtK(
  answers: readonly (string | null | undefined)[],
  isCorrect: readonly boolean[] | ((answer: string) => boolean),
): 0 | 1 {
  if (typeof isCorrect !== 'function' && isCorrect.length !== answers.length) {
    throw new RangeError(`isCorrect has ${isCorrect.length} flags for ${answers.length} answers`);
  }
  const { answer } = majorityAnswer(answers);
  if (answer === null) return 0;
  if (typeof isCorrect === 'function') return isCorrect(answer) ? 1 : 0;
  return isCorrect[answers.indexOf(answer)] ? 1 : 0;
}
