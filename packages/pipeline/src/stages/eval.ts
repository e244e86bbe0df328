// The eval stage: pass@1 (n samples at temperature T, and greedy), pass@k, cons@k, format rate,
// language consistency, mixed-language share and length, for each listed checkpoint on the
// held-out test set.
import type { Model, Tokenizer } from '@r1lab/model';
import type { StageRunner } from '../context.ts';
import { evaluate, evaluationRow } from '../evaluation.ts';
import { problemPool } from '../problem-pool.ts';
import {
  evaluateScenarios,
  type ScenarioSets,
  scenarioRow,
  scenarioSets,
} from '../scenario-evaluation.ts';
import type { EvalStage } from '../spec.ts';

export const runEval: StageRunner<EvalStage> = async (stage, ctx) => {
  const { task, seed } = ctx.spec;
  const testSet = problemPool(task, seed, 'test', task.testSize, { exact: true });
  const names = stage.checkpoints.length > 0 ? stage.checkpoints : ctx.checkpointStages();
  const scenarios = stage.scenarios
    ? scenarioSets(seed, task.langs, 'test', stage.scenarios)
    : null;
  const table: Record<string, Record<string, number>> = {};
  for (const [index, name] of names.entries()) {
    // Between checkpoints: a stopped eval starts over when resumed (the API replaces its rows).
    if (ctx.shouldStop()) return { interrupted: true, summary: { evaluated: index } };
    const { model, ref } = await ctx.loadCheckpoint(name);
    try {
      const s = await evaluate(model, ctx.tokenizer, testSet, {
        n: stage.n,
        k: stage.k,
        temperature: stage.temperature,
        greedy: stage.greedy,
        maxNewTokens: stage.maxNewTokens,
        seed,
        onProgress: (done, total) => {
          ctx.progress(index * total + done, names.length * total, { checkpoint: index });
          return ctx.tick?.();
        },
      });
      // Helpfulness, refusal and over-refusal on held-out general requests and requests to decline.
      const scenario = scenarios
        ? await scenarioColumns(model, ctx.tokenizer, scenarios, {
            stage,
            seed: seed + 7_919,
            reasoning: { refusalRate: s.refusalRate, samples: s.problems * s.n },
            tick: () => ctx.tick?.(),
          })
        : undefined;
      await ctx.recordEvaluation({
        checkpoint: { stage: ref.stage, step: ref.step },
        benchmark: `${task.name}-${task.difficulty}-test`,
        n: s.n,
        k: s.k,
        temperature: s.temperature,
        problems: s.problems,
        pass1: s.pass1,
        passAtK: s.passAtK,
        consAtK: s.consAtK,
        greedyPass1: s.greedyPass1,
        answerAnywhere: s.answerAnywhere,
        formatRate: s.formatRate,
        languageConsistency: s.languageConsistency,
        mixedLanguageRate: s.mixedLanguageRate,
        meanLength: s.meanLength,
        details: {
          truncatedRate: s.truncatedRate,
          repetition: s.repetition,
          excessRepetition: s.excessRepetition,
          examples: s.examples,
          ...(scenario
            ? {
                scenarios: scenario.row,
                scenarioByKind: scenario.byKind,
                ...(scenario.greedyByKind ? { greedyScenarioByKind: scenario.greedyByKind } : {}),
                scenarioExamples: scenario.examples,
              }
            : {}),
        },
      });
      table[name] = { ...evaluationRow(s), ...scenario?.row };
    } finally {
      model.dispose();
    }
  }
  return { summary: { evaluations: table } };
};

/** The scenario sets sampled as the reasoning eval samples (n at T), and once by argmax when the
 * stage asks for greedy figures too. */
async function scenarioColumns(
  model: Model,
  tokenizer: Tokenizer,
  sets: ScenarioSets,
  o: {
    stage: EvalStage;
    seed: number;
    reasoning: { refusalRate: number; samples: number };
    tick: () => void | Promise<void>;
  },
) {
  const sampling = {
    n: o.stage.n,
    temperature: o.stage.temperature,
    maxNewTokens: o.stage.maxNewTokens,
    seed: o.seed,
    onBatch: o.tick,
  };
  const sampled = await evaluateScenarios(model, tokenizer, sets, sampling);
  const greedy = o.stage.greedy
    ? await evaluateScenarios(model, tokenizer, sets, { ...sampling, n: 1, greedy: true })
    : undefined;
  return {
    row: scenarioRow(sampled, o.reasoning, greedy),
    byKind: sampled.byKind,
    greedyByKind: greedy?.byKind,
    examples: sampled.examples,
  };
}
