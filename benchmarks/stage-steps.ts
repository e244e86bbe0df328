/**
 * `npm run bench:stage-steps`: what model speed means where users wait on it — the time of a
 * base-pretraining step and of an `r1-zero` GRPO step (sampling and update apart), measured by
 * running the real stages for a few steps through `runPipeline`.
 *
 *   npm run bench:stage-steps [-- --pretrain-steps 31] [--grpo-steps 4] [--threads 1] [--quick]
 *
 * Pretraining: the `r1-zero` base stage (batch 32 × 128, the shipped base's recipe) for a few
 * steps in a fresh folder; a step's time is the gap between two progress reports, the first two
 * steps (warm-up) left out; the full stage's estimate is its step count times the median. GRPO: the
 * `r1-zero` preset's `rl` stage from the shipped base for a few steps, held-out checks and
 * checkpoints off; the split is the stage's own `time/sample_s` and `time/update_s` per step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@r1lab/model';
import {
  MemoryRecorder,
  type PipelineSpec,
  parseSpec,
  presetSpec,
  runPipeline,
} from '@r1lab/pipeline';
import { figureOfSamples } from './src/figures.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs({
  'pretrain-steps': { type: 'string', default: '31' },
  'grpo-steps': { type: 'string', default: '4' },
  threads: { type: 'string', default: '1' },
});
const pretrainSteps = args.quick ? 4 : Number(args.values['pretrain-steps']);
const grpoSteps = args.quick ? 2 : Number(args.values['grpo-steps']);
const threads = Number(args.values.threads);

const provenance = startProvenance();
const backend = await initBackend('wasm', { threads });
console.log(`${backend.backend}, ${backend.threads} thread(s)`);
const figures: Figure[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'r1lab-stage-steps-'));

try {
  // Pretraining: the preset's base stage, shortened (the step's work does not depend on the count).
  const preset = presetSpec('r1-zero');
  const baseStage = preset.stages.find((s) => s.kind === 'pretrain')!;
  const fullSteps = baseStage.steps;
  const pretrain = parseSpec({
    name: 'stage-steps-pretrain',
    stages: [{ ...baseStage, steps: pretrainSteps, checkpointEvery: pretrainSteps }],
  });
  const stepEnds: number[] = [];
  await run(pretrain, (stage) => {
    if (stage === 'base') stepEnds.push(performance.now());
  });
  const stepMs = stepEnds.slice(1).map((t, i) => t - stepEnds[i]!);
  const pretrainStep = figureOfSamples(
    { name: 'pretrain step 32x128', unit: 'ms', better: 'lower' },
    stepMs.slice(1), // the second step onwards: the first gap still includes warm-up
  );
  figures.push(pretrainStep, {
    ...pretrainStep,
    name: `pretrain ${fullSteps} steps (estimate)`,
    unit: 's',
    value: (pretrainStep.value * fullSteps) / 1000,
    low: (pretrainStep.low * fullSteps) / 1000,
    high: (pretrainStep.high * fullSteps) / 1000,
  });

  // GRPO: the preset's rl stage from the shipped base, no held-out checks, no checkpoints.
  const rl = preset.stages.find((s) => s.kind === 'grpo')!;
  const grpo = parseSpec({
    name: 'stage-steps-grpo',
    stages: [
      baseStage,
      { ...rl, steps: grpoSteps, evalEvery: grpoSteps + 1, checkpointEvery: grpoSteps + 1 },
    ],
  });
  const rec = await run(grpo);
  const series = (key: string) => rec.series(rl.name, key).map(([, v]) => v * 1000);
  const sample = series('time/sample_s');
  const update = series('time/update_s');
  const score = series('time/score_s');
  const total = sample.map((s, i) => s + update[i]! + score[i]!);
  figures.push(
    figureOfSamples({ name: 'grpo step (r1-zero)', unit: 'ms', better: 'lower' }, total),
    figureOfSamples({ name: 'grpo sampling', unit: 'ms', better: 'lower' }, sample),
    figureOfSamples({ name: 'grpo update', unit: 'ms', better: 'lower' }, update),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

finishSuite({
  suite: 'stage-steps',
  args,
  provenance: provenance.finish([
    {
      variant: 'node-wasm',
      ...currentRuntime(),
      backend: backend.backend,
      threads: backend.threads,
    },
  ]),
  figures,
});
process.exit(0); // wasm pthreads (threads > 1) keep the process alive

async function run(
  spec: PipelineSpec,
  onProgress?: (stage: string) => void,
): Promise<MemoryRecorder> {
  const recorder = new MemoryRecorder();
  await runPipeline(spec, {
    recorder,
    runDir: join(dataDir, `run-${spec.name}`),
    cacheDir: join(dataDir, 'cache'),
    onProgress: (stage) => onProgress?.(stage),
    onStageStart: (stage, info) =>
      console.log(`▶ ${stage.name}${info.shipped ? ' (shipped base)' : ''}`),
    onStageEnd: (stage, _r, s) => console.log(`✓ ${stage.name} ${s.toFixed(1)} s`),
  });
  return recorder;
}
