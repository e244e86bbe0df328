// `r1lab eval`: pass@1 and friends for one checkpoint folder on a task's held-out test set.
import { join, resolve } from 'node:path';
import { createDb, evaluations } from '@r1lab/db';
import { initBackend, loadCheckpoint } from '@r1lab/model';
import { evaluate, evaluationRow, TaskSpec } from '@r1lab/pipeline';
import { rlPrompts } from '@r1lab/tasks';
import { ProgressView } from '../progress-view.ts';
import { formatTable } from '../summary-table.ts';
import { positiveInt } from './options.ts';

export interface EvalCommandOptions {
  checkpoint: string;
  task: string;
  difficulty: string;
  n: string;
  k?: string;
  problems: string;
  temperature: string;
  seed: string;
  maxNewTokens: string;
  backend: string;
  dataDir?: string;
}

export async function evalCommand(o: EvalCommandOptions): Promise<void> {
  const task = TaskSpec.parse({ name: o.task, difficulty: o.difficulty });
  const n = positiveInt('--n', o.n);
  const k = o.k === undefined ? n : positiveInt('--k', o.k);
  const temperature = Number(o.temperature);
  if (!(temperature > 0)) throw new Error(`--temperature must be > 0, got "${o.temperature}"`);
  await initBackend(o.backend as 'auto');
  const { model, tokenizer } = await loadCheckpoint(resolve(o.checkpoint));
  if (!tokenizer) throw new Error(`${o.checkpoint} has no tokenizer.json`);
  const seed = positiveInt('--seed', o.seed, 0);
  const problems = rlPrompts({
    seed,
    tasks: [task.name],
    difficulty: task.difficulty,
    langs: task.langs,
    split: 'test',
    count: positiveInt('--problems', o.problems),
  });
  const view = new ProgressView();
  const s = await evaluate(model, tokenizer, problems, {
    n,
    k,
    temperature,
    greedy: true,
    maxNewTokens: positiveInt('--max-new-tokens', o.maxNewTokens),
    seed,
    onProgress: (done, total) => view.update('eval', done, total),
  });
  view.stop();
  model.dispose();
  const benchmark = `${task.name}-${task.difficulty}-test`;
  console.log(`\n${benchmark}, ${s.problems} problems, n=${n}, T=${temperature}\n`);
  console.log(
    formatTable({
      [o.checkpoint]: evaluationRow(s),
    }),
  );
  const dataDir = resolve(o.dataDir ?? process.env.R1LAB_DATA_DIR ?? '.r1lab');
  const handle = await createDb({ dataDir: join(dataDir, 'db') });
  try {
    await handle.db.insert(evaluations).values({
      benchmark,
      n,
      k,
      temperature,
      problems: s.problems,
      pass1: s.pass1,
      passAtK: s.passAtK,
      consAtK: s.consAtK,
      greedyPass1: s.greedyPass1 ?? null,
      answerAnywhere: s.answerAnywhere,
      formatRate: s.formatRate,
      languageConsistency: s.languageConsistency,
      mixedLanguageRate: s.mixedLanguageRate,
      meanLength: s.meanLength,
      details: { checkpointDir: resolve(o.checkpoint), examples: s.examples },
    });
  } finally {
    await handle.close();
  }
}
