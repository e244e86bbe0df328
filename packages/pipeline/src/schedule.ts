// Which stage may run when: the one rule shared by the API's scheduler (a job per ready stage)
// and the local runner. A stage is ready once every stage it reads from has succeeded.
import { type PipelineSpec, type StageKind, type StageSpec, stageReferences } from './spec.ts';

/** The stage kinds whose output is a checkpoint (the others produce a dataset or evaluations). */
export const CHECKPOINT_KINDS: ReadonlySet<StageKind> = new Set(['pretrain', 'sft', 'grpo']);

export type StageState = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * The names of the stages `stage` reads: `from`, `data`, `checkpoints`, and for an eval stage with
 * no explicit list, every earlier stage that produces a checkpoint.
 *
 * @example
 * stageDependencies(presetSpec('r1-zero'), 'eval'); // ['base', 'rl']
 */
export function stageDependencies(spec: PipelineSpec, stageName: string): string[] {
  const position = spec.stages.findIndex((s) => s.name === stageName);
  if (position < 0) throw new Error(`no stage "${stageName}" in spec "${spec.name}"`);
  const stage = spec.stages[position]!;
  const deps = stageReferences(stage).map(([, ref]) => ref);
  if (stage.kind === 'eval' && stage.checkpoints.length === 0) {
    for (const earlier of spec.stages.slice(0, position)) {
      if (CHECKPOINT_KINDS.has(earlier.kind)) deps.push(earlier.name);
    }
  }
  return [...new Set(deps)];
}

/** The checkpoints a stage loads, in run order: `from`, an eval's list or its implicit set. */
export function checkpointInputs(spec: PipelineSpec, stageName: string): string[] {
  const stage = spec.stages.find((s) => s.name === stageName)!;
  const deps = new Set(stageDependencies(spec, stageName));
  const data = stage.kind === 'sft' ? stage.data : undefined;
  return spec.stages
    .filter((s) => deps.has(s.name) && s.name !== data && CHECKPOINT_KINDS.has(s.kind))
    .map((s) => s.name);
}

/** The datasets a stage loads (an SFT stage's `data` when it names an earlier stage). */
export function datasetInputs(spec: PipelineSpec, stageName: string): string[] {
  const stage = spec.stages.find((s) => s.name === stageName)!;
  return stageReferences(stage)
    .filter(([field]) => field === 'data')
    .map(([, ref]) => ref);
}

/**
 * The pending stages whose dependencies have all succeeded, in run order.
 *
 * @example
 * readyStages(spec, (name) => done.has(name) ? 'succeeded' : 'pending');
 */
export function readyStages(
  spec: PipelineSpec,
  stateOf: (stageName: string) => StageState,
): StageSpec[] {
  return spec.stages.filter(
    (s) =>
      stateOf(s.name) === 'pending' &&
      stageDependencies(spec, s.name).every((d) => stateOf(d) === 'succeeded'),
  );
}
