// Rough wall time of a stage before it runs, scaled from per-unit costs measured on this project's
// 2-core machine (tfjs wasm, 1 thread, the 0.8 M-parameter default model; README "The result"):
// pretraining 2,361 s for 1,000 steps of 32 × 128 tokens; r1-zero GRPO 474–549 s for 60 steps of
// 32 × 8 completions; eval 117 s for 2 checkpoints × 500 problems × (8 + greedy); SFT 559 s for
// 600 steps of 32; rejection sampling 37 s for 400 × 8. Good to a factor of ~1.5, not better.
import type { PipelineSpec, StageSpec } from './spec.ts';

const REFERENCE_PARAMS = 826_000;
const SECONDS = {
  pretrainToken: 2_361 / (1_000 * 32 * 128),
  grpoCompletion: 510 / (60 * 32 * 8),
  evalCompletion: 117 / (2 * 500 * 9),
  sftExample: 559 / (600 * 32),
  rejectionCompletion: 37 / (400 * 8),
};
// Start-up, loading and checkpoint writes of a stage, whatever its size.
const OVERHEAD_S = 2;

function modelParams(spec: PipelineSpec): number {
  const m = spec.model;
  const kv = m.hidden_size * (m.num_key_value_heads / m.num_attention_heads);
  const layer =
    m.hidden_size * (2 * m.hidden_size + 2 * kv) + 3 * m.hidden_size * m.intermediate_size;
  return m.num_hidden_layers * layer + 2 * 64 * m.hidden_size;
}

/**
 * Estimated seconds for `stage` of `spec` (ignoring caches and shipped bases).
 *
 * @example
 * const spec = presetSpec('r1-zero');
 * estimateStageSeconds(spec, spec.stages[1]!); // ≈ 510 (GRPO, 60 steps)
 */
export function estimateStageSeconds(spec: PipelineSpec, stage: StageSpec): number {
  const scale = modelParams(spec) / REFERENCE_PARAMS;
  const ctx = spec.model.max_position_embeddings;
  const checkpointStages = spec.stages
    .slice(0, spec.stages.indexOf(stage))
    .filter((s) => s.kind === 'pretrain' || s.kind === 'sft' || s.kind === 'grpo').length;
  let seconds: number;
  switch (stage.kind) {
    case 'pretrain':
      seconds = stage.steps * stage.batchSize * ctx * SECONDS.pretrainToken;
      break;
    case 'grpo':
      seconds =
        stage.steps *
        stage.promptsPerStep *
        stage.groupSize *
        stage.numIterations *
        (stage.maxNewTokens / 64) *
        SECONDS.grpoCompletion;
      break;
    case 'sft':
      seconds = stage.steps * stage.batchSize * SECONDS.sftExample;
      break;
    case 'rejection-sampling':
      seconds = stage.prompts * stage.k * (stage.maxNewTokens / 64) * SECONDS.rejectionCompletion;
      break;
    case 'eval': {
      const count = stage.checkpoints.length || checkpointStages;
      // Scenarios: as many general requests as requests to decline, sampled as the test set is.
      const prompts = spec.task.testSize + 2 * (stage.scenarios ?? 0);
      seconds =
        count *
        prompts *
        (stage.n + (stage.greedy ? 1 : 0)) *
        (stage.maxNewTokens / 64) *
        SECONDS.evalCompletion;
      break;
    }
  }
  return OVERHEAD_S + seconds * Math.max(scale, 0.05);
}

/**
 * "≈ 8 min", "≈ 40 s".
 *
 * @example
 * formatDuration(510); // '≈ 9 min'
 */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `≈ ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5_400) return `≈ ${Math.round(seconds / 60)} min`;
  return `≈ ${(seconds / 3_600).toFixed(1)} h`;
}
