// Read queries several routes share: a run's best pass@1, stages' newest checkpoints.
import { checkpoints, type Db, evaluations, stages } from '@r1lab/db';
import { desc, eq, inArray, max } from 'drizzle-orm';
import { notFound } from './problem.ts';

/** The rows of `db.execute`: postgres-js returns an array, PGlite an object with `rows`. */
export const rowsOf = <T>(r: unknown): T[] =>
  Array.isArray(r) ? (r as T[]) : (r as { rows: T[] }).rows;

export async function bestPass1ByRun(db: Db, runIds: string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .select({ runId: evaluations.runId, best: max(evaluations.pass1) })
    .from(evaluations)
    .where(inArray(evaluations.runId, runIds))
    .groupBy(evaluations.runId);
  return new Map(rows.filter((r) => r.runId && r.best !== null).map((r) => [r.runId!, r.best!]));
}

/** The newest checkpoint id of each stage of a run, by stage id. */
export async function newestCheckpoints(db: Db, runId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([checkpoints.stageId], { stageId: checkpoints.stageId, id: checkpoints.id })
    .from(checkpoints)
    .where(eq(checkpoints.runId, runId))
    .orderBy(checkpoints.stageId, desc(checkpoints.step));
  return new Map(rows.map((r) => [r.stageId, r.id]));
}

export async function stageOrThrow(db: Db, id: string) {
  const [row] = await db.select().from(stages).where(eq(stages.id, id));
  if (!row) throw notFound('stage', id);
  return row;
}

export async function checkpointOrThrow(db: Db, id: string) {
  const [row] = await db
    .select({ c: checkpoints, stage: stages.name })
    .from(checkpoints)
    .innerJoin(stages, eq(stages.id, checkpoints.stageId))
    .where(eq(checkpoints.id, id));
  if (!row) throw notFound('checkpoint', id);
  return row;
}

/** Case-insensitive "contains" pattern with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
