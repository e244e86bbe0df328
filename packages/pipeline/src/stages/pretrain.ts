// Pretraining: next-token training of a fresh model on the base corpus — flawed worked solutions
// that leave a base model with low pass@1 but higher pass@k, so RL has right answers to reinforce.
import { baseCorpus } from '@r1lab/tasks';
import type { StageRunner } from '../context.ts';
import { trainLm } from '../lm-training.ts';
import type { PretrainStage } from '../spec.ts';

export const runPretrain: StageRunner<PretrainStage> = async (stage, ctx) => {
  const { task } = ctx.spec;
  const examples = baseCorpus({
    count: stage.corpus.size,
    seed: stage.seed,
    tasks: [task.name],
    difficulty: task.difficulty,
    langs: task.langs,
    stepErrorRate: stage.corpus.stepErrorRate,
    mixRate: stage.corpus.mixRate,
    tagRate: stage.corpus.tagRate,
    rambleRate: stage.corpus.rambleRate,
    skipRate: stage.corpus.skipRate,
    correctRate: stage.corpus.correctRate ?? 0,
    verifyRate: stage.corpus.verifyRate ?? 0,
    guessRate: stage.corpus.guessRate ?? 0,
    generalRate: stage.corpus.generalRate ?? 0,
    letterFactRate: stage.corpus.letterFactRate ?? 0,
    countingRate: stage.corpus.countingRate ?? 0,
  });
  const init = stage.from ? await ctx.loadCheckpoint(stage.from) : undefined;
  return trainLm(ctx, {
    init,
    examples,
    steps: stage.steps,
    batchSize: stage.batchSize,
    lr: stage.lr,
    minLr: stage.minLr,
    warmup: stage.warmup,
    weightDecay: stage.weightDecay,
    maxGradNorm: stage.maxGradNorm,
    completionOnly: false,
    pack: true,
    checkpointEvery: stage.checkpointEvery,
  });
};
