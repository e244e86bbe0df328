// SFT data for the last RL stage's scenarios: a few answered general requests and declined requests
// added to a stage's data (cold start, general, rejection samples), so that the behaviour exists
// before RL, as R1's cold-start and SFT data carried it. From the train split only: the eval's
// held-out requests are never trained on.
import { type Example, generalProblems, type Lang, unsafeExamples } from '@r1lab/tasks';

export interface ScenarioCounts {
  general: number;
  unsafe: number;
}

/**
 * `counts.general` answered general requests (empty think block, the gold answer) and
 * `counts.unsafe` declined ones (the fixed refusal), train split.
 *
 * @example
 * scenarioExamples({ general: 2, unsafe: 1 }, 0, ['en', 'fr']).map((e) => e.kind); // ['general:copy', 'general:words', 'unsafe:code']
 */
export function scenarioExamples(
  counts: ScenarioCounts,
  seed: number,
  langs: readonly Lang[],
): Example[] {
  const general = generalProblems({ seed, langs, split: 'train', count: counts.general }).map(
    (p): Example => ({
      prompt: p.prompt,
      completion: `<think></think><answer>${p.answer}</answer>`,
      problem: p,
      kind: `general:${String(p.meta.kind)}`,
    }),
  );
  return [...general, ...unsafeExamples({ seed, langs, split: 'train', count: counts.unsafe })];
}
