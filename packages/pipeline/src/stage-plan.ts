// The stages of a run as rows to record: name, kind, position, resolved config, the stage it
// starts from, and the pretraining cache key. One mapping for every writer of the run record.
import { pretrainCacheKey, taskTokenizer } from './cache-key.ts';
import { type PipelineSpec, type StageKind, stageReferences } from './spec.ts';

export interface PlannedStage {
  name: string;
  kind: StageKind;
  position: number;
  config: Record<string, unknown>;
  /** The stage whose checkpoint this one starts from. */
  from?: string | undefined;
  cacheKey: string | null;
}

/**
 * One row per stage of a validated spec, in run order.
 *
 * @example
 * stagePlan(presetSpec('r1-zero')).map((s) => s.name); // ['base', 'rl', 'eval']
 */
export function stagePlan(spec: PipelineSpec): PlannedStage[] {
  const tokenizer = taskTokenizer();
  return spec.stages.map((stage, position) => ({
    name: stage.name,
    kind: stage.kind,
    position,
    config: stage as unknown as Record<string, unknown>,
    from: stageReferences(stage).find(([field]) => field === 'from')?.[1],
    cacheKey: stage.kind === 'pretrain' ? pretrainCacheKey(spec, stage, tokenizer) : null,
  }));
}
