// Database rows → API shapes (dates as ISO strings, derived fields filled in).
import type { checkpoints, datasets, evaluations, runs, samples, stages } from '@r1lab/db';
import { badRequest } from './problem.ts';

type RunRow = typeof runs.$inferSelect;
type StageRow = typeof stages.$inferSelect;
type CheckpointRow = typeof checkpoints.$inferSelect;
type DatasetRow = typeof datasets.$inferSelect;
type EvaluationRow = typeof evaluations.$inferSelect;
type SampleRowDb = typeof samples.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const seconds = (a: Date | null, b: Date | null) =>
  a && b ? (new Date(b).getTime() - new Date(a).getTime()) / 1000 : null;

export function runDto(r: RunRow, bestPass1: number | null) {
  const task = (r.spec as { task?: { name?: string } }).task?.name ?? null;
  return {
    id: r.id,
    name: r.name,
    preset: r.preset,
    task,
    seed: r.seed,
    status: r.status,
    error: r.error,
    specHash: r.specHash,
    createdAt: iso(r.createdAt)!,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    durationSeconds: seconds(r.startedAt, r.finishedAt),
    bestPass1,
  };
}

export function stageDto(s: StageRow, checkpointId: string | null) {
  return {
    id: s.id,
    runId: s.runId,
    name: s.name,
    kind: s.kind,
    position: s.position,
    status: s.status,
    config: s.config,
    fromStageId: s.fromStageId,
    cacheKey: s.cacheKey,
    result: s.result ?? null,
    error: s.error,
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
    durationSeconds: seconds(s.startedAt, s.finishedAt),
    checkpointId,
  };
}

export function checkpointDto(c: CheckpointRow, stage: string) {
  return {
    id: c.id,
    runId: c.runId,
    stageId: c.stageId,
    stage,
    step: c.step,
    sha256: c.sha256,
    sizeBytes: c.sizeBytes,
    parentId: c.parentId,
    uri: c.uri,
    createdAt: iso(c.createdAt)!,
  };
}

export function datasetDto(d: DatasetRow) {
  return {
    id: d.id,
    runId: d.runId,
    stageId: d.stageId,
    name: d.name,
    kind: d.kind,
    sha256: d.sha256,
    rowCount: d.rowCount,
    stats: d.stats,
    createdAt: iso(d.createdAt)!,
  };
}

export function evaluationDto(e: EvaluationRow) {
  const ck = (e.details as { checkpoint?: { stage: string; step: number } }).checkpoint ?? null;
  return {
    id: e.id,
    runId: e.runId,
    stageId: e.stageId,
    checkpointId: e.checkpointId,
    checkpoint: ck,
    benchmark: e.benchmark,
    n: e.n,
    k: e.k,
    temperature: e.temperature,
    problems: e.problems,
    pass1: e.pass1,
    passAtK: e.passAtK,
    consAtK: e.consAtK,
    greedyPass1: e.greedyPass1,
    answerAnywhere: e.answerAnywhere,
    formatRate: e.formatRate,
    languageConsistency: e.languageConsistency,
    mixedLanguageRate: e.mixedLanguageRate,
    meanLength: e.meanLength,
    details: e.details,
    createdAt: iso(e.createdAt)!,
  };
}

const between = (text: string, open: string, close: string): string | null => {
  const a = text.indexOf(open);
  if (a < 0) return null;
  const b = text.indexOf(close, a + open.length);
  return b < 0 ? text.slice(a + open.length) : text.slice(a + open.length, b);
};

export function sampleDto(s: SampleRowDb) {
  return {
    id: s.id,
    stageId: s.stageId,
    step: s.step,
    idx: s.idx,
    kind: s.kind,
    prompt: s.prompt,
    completion: s.completion,
    think: between(s.completion, '<think>', '</think>'),
    answerText: between(s.completion, '<answer>', '</answer>'),
    answer: s.answer,
    rewards: s.rewards,
    reward: s.reward,
    advantage: s.advantage,
    correct: s.correct,
    formatOk: s.formatOk,
    mixedLanguage: s.mixedLanguage,
    createdAt: iso(s.createdAt)!,
  };
}

/** An opaque page cursor: the sort value and id of the last item seen. */
export function encodeCursor(value: string | number, id: string | number): string {
  return btoa(JSON.stringify([value, id])).replaceAll('=', '');
}

export function decodeCursor(cursor: string): [string | number, string | number] {
  try {
    const v = JSON.parse(atob(cursor)) as unknown;
    if (Array.isArray(v) && v.length === 2) return v as [string | number, string | number];
  } catch {}
  throw badRequest('cursor is not one this API handed out', [
    { path: 'cursor', message: 'malformed cursor', in: 'query' },
  ]);
}
