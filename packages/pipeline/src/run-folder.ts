// The on-disk layout of one run: checkpoints, datasets and per-stage results, so that running the
// same folder again skips finished stages and resumes an interrupted one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example } from '@r1lab/tasks';
import type { StageResult } from './context.ts';
import type { DatasetRef } from './recorder.ts';

export class RunFolder {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  stageDir(stage: string): string {
    return join(this.root, 'stages', stage);
  }

  checkpointDir(stage: string, step: number): string {
    return join(this.stageDir(stage), `step-${String(step).padStart(6, '0')}`);
  }

  /** Steps of the checkpoints a stage has saved, ascending. */
  checkpointSteps(stage: string): number[] {
    const dir = this.stageDir(stage);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((d) => /^step-\d+$/.test(d) && existsSync(join(dir, d, 'model.safetensors')))
      .map((d) => Number(d.slice(5)))
      .sort((a, b) => a - b);
  }

  /** The result of a stage that finished in an earlier invocation, if any. */
  finishedResult(stage: string): StageResult | null {
    const file = join(this.stageDir(stage), 'result.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StageResult) : null;
  }

  markFinished(stage: string, result: StageResult): void {
    mkdirSync(this.stageDir(stage), { recursive: true });
    writeFileSync(join(this.stageDir(stage), 'result.json'), JSON.stringify(result, null, 2));
  }

  writeDataset(
    stage: string,
    name: string,
    rows: Example[],
    stats: Record<string, unknown>,
  ): DatasetRef {
    const dir = join(this.root, 'datasets');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${stage}-${name}.jsonl`);
    const text = rows.map((r) => JSON.stringify(stripProblem(r))).join('\n');
    writeFileSync(path, text ? `${text}\n` : '');
    const sha256 = createHash('sha256').update(text).digest('hex');
    return { stage, name, path, rows: rows.length, sha256, stats };
  }

  static readDataset(path: string): Example[] {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Example);
  }
}

// Datasets keep what SFT needs; the problem object is large and derivable.
function stripProblem(e: Example): Example {
  const { problem, ...rest } = e;
  return problem ? { ...rest, kind: e.kind ?? problem.task } : rest;
}
