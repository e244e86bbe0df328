// Problems for RL and evaluation, drawn from a split: up to `count` distinct ones, or all the split
// has when it holds fewer (the easy countdown, linear and word splits are small).
import { type Problem, streamRlPrompts } from '@r1lab/tasks';
import type { TaskSpec } from './spec.ts';

export function problemPool(
  task: TaskSpec,
  seed: number,
  split: 'train' | 'validation' | 'test',
  count: number,
  opts: { exact?: boolean } = {},
): Problem[] {
  const out: Problem[] = [];
  const mix = { seed, tasks: [task.name], difficulty: task.difficulty, langs: task.langs, split };
  try {
    for (const p of streamRlPrompts({ ...mix, count })) out.push(p);
  } catch (err) {
    // The generator says so when the split runs out of distinct problems; a test set must not shrink.
    if (opts.exact || out.length === 0) throw err;
  }
  return out;
}
