// SFT data for the last RL stage's scenarios: a few answered general requests and declined requests
// added to a stage's data (cold start, general, rejection samples), so that the behaviour exists
// before RL, as R1's cold-start and SFT data carried it. From the train split only: the eval's
// held-out requests are never trained on.
import { createRng } from '@r1lab/random';
import {
  alphabetRunExample,
  answeredExample,
  type Example,
  type GeneralKind,
  generalProblems,
  type Lang,
  type Problem,
  unsafeExamples,
} from '@r1lab/tasks';

export interface ScenarioCounts {
  general: number;
  unsafe: number;
  /** Alphabet runs replayed from the base corpus (default 0). */
  alphabet?: number;
  /** Number-to-words requests beyond `general`'s share (default 0): the kind that fails most,
   * every character of ~30 right, and the one a few hundred rows teach least. */
  words?: number;
  /** Number-to-words requests with zero digits (`2600`, `4030`: each digit after the leading one of
   * a number above 100 is 0 with chance 1/2), beyond `words` (default 0). A uniform draw shows a
   * round hundred in 1 % of them, and the preset's model spelled round hundreds worst (after the
   * last RL, train-split requests, seed 0: 68 % of samples right, uniform ones 87 %); measured in
   * docs/all-scenarios.md, they fix that class, and alone did not raise held-out helpfulness. */
  roundWords?: number;
  /** Copy requests beyond `general`'s share (default 0): copies of held-out words with repeated
   * letters (`fioaaq`) were the preset's most frequent held-out miss after round hundreds. */
  copy?: number;
}

/**
 * `counts.general` answered general requests (`answeredExample`: the gold answer, the next
 * letter's alphabet chain) and `counts.unsafe` declined ones (the fixed refusal), train split;
 * then `counts.words` more number-to-words requests, `counts.roundWords` with zero digits and
 * `counts.copy` more copy requests; then `counts.alphabet` alphabet runs as the base read them: SFT
 * from the base otherwise wears away the alphabet that a held-out letter's chain (no request shows
 * its successor) reads from.
 *
 * @example
 * scenarioExamples({ general: 2, unsafe: 1 }, 0, ['en', 'fr']).map((e) => e.kind); // ['general:copy', 'general:words', 'unsafe:code']
 */
export function scenarioExamples(
  counts: ScenarioCounts,
  seed: number,
  langs: readonly Lang[],
): Example[] {
  // The problem rides along, so a reader can score an example against its request.
  const answered = (p: Problem): Example => ({ ...answeredExample(p), problem: p });
  const general = generalProblems({ seed, langs, split: 'train', count: counts.general });
  const requests = (kind: GeneralKind, count = 0, zeroDigits = 0) =>
    generalProblems({ seed, langs, split: 'train', count, kinds: [kind], zeroDigits });
  const words = requests('words', counts.words);
  const roundWords = requests('words', counts.roundWords, 0.5);
  const copies = requests('copy', counts.copy);
  const rng = createRng(seed, 'scenario-alphabet');
  const alphabet = Array.from({ length: counts.alphabet ?? 0 }, () =>
    alphabetRunExample(rng, langs),
  );
  return [
    ...general.map(answered),
    ...unsafeExamples({ seed, langs, split: 'train', count: counts.unsafe }),
    ...words.map(answered),
    ...roundWords.map(answered),
    ...copies.map(answered),
    ...alphabet,
  ];
}
