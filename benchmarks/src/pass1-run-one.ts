// One pipeline run of `bench:pass1`: a resolved spec in, the eval stage's rows, the stage times
// and the GRPO trajectories out. The only part of the benchmark that knows how a run is executed
// (here: runPipeline in this process with a MemoryRecorder), so the orchestration can change
// without touching provenance, the result schema or the files.
import { join } from 'node:path';
import { evaluationRows, MemoryRecorder, type PipelineSpec, runPipeline } from '@r1lab/pipeline';
import type { Pass1Body } from './result-schema.ts';

export interface RunOneOutput {
  rows: Pass1Body['rows'];
  times: Pass1Body['times'];
  trajectories: Pass1Body['trajectories'];
}

/**
 * Runs `spec` (preset `preset`, seed `seed`) to the end and returns what the benchmark records.
 * `dataDir` holds the run folders and the shared pretraining cache.
 *
 * @example
 * const out = await runOne(presetSpec('tiny-r1-zero', { seed: 0 }), 'tiny-r1-zero', 0, '.r1lab');
 * out.rows.find((r) => r.stage === 'rl')?.pass1;
 */
export async function runOne(
  spec: PipelineSpec,
  preset: string,
  seed: number,
  dataDir: string,
): Promise<RunOneOutput> {
  const rec = new MemoryRecorder();
  const cachedStages = new Set<string>();
  const out = await runPipeline(spec, {
    recorder: rec,
    runDir: join(dataDir, 'bench-runs', `${preset}-seed${seed}-${Date.now().toString(36)}`),
    cacheDir: join(dataDir, 'cache'),
    preset,
    onStageStart: (stage, info) => {
      if (info.cached) cachedStages.add(stage.name);
      console.log(`▶ ${stage.name}${info.cached ? ' (cached)' : ''}`);
    },
    onStageEnd: (stage, _r, s) => console.log(`✓ ${stage.name} ${s.toFixed(1)} s`),
    onProgress: progressPrinter(),
  });
  const times = Object.entries(out.seconds).map(([stage, seconds]) => ({
    preset,
    seed,
    stage,
    seconds,
    cached: cachedStages.has(stage),
  }));
  // The eval stage's own rows (the CLI's end table), with each evaluation's size.
  const table = evaluationRows(out.results);
  const rows = rec.evaluations.map((e) => {
    const stage = e.checkpoint.stage;
    // A figure the stage did not measure (greedy pass@1 with `greedy: false`) is NaN in memory
    // and null in the stage's result.json; the result file stores it as null too.
    const row = Object.entries(table[stage] ?? {}).map(([k, v]) => [k, Number.isNaN(v) ? null : v]);
    return { preset, seed, stage, ...Object.fromEntries(row), problems: e.problems, n: e.n };
  });
  // The GRPO trajectory, to see how fast the jump came.
  const trajectories: RunOneOutput['trajectories'] = [];
  for (const [name, s] of rec.stages) {
    if (s.kind !== 'grpo') continue;
    const heldOut = rec.series(name, 'eval/pass1');
    const pts = heldOut.map(([step, v]) => `${step}:${(100 * v).toFixed(0)}%`);
    console.log(`${name} held-out pass@1 by step: ${pts.join(' ')}`);
    const series = (key: string) => rec.series(name, key).map(([, v]) => v);
    trajectories.push({
      preset,
      seed,
      stage: name,
      heldOutPass1: Object.fromEntries(heldOut),
      accuracy: series('accuracy'),
      format: series('format'),
      fracRewardZeroStd: series('frac_reward_zero_std'),
      updatedFraction: series('updated_fraction'),
      sampleSeconds: series('time/sample_s'),
      updateSeconds: series('time/update_s'),
      // The behaviour of the sampled chains (docs/grpo-metrics.md): per step, and at each held-out check.
      verifyRate: series('behaviour/verify_rate'),
      reflectRate: series('behaviour/reflect_rate'),
      attemptsMean: series('behaviour/attempts_mean'),
      slipRate: series('behaviour/slip_rate'),
      meanLength: series('completions/mean_length'),
      heldOutVerifyRate: Object.fromEntries(rec.series(name, 'eval/verify_rate')),
      heldOutReflectRate: Object.fromEntries(rec.series(name, 'eval/reflect_rate')),
      heldOutMeanLength: Object.fromEntries(rec.series(name, 'eval/mean_length')),
    });
  }
  return { rows, times, trajectories };
}

function progressPrinter() {
  const last = new Map<string, number>();
  return (stage: string, done: number, total: number, info?: Record<string, number>) => {
    const tenth = Math.floor((10 * done) / total);
    if (last.get(stage) === tenth && done !== total) return;
    last.set(stage, tenth);
    const extra = Object.entries(info ?? {})
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(' ');
    console.log(`  ${stage} ${done}/${total} ${extra}`);
  };
}
