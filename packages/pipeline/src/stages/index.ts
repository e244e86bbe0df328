import type { StageRunner } from '../context.ts';
import type { StageKind, StageSpec } from '../spec.ts';
import { runEval } from './eval.ts';
import { runGrpo } from './grpo.ts';
import { runPretrain } from './pretrain.ts';
import { runRejectionSampling } from './rejection-sampling.ts';
import { runSft } from './sft.ts';

/** The runner of each stage kind. */
export const STAGE_RUNNERS: { [K in StageKind]: StageRunner<Extract<StageSpec, { kind: K }>> } = {
  pretrain: runPretrain,
  sft: runSft,
  grpo: runGrpo,
  'rejection-sampling': runRejectionSampling,
  eval: runEval,
};

/** Runs one stage with the runner of its kind. */
export function runStage(stage: StageSpec, ctx: Parameters<StageRunner>[1]) {
  return (STAGE_RUNNERS[stage.kind] as StageRunner)(stage, ctx);
}
