// `npm run bench:pass1`: the result r1lab exists for. Runs the r1-zero preset (and r1 with
// `--presets r1-zero,r1`) for several seeds on the held-out test set and reports, per stage,
// pass@1 strict and answer-anywhere, pass@k, cons@k, format, language consistency, length and
// wall time. The base model's pretraining is cached by its spec hash and timed separately.
//
//   npm run bench:pass1 -- --seeds 0,1,2 --presets r1-zero
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '@r1lab/model';
import {
  evaluationRows,
  MemoryRecorder,
  type PresetName,
  presetSpec,
  runPipeline,
} from '@r1lab/pipeline';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '0,1,2' },
    presets: { type: 'string', default: 'r1-zero' },
    backend: { type: 'string', default: process.env.R1LAB_BACKEND ?? 'auto' },
    // wasm threads: 1 unless the machine is otherwise idle (a second busy thread slows both).
    threads: { type: 'string', default: process.env.R1LAB_THREADS ?? '1' },
    // Suffix of the results file, to keep a variant's figures apart: pass1-<date>-<tag>.json.
    tag: { type: 'string' },
    // The repo's .r1lab by default, so the benchmark and `npm start` share the cached base model.
    'data-dir': {
      type: 'string',
      default: resolve(
        process.env.R1LAB_DATA_DIR ?? fileURLToPath(new URL('../.r1lab', import.meta.url)),
      ),
    },
  },
});
const seeds = values.seeds.split(',').map(Number);
const presets = values.presets.split(',') as PresetName[];
const dataDir = values['data-dir'];
const backend = await initBackend(values.backend as 'auto', { threads: Number(values.threads) });
console.log(`backend ${backend.backend}, ${backend.threads} thread(s), ${cpus().length} cores`);

interface Row {
  preset: string;
  seed: number;
  stage: string;
  [metric: string]: number | string;
}
const rows: Row[] = [];
const trajectories: Array<Record<string, unknown>> = [];
const times: Array<{
  preset: string;
  seed: number;
  stage: string;
  seconds: number;
  cached: boolean;
}> = [];

for (const preset of presets) {
  for (const seed of seeds) {
    const spec = presetSpec(preset, { seed });
    const rec = new MemoryRecorder();
    const cachedStages = new Set<string>();
    console.log(`\n== ${preset} seed ${seed}`);
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
    for (const [stage, seconds] of Object.entries(out.seconds)) {
      times.push({ preset, seed, stage, seconds, cached: cachedStages.has(stage) });
    }
    // The eval stage's own rows (the CLI's end table), with each evaluation's size.
    const table = evaluationRows(out.results);
    for (const e of rec.evaluations) {
      const stage = e.checkpoint.stage;
      rows.push({ preset, seed, stage, ...table[stage], problems: e.problems, n: e.n });
    }
    // The GRPO trajectory, to see how fast the jump came.
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
      });
    }
    writeResults();
  }
}

function resultsFile(): URL {
  const date = new Date().toISOString().slice(0, 10);
  const suffix =
    (presets.join('+') === 'r1-zero' ? '' : `-${presets.join('+')}`) +
    (values.tag ? `-${values.tag}` : '');
  return new URL(`./results/pass1-${date}${suffix}.json`, import.meta.url);
}

// Written after every run, so an interrupted benchmark keeps what it measured.
function writeResults(): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model };
  writeFileSync(
    resultsFile(),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        backend,
        seeds,
        presets,
        rows,
        times,
        trajectories,
      },
      null,
      2,
    ),
  );
}

const table = rows.map((r) => {
  const f = (k: string) => {
    const v = r[k] as number;
    return Number.isNaN(v) ? '–' : k === 'length' ? v.toFixed(1) : `${(100 * v).toFixed(1)}%`;
  };
  return {
    preset: r.preset,
    seed: r.seed,
    stage: r.stage,
    'pass@1': f('pass1'),
    'any-pos': f('answer_anywhere'),
    'pass@k': f('pass_at_k'),
    'cons@k': f('cons_at_k'),
    greedy: f('greedy_pass1'),
    format: f('format'),
    lang: f('language'),
    mixed: f('mixed_language'),
    repeat: f('repetition'),
    'repeat+': f('excess_repetition'),
    trunc: f('truncated'),
    length: f('length'),
  };
});
console.table(table);
console.table(times.map((t) => ({ ...t, seconds: t.seconds.toFixed(1) })));

writeResults();
console.log(`written ${resultsFile().pathname}`);
process.exit(0);

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
