// Test fixtures: a database per driver (PGlite always, PostgreSQL when DATABASE_URL is set, in a
// database of its own) and a recorded tiny run with real files in a temporary artifact store.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, type DbHandle, type RunRecords, workers } from '@r1lab/db';
import { hashJson, presetSpec, stagePlan } from '@r1lab/pipeline/spec';
import pino from 'pino';
import postgres from 'postgres';
import { expect } from 'vitest';
import { type CreateAppOptions, createApp, LocalFolderStore } from '../src/index.ts';

export type Driver = [label: string, open: () => Promise<DbHandle>, drop: () => Promise<void>];

export function drivers(): Driver[] {
  const list: Driver[] = [
    ['PGlite', () => createDb({ url: '', dataDir: 'memory://' }), async () => {}],
  ];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `r1lab_api_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
    list.push([
      'PostgreSQL',
      async () => {
        const sql = admin();
        await sql.unsafe(`create database ${name}`);
        await sql.end();
        return createDb({
          url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
        });
      },
      async () => {
        const sql = admin();
        await sql.unsafe(`drop database if exists ${name} with (force)`);
        await sql.end();
      },
    ]);
  }
  return list;
}

export function testApp(handle: DbHandle, storeRoot: string, o: Partial<CreateAppOptions> = {}) {
  return createApp({
    db: handle.db,
    driver: handle.driver,
    artifacts: new LocalFolderStore(storeRoot),
    logger: pino({ level: 'silent' }),
    sse: { pollMs: 50, heartbeatMs: 200 },
    ...o,
  });
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export interface SeededRun {
  runId: string;
  stageIds: Map<string, string>;
  baseCheckpointId: string;
  rlCheckpointId: string;
  datasetId: string;
  modelBytes: Uint8Array;
}

/**
 * Records a finished tiny-r1-zero run the way a local run does: stages, 5,000 reward points with
 * one spike, samples, two checkpoints (rl descends from base) with files, a dataset, evaluations.
 */
export async function seedRun(
  records: RunRecords,
  storeRoot: string,
  o: { seed?: number; name?: string; pass1?: number } = {},
): Promise<SeededRun> {
  const spec = presetSpec('tiny-r1-zero', { seed: o.seed ?? 0 });
  const { runId, stageIds } = await records.createRun(
    {
      name: o.name ?? spec.name,
      preset: 'tiny-r1-zero',
      spec: spec as unknown as Record<string, unknown>,
      specHash: hashJson(spec),
      seed: spec.seed,
      status: 'running',
    },
    stagePlan(spec),
  );
  const base = stageIds.get('base')!;
  const rl = stageIds.get('rl')!;
  const evalStage = stageIds.get('eval')!;
  const runDir = join(storeRoot, 'runs', runId);
  const modelBytes = new Uint8Array(4096).map((_, i) => (i * 31 + (o.seed ?? 0)) % 251);
  const writeCheckpoint = async (
    stage: string,
    stageId: string,
    step: number,
    parentId: string | null,
  ) => {
    const dir = join(runDir, 'stages', stage, `step-${String(step).padStart(6, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.safetensors'), modelBytes);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hidden_size: 32 }));
    return records.writeCheckpoint({
      stageId,
      step,
      uri: pathToFileURL(dir).href,
      sha256: sha(modelBytes),
      sizeBytes: modelBytes.length,
      parentId,
    });
  };
  await records.setStageStatus(base, 'running');
  const baseCheckpointId = await writeCheckpoint('base', base, 4, null);
  await records.setStageStatus(base, 'succeeded', { result: { steps: 4, loss: 3.2 } });
  await records.setStageStatus(rl, 'running');
  const points = [];
  for (let step = 1; step <= 5_000; step++) {
    points.push({
      step,
      key: 'reward',
      value: step === 2_500 ? 10 : Math.sin(step / 100) * 0.1 + 0.5,
    });
    if (step % 10 === 0) points.push({ step, key: 'kl', value: step / 1e6 });
  }
  await records.writeMetrics(rl, points);
  await records.writeSamples(rl, [
    {
      step: 1,
      idx: 0,
      prompt: 'Compute 2+3.\n',
      completion: '<think>2 plus 3 is 5</think><answer>5</answer>',
      answer: '5',
      rewards: { accuracy: 1, format: 1 },
      reward: 1,
      advantage: 0.5,
      correct: true,
      formatOk: true,
      mixedLanguage: false,
    },
    {
      step: 1,
      idx: 1,
      prompt: 'Compute 4+4.\n',
      completion: '4 plus 4 is 9',
      answer: '8',
      rewards: { accuracy: 0, format: 0 },
      reward: 0,
      advantage: -0.5,
      correct: false,
      formatOk: false,
      mixedLanguage: false,
    },
    {
      step: 2,
      idx: 0,
      prompt: 'Compute 2+3.\n',
      completion: '<think>2 plus 3 font 5</think><answer>5</answer>',
      answer: '5',
      rewards: { accuracy: 1, format: 1 },
      reward: 1,
      advantage: 0,
      correct: true,
      formatOk: true,
      mixedLanguage: true,
    },
  ]);
  const rlCheckpointId = await writeCheckpoint('rl', rl, 2, baseCheckpointId);
  const datasetPath = join(runDir, 'datasets', 'rl-samples.jsonl');
  mkdirSync(join(runDir, 'datasets'), { recursive: true });
  const lines = [0, 1, 2]
    .map((i) => JSON.stringify({ prompt: `p${i}`, completion: `c${i}` }))
    .join('\n');
  writeFileSync(datasetPath, `${lines}\n`);
  const datasetId = await records.writeDataset({
    stageId: rl,
    name: 'samples',
    kind: 'rejection-sampling',
    uri: pathToFileURL(datasetPath).href,
    sha256: sha(lines),
    rowCount: 3,
    stats: { kept: 3 },
  });
  await records.setStageStatus(rl, 'succeeded', { result: { steps: 2 } });
  await records.setStageStatus(evalStage, 'running');
  for (const [checkpointId, stage, step, pass1] of [
    [baseCheckpointId, 'base', 4, 0.2],
    [rlCheckpointId, 'rl', 2, o.pass1 ?? 0.9],
  ] as const) {
    await records.writeEvaluation({
      stageId: evalStage,
      checkpointId,
      benchmark: 'arith-easy-test',
      n: 2,
      k: 2,
      temperature: 1,
      problems: 8,
      pass1,
      passAtK: pass1,
      consAtK: pass1,
      greedyPass1: pass1,
      answerAnywhere: pass1,
      formatRate: 1,
      languageConsistency: 1,
      mixedLanguageRate: 0,
      meanLength: 20,
      details: { checkpoint: { stage, step } },
    });
  }
  await records.setStageStatus(evalStage, 'succeeded');
  await records.setRunStatus(runId, 'succeeded');
  return { runId, stageIds, baseCheckpointId, rlCheckpointId, datasetId, modelBytes };
}

export async function seedWorker(handle: DbHandle): Promise<string> {
  const [w] = await handle.db
    .insert(workers)
    .values({ name: 'gpu-1', hostname: 'box', backend: 'wasm', capabilities: { threads: 1 } })
    .returning({ id: workers.id });
  return w!.id;
}

export const jsonBody = (body: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

/** Asserts an RFC 9457 problem+json response (and, given a path, that it names that field). */
export async function expectProblem(res: Response, status: number, path?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    status: number;
    title: string;
    detail: string;
    errors?: Array<{ path: string; message: string }>;
  };
  expect(body.status).toBe(status);
  expect(body.title).toBeTruthy();
  expect(body.detail).toBeTruthy();
  if (path) expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}
