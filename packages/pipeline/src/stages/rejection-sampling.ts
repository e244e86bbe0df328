// Rejection sampling (DeepSeek-R1 §2.3.3): sample k completions per prompt from the RL checkpoint,
// keep the correct, well-formatted, single-language, non-repetitive ones, deduplicate, cap per
// prompt, and mix in general (non-reasoning) data for the next SFT.
import { generate } from '@r1lab/model';
import { type Example, GENERAL_UNSAFE_SHARE, generalSet } from '@r1lab/tasks';
import type { StageRunner } from '../context.ts';
import { problemPool } from '../problem-pool.ts';
import { scoreCompletion } from '../scoring.ts';
import { encodePrompt } from '../sequences.ts';
import type { RejectionSamplingStage } from '../spec.ts';

const BATCH = 256;

export const runRejectionSampling: StageRunner<RejectionSamplingStage> = async (stage, ctx) => {
  const { task, seed } = ctx.spec;
  const problems = problemPool(task, seed, 'train', stage.prompts);
  const { model } = await ctx.loadCheckpoint(stage.from);
  const stats = {
    prompts: problems.length,
    sampled: 0,
    correct: 0,
    format: 0,
    language: 0,
    repetition: 0,
    unique: 0,
    kept: 0,
    general: 0,
  };
  const kept: Example[] = [];
  try {
    const jobs = problems.flatMap((_p, i) => Array.from({ length: stage.k }, () => i));
    const seen = problems.map(() => new Set<string>());
    for (let at = 0; at < jobs.length; at += BATCH) {
      // Nothing is saved mid-way: a stopped stage samples again from the start when resumed.
      if (ctx.shouldStop()) return { interrupted: true, summary: { sampled: stats.sampled } };
      const chunk = jobs.slice(at, at + BATCH);
      const outs = await generate(
        model,
        ctx.tokenizer,
        chunk.map((i) => encodePrompt(ctx.tokenizer, problems[i]!.prompt)),
        { maxNewTokens: stage.maxNewTokens, temperature: stage.temperature, seed: ctx.rng.seed() },
      );
      outs.forEach((out, j) => {
        const i = chunk[j]!;
        const problem = problems[i]!;
        stats.sampled += 1;
        const s = scoreCompletion(problem, out.text, {});
        if (s.accuracy < 1) return;
        stats.correct += 1;
        if (s.format < 1) return;
        stats.format += 1;
        if (s.language < stage.minLanguage) return;
        stats.language += 1;
        if (s.excessRepetition > stage.maxRepetition) return;
        stats.repetition += 1;
        if (seen[i]!.has(out.text)) return;
        stats.unique += 1;
        if (seen[i]!.size >= stage.maxPerPrompt) return;
        seen[i]!.add(out.text);
        kept.push({ prompt: problem.prompt, completion: out.text, kind: problem.task });
      });
      ctx.progress(Math.min(at + BATCH, jobs.length), jobs.length, { kept: kept.length });
      await ctx.tick?.();
    }
  } finally {
    model.dispose();
  }
  stats.kept = kept.length;
  const general = generalSet({
    seed,
    count: Math.max(stage.minGeneral, Math.round(kept.length * stage.generalRatio)),
    langs: task.langs,
    // R1's general data carries its harmlessness too: a tenth are requests to decline, refused.
    unsafe: GENERAL_UNSAFE_SHARE,
  });
  stats.general = general.length;
  // Interleave deterministically so SFT batches see both kinds.
  const rows = [...kept, ...general].sort(
    (a, b) => hashString(a.prompt + a.completion) - hashString(b.prompt + b.completion),
  );
  const dataset = await ctx.saveDataset('sft', rows, stats);
  await ctx.log(1, {
    'rs/sampled': stats.sampled,
    'rs/kept': stats.kept,
    'rs/general': stats.general,
    'rs/keep_rate': stats.sampled ? stats.kept / stats.sampled : 0,
  });
  return { dataset, summary: stats };
};

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
