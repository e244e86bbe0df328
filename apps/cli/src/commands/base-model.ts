// `r1lab base-model`: builds the shipped base model of a preset (models/<name>/): pretrains its
// pretrain stage (the first, or --stage) from scratch (or takes a finished checkpoint with --from);
// a stage that continues another's pretraining starts from that one's shipped base. Writes the checkpoint
// without optimizer state, evaluates it on the preset's held-out test set, and writes the manifest
// the pipeline matches by cache key.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { initBackend, loadCheckpoint, saveCheckpoint } from '@r1lab/model';
import {
  EvalStage,
  evaluate,
  MemoryRecorder,
  type PipelineSpec,
  PRESETS,
  type PresetName,
  presetSpec,
  pretrainCacheKey,
  problemPool,
  runPipeline,
  taskTokenizer,
} from '@r1lab/pipeline';

export interface BaseModelOptions {
  preset: string;
  out: string;
  from?: string;
  /** The pretrain stage to build; default the preset's first. */
  stage?: string;
  backend: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function baseModelCommand(o: BaseModelOptions): Promise<void> {
  if (!(o.preset in PRESETS))
    throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const spec = presetSpec(o.preset as PresetName);
  const pretrains = spec.stages.filter((s) => s.kind === 'pretrain');
  const stage = o.stage ? pretrains.find((s) => s.name === o.stage) : pretrains[0];
  if (stage?.kind !== 'pretrain')
    throw new Error(
      `preset ${o.preset} has no pretrain stage${o.stage ? ` named ${o.stage}` : ''} (it has: ${pretrains.map((s) => s.name).join(', ') || 'none'})`,
    );
  // The stages this one continues from, nearest last.
  const parents: typeof pretrains = [];
  for (let at = stage.from; at; ) {
    const parent = pretrains.find((s) => s.name === at);
    if (!parent)
      throw new Error(
        `pretrain stage ${stage.name} continues from ${at}, which is not a pretrain stage`,
      );
    parents.unshift(parent);
    at = parent.from;
  }
  const backend = await initBackend(o.backend as 'auto', { threads: 1 });
  const cacheKey = pretrainCacheKey(spec, stage);
  let source = o.from ? resolve(o.from) : undefined;
  let seconds: number | null = null;
  const scratch = mkdtempSync(join(tmpdir(), 'r1lab-base-'));
  try {
    if (!source) {
      if (parents.length > 0) {
        // The starting points from models/ (or pretrained when none ships), in the same run folder,
        // so the run below finds them finished and trains only this stage.
        await runPipeline(
          { ...spec, stages: parents },
          {
            recorder: new MemoryRecorder(),
            runDir: scratch,
          },
        );
      }
      const only: PipelineSpec = { ...spec, stages: [...parents, stage] };
      console.log(
        `pretraining ${stage.name} of ${o.preset}${stage.from ? ` from ${stage.from}` : ' from scratch'} (key ${cacheKey.slice(0, 12)}…)`,
      );
      const t0 = performance.now();
      const out = await runPipeline(only, {
        recorder: new MemoryRecorder(),
        runDir: scratch,
        useShippedBase: false,
        onProgress: (_s, done, total) => {
          if (done % 100 === 0 || done === total) console.log(`  ${done}/${total}`);
        },
      });
      seconds = (performance.now() - t0) / 1000;
      source = out.results.get(stage.name)!.checkpoint!.dir;
    }
    const { model } = await loadCheckpoint(source);
    const outDir = resolve(o.out);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const tokenizer = taskTokenizer();
    await saveCheckpoint(outDir, model, { tokenizer });

    const ev = EvalStage.parse({ kind: 'eval', name: 'eval' });
    const testSet = problemPool(spec.task, spec.seed, 'test', spec.task.testSize, { exact: true });
    console.log(
      `evaluating on ${testSet.length} held-out problems × ${ev.n} (T ${ev.temperature})…`,
    );
    const s = await evaluate(model, tokenizer, testSet, {
      n: ev.n,
      k: ev.k,
      temperature: ev.temperature,
      greedy: ev.greedy,
      maxNewTokens: ev.maxNewTokens,
      seed: spec.seed,
    });
    model.dispose();

    const files: Record<string, { sha256: string; size: number }> = {};
    for (const name of readdirSync(outDir).sort()) {
      const bytes = readFileSync(join(outDir, name));
      files[name] = { sha256: sha256(bytes), size: bytes.length };
    }
    const manifest = {
      name: relative(resolve(outDir, '..'), outDir),
      description: `the base model of the ${o.preset} preset: its pretrain stage "${stage.name}"${stage.from ? `, continued from "${stage.from}"` : ''}`,
      cacheKey,
      step: stage.steps,
      files,
      regenerate: `npm run r1lab -- base-model --preset ${o.preset}${o.stage ? ` --stage ${o.stage}` : ''} --out ${relative(process.cwd(), outDir)}`,
      pretrain: {
        steps: stage.steps,
        batchSize: stage.batchSize,
        lr: stage.lr,
        seed: stage.seed,
        corpus: stage.corpus,
        ...(stage.from ? { from: stage.from } : {}),
      },
      model: spec.model,
      task: spec.task,
      trainedWith: { backend: backend.backend, threads: backend.threads, seconds },
      evaluation: {
        benchmark: `${spec.task.name}-${spec.task.difficulty}-test`,
        seed: spec.seed,
        problems: s.problems,
        n: s.n,
        temperature: s.temperature,
        pass1: s.pass1,
        answerAnywhere: s.answerAnywhere,
        passAtK: s.passAtK,
        consAtK: s.consAtK,
        greedyPass1: s.greedyPass1,
        formatRate: s.formatRate,
        languageConsistency: s.languageConsistency,
      },
      createdAt: new Date().toISOString(),
    };
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(
      `wrote ${outDir}: strict pass@1 ${(100 * s.pass1).toFixed(1)} %, answer anywhere ${(100 * s.answerAnywhere).toFixed(1)} %, format ${(100 * s.formatRate).toFixed(1)} %`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
