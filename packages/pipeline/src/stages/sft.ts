// SFT: loss on completion tokens only, from any checkpoint, on the cold-start set, the general set,
// or the dataset a rejection-sampling stage wrote (DeepSeek-R1 §2.3.1 and §2.3.3).
import { coldStartSet, type Example, GENERAL_UNSAFE_SHARE, generalSet } from '@r1lab/tasks';
import type { StageContext, StageRunner } from '../context.ts';
import { trainLm } from '../lm-training.ts';
import { scenarioExamples } from '../scenario-data.ts';
import type { SftStage } from '../spec.ts';

export const runSft: StageRunner<SftStage> = async (stage, ctx) => {
  const examples = await sftExamples(stage, ctx);
  // Batches are drawn at random, so appended examples mix with the rest.
  if (stage.scenarios) {
    examples.push(...scenarioExamples(stage.scenarios, ctx.spec.seed, ctx.spec.task.langs));
  }
  const init = await ctx.loadCheckpoint(stage.from);
  return trainLm(ctx, {
    examples,
    steps: stage.steps,
    batchSize: stage.batchSize,
    lr: stage.lr,
    minLr: stage.lr / 10,
    warmup: Math.min(10, Math.floor(stage.steps / 10)),
    weightDecay: stage.weightDecay,
    maxGradNorm: stage.maxGradNorm,
    completionOnly: true,
    init,
    checkpointEvery: stage.checkpointEvery,
    averageLast: stage.averageLast,
  });
};

async function sftExamples(stage: SftStage, ctx: StageContext): Promise<Example[]> {
  const { task, seed } = ctx.spec;
  const mix = { seed, tasks: [task.name], difficulty: task.difficulty, langs: task.langs };
  if (stage.data === 'cold-start') return coldStartSet({ ...mix, count: stage.examples });
  if (stage.data === 'general')
    return generalSet({
      seed,
      count: stage.examples,
      langs: task.langs,
      unsafe: GENERAL_UNSAFE_SHARE,
    });
  return ctx.loadDataset(stage.data);
}
