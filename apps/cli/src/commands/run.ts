// `r1lab run`: a whole pipeline on this machine, recorded in the database.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createDb } from '@r1lab/db';
import { initBackend } from '@r1lab/model';
import {
  estimateStageSeconds,
  evaluationRows,
  findShippedBase,
  formatDuration,
  type PipelineSpec,
  PRESETS,
  type PresetName,
  parseSpec,
  presetSpec,
  pretrainCacheKey,
  runPipeline,
} from '@r1lab/pipeline';
import { DbRecorder } from '../db-recorder.ts';
import { ProgressView } from '../progress-view.ts';
import { formatTable } from '../summary-table.ts';

export interface RunCommandOptions {
  preset: string;
  task?: string;
  seed?: string;
  spec?: string;
  backend: string;
  dataDir?: string;
  runDir?: string;
  /** false with --no-shipped-base: pretrain from scratch even when models/ has the base. */
  shippedBase?: boolean;
}

export function loadSpec(o: RunCommandOptions): { spec: PipelineSpec; preset?: string } {
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) {
    throw new Error(`--seed must be a non-negative integer, got "${o.seed}"`);
  }
  if (o.spec) {
    const raw = JSON.parse(readFileSync(o.spec, 'utf8')) as Record<string, unknown>;
    if (seed !== undefined) raw.seed = seed;
    if (o.task) raw.task = { ...((raw.task as object) ?? {}), name: o.task };
    return { spec: parseSpec(raw) };
  }
  if (!(o.preset in PRESETS)) {
    throw new Error(
      `--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${o.preset}"`,
    );
  }
  return {
    spec: presetSpec(o.preset as PresetName, { seed, task: o.task }),
    preset: o.preset,
  };
}

export async function runCommand(o: RunCommandOptions): Promise<void> {
  const { spec, preset } = loadSpec(o);
  const dataDir = resolve(o.dataDir ?? process.env.R1LAB_DATA_DIR ?? '.r1lab');
  const backend = await initBackend(o.backend as 'auto');
  console.log(
    `r1lab run: ${spec.name} (seed ${spec.seed}, task ${spec.task.name}) on ${backend.backend}, ${backend.threads} thread(s)`,
  );
  const handle = await createDb({ dataDir: join(dataDir, 'db') });
  console.log(`database: ${handle.driver} (${handle.location})`);
  const view = new ProgressView();
  console.log(planLine(spec, o.shippedBase !== false));
  let stop = false;
  const onSignal = () => {
    stop = true;
    view.log(
      'stopping after the current step (checkpoint saved; run the same --run-dir to resume)…',
    );
  };
  process.once('SIGINT', onSignal);
  try {
    const runDir =
      o.runDir ?? join(dataDir, 'runs', `${spec.name}-seed${spec.seed}-${Date.now().toString(36)}`);
    const outcome = await runPipeline(spec, {
      recorder: new DbRecorder(handle.db),
      runDir,
      cacheDir: join(dataDir, 'cache'),
      preset,
      useShippedBase: o.shippedBase !== false,
      onStageStart: (stage, info) =>
        view.log(
          `▶ ${stage.name} (${stage.kind})${
            info.shipped
              ? ` — shipped base model ${relative(process.cwd(), info.shipped.dir) || info.shipped.dir} (key ${info.shipped.cacheKey.slice(0, 12)}…)`
              : ''
          }${info.cached ? ' — cached base model' : ''}${info.resumed ? ' — resuming' : ''}`,
        ),
      onStageEnd: (stage, _r, s) => view.log(`✓ ${stage.name} in ${s.toFixed(1)} s`),
      onProgress: (stage, done, total, info) => view.update(stage, done, total, info),
      shouldStop: () => stop,
    });
    view.stop();
    console.log(`\nrun ${outcome.runId}: ${outcome.status}; artifacts in ${runDir}\n`);
    const rows = evaluationRows(outcome.results);
    if (Object.keys(rows).length > 0) console.log(formatTable(rows));
  } finally {
    view.stop();
    process.off('SIGINT', onSignal);
    await handle.close();
  }
}

/** What will run and roughly how long, from measured per-step costs (stage-estimate.ts). */
export function planLine(spec: PipelineSpec, useShipped: boolean): string {
  let total = 0;
  const parts = spec.stages.map((stage) => {
    if (stage.kind === 'pretrain' && useShipped && findShippedBase(pretrainCacheKey(spec, stage))) {
      return `${stage.name}: shipped base model`;
    }
    const seconds = estimateStageSeconds(spec, stage);
    total += seconds;
    const what =
      stage.kind === 'pretrain'
        ? `pretrain ${stage.steps} steps`
        : stage.kind === 'grpo'
          ? `GRPO ${stage.steps} steps`
          : stage.kind === 'sft'
            ? `SFT ${stage.steps} steps`
            : stage.kind === 'rejection-sampling'
              ? `rejection sampling ${stage.prompts} × ${stage.k}`
              : `${spec.task.testSize} × ${stage.n}`;
    return `${stage.name}: ${what} ${formatDuration(seconds)}`;
  });
  return `plan: ${parts.join(' · ')} — total ${formatDuration(total)} (on a 2-core machine)`;
}
