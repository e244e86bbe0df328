// Runs a pipeline's stages on this machine, without a database or an API: benchmarks and tests
// use it. Which stage runs next is `readyStages`, the rule the API's scheduler uses too. Re-running
// the same run folder skips the stages that finished and resumes an interrupted one from its newest
// checkpoint; pretraining is cached by the hash of everything it depends on, so seeds and presets
// share one base model.
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pretrainCacheKey, taskTokenizer } from './cache-key.ts';
import type { StageResult } from './context.ts';
import { hashJson } from './hash-json.ts';
import type { RunRecorder } from './recorder.ts';
import { RunFolder } from './run-folder.ts';
import { readyStages, type StageState } from './schedule.ts';
import { findShippedBase, type ShippedBase } from './shipped-base.ts';
import type { PipelineSpec, StageSpec } from './spec.ts';
import { createLocalContext } from './stage-context.ts';
import { runStage } from './stages/index.ts';

export interface RunPipelineOptions {
  recorder: RunRecorder;
  /** Where this run's checkpoints and datasets go; running the same folder again resumes. */
  runDir: string;
  /** Where cached base models live (shared by runs). Absent: no cache. */
  cacheDir?: string | undefined;
  preset?: string | undefined;
  /** Use a shipped base model (models/) whose key matches a pretrain stage. Default true. */
  useShippedBase?: boolean | undefined;
  /** Where shipped bases are looked up (default: the repository's models/). */
  shippedBasesDir?: string | undefined;
  onStageStart?: (
    stage: StageSpec,
    info: { cached: boolean; resumed: boolean; shipped?: { dir: string; cacheKey: string } },
  ) => void;
  onStageEnd?: (stage: StageSpec, result: StageResult, seconds: number) => void;
  onProgress?: (stage: string, done: number, total: number, info?: Record<string, number>) => void;
  shouldStop?: () => boolean;
}

export interface PipelineOutcome {
  runId: string;
  status: 'succeeded' | 'interrupted';
  results: Map<string, StageResult>;
  seconds: Record<string, number>;
}

/**
 * Runs every stage of `spec` in order.
 *
 * @example
 * const rec = new MemoryRecorder();
 * await runPipeline(presetSpec('tiny-r1-zero'), { recorder: rec, runDir: '/tmp/run1' });
 */
export async function runPipeline(
  spec: PipelineSpec,
  o: RunPipelineOptions,
): Promise<PipelineOutcome> {
  const folder = new RunFolder(o.runDir);
  const tokenizer = taskTokenizer();
  const runId = await o.recorder.startRun(spec, {
    specHash: hashJson(spec),
    ...(o.preset ? { preset: o.preset } : {}),
  });
  const results = new Map<string, StageResult>();
  const seconds: Record<string, number> = {};
  const state = new Map<string, StageState>();
  const stateOf = (name: string) => state.get(name) ?? 'pending';
  try {
    for (
      let stage = readyStages(spec, stateOf)[0];
      stage !== undefined;
      stage = readyStages(spec, stateOf)[0]
    ) {
      const position = spec.stages.indexOf(stage);
      const cacheKey =
        stage.kind === 'pretrain' ? pretrainCacheKey(spec, stage, tokenizer) : undefined;
      await o.recorder.startStage(runId, stage, { position, ...(cacheKey ? { cacheKey } : {}) });
      const t0 = performance.now();
      let result = folder.finishedResult(stage.name);
      const cacheDir =
        cacheKey && o.cacheDir ? join(o.cacheDir, `pretrain-${cacheKey.slice(0, 16)}`) : undefined;
      const shipped =
        !result && cacheKey && o.useShippedBase !== false
          ? findShippedBase(cacheKey, o.shippedBasesDir)
          : null;
      const cached =
        cacheDir && !shipped ? new RunFolder(cacheDir).finishedResult(stage.name) : null;
      o.onStageStart?.(stage, {
        cached: !result && cached !== null,
        resumed: !result && !shipped && folder.checkpointSteps(stage.name).length > 0,
        ...(shipped && cacheKey ? { shipped: { dir: shipped.dir, cacheKey } } : {}),
      });
      if (!result && shipped && cacheKey) {
        result = useShippedBase(folder, stage.name, shipped, cacheKey);
        await o.recorder.checkpoint(result.checkpoint!);
        folder.markFinished(stage.name, result);
      }
      if (!result && cached?.checkpoint && cacheDir) {
        // Copy the cached base into this run, so the run folder stands alone.
        cpSync(new RunFolder(cacheDir).stageDir(stage.name), folder.stageDir(stage.name), {
          recursive: true,
        });
        const dir = cached.checkpoint.dir.replace(
          new RunFolder(cacheDir).stageDir(stage.name),
          folder.stageDir(stage.name),
        );
        result = {
          ...cached,
          checkpoint: { ...cached.checkpoint, dir },
          summary: { ...cached.summary, cached: true },
        };
        await o.recorder.checkpoint(result.checkpoint!);
        folder.markFinished(stage.name, result);
      }
      if (!result) {
        const ctx = createLocalContext({
          spec,
          stage,
          folder,
          recorder: o.recorder,
          tokenizer,
          results,
          onProgress: o.onProgress,
          shouldStop: o.shouldStop,
        });
        try {
          result = await runStage(stage, ctx);
        } catch (err) {
          await o.recorder.finishStage(stage.name, 'failed', { error: errorText(err) });
          throw err;
        }
        if (result.interrupted) {
          await o.recorder.finishStage(stage.name, 'cancelled', { result: result.summary });
          await o.recorder.finishRun('cancelled');
          seconds[stage.name] = (performance.now() - t0) / 1000;
          return { runId, status: 'interrupted', results, seconds };
        }
        folder.markFinished(stage.name, result);
        if (cacheDir && !existsSync(join(cacheDir, 'stages', stage.name, 'result.json'))) {
          cpSync(folder.stageDir(stage.name), new RunFolder(cacheDir).stageDir(stage.name), {
            recursive: true,
          });
          const dir = result.checkpoint!.dir.replace(
            folder.stageDir(stage.name),
            new RunFolder(cacheDir).stageDir(stage.name),
          );
          new RunFolder(cacheDir).markFinished(stage.name, {
            ...result,
            checkpoint: { ...result.checkpoint!, dir },
          });
        }
      }
      seconds[stage.name] = (performance.now() - t0) / 1000;
      results.set(stage.name, result);
      state.set(stage.name, 'succeeded');
      await o.recorder.finishStage(stage.name, 'succeeded', {
        result: { ...result.summary, seconds: seconds[stage.name] },
      });
      o.onStageEnd?.(stage, result, seconds[stage.name]!);
    }
  } catch (err) {
    await o.recorder.finishRun('failed', errorText(err));
    throw err;
  }
  await o.recorder.finishRun('succeeded');
  return { runId, status: 'succeeded', results, seconds };
}

/** Copies a shipped base into the run folder as the stage's final checkpoint. */
function useShippedBase(
  folder: RunFolder,
  stage: string,
  shipped: ShippedBase,
  cacheKey: string,
): StageResult {
  const { step, files } = shipped.manifest;
  const dir = folder.checkpointDir(stage, step);
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(files)) copyFileSync(join(shipped.dir, name), join(dir, name));
  const model = files['model.safetensors']!;
  return {
    checkpoint: { stage, step, dir, sha256: model.sha256, sizeBytes: model.size },
    summary: { shipped: true, source: shipped.dir, cacheKey, steps: step },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
