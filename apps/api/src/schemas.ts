// The API's resource shapes (zod → OpenAPI components → hono/client types).
import { z } from '@hono/zod-openapi';

const ts = z.string().openapi({ format: 'date-time', example: '2026-12-01T20:00:00.000Z' });
const uuid = z.uuid();
export const Status = z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled']);

export const IdParam = z.object({
  id: uuid.openapi({
    param: { name: 'id', in: 'path' },
    example: '0b9d6c7e-3f7a-4a51-9f0e-6f1c2a3b4c5d',
  }),
});

export const Run = z
  .object({
    id: uuid,
    name: z.string(),
    preset: z.string().nullable(),
    task: z.string().nullable(),
    seed: z.number().int(),
    status: Status,
    error: z.string().nullable(),
    specHash: z.string(),
    createdAt: ts,
    startedAt: ts.nullable(),
    finishedAt: ts.nullable(),
    durationSeconds: z.number().nullable(),
    bestPass1: z
      .number()
      .nullable()
      .openapi({ description: 'best strict pass@1 of any evaluation' }),
  })
  .openapi('Run');

export const Stage = z
  .object({
    id: uuid,
    runId: uuid,
    name: z.string(),
    kind: z.enum(['pretrain', 'sft', 'grpo', 'rejection-sampling', 'eval']),
    position: z.number().int(),
    status: Status,
    config: z.record(z.string(), z.unknown()),
    fromStageId: uuid.nullable(),
    cacheKey: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    startedAt: ts.nullable(),
    finishedAt: ts.nullable(),
    durationSeconds: z.number().nullable(),
    checkpointId: uuid.nullable().openapi({ description: "the stage's newest checkpoint" }),
  })
  .openapi('Stage');

export const StageReference = z
  .object({
    field: z.enum(['from', 'data', 'checkpoints']),
    stage: z.string(),
    stageId: uuid.nullable(),
    checkpointId: uuid.nullable(),
    datasetId: uuid.nullable(),
  })
  .openapi('StageReference');

export const StageDetail = Stage.extend({ references: z.array(StageReference) }).openapi(
  'StageDetail',
);

export const LineageLink = z
  .object({
    stage: z.string(),
    stageId: uuid,
    from: z.string().nullable(),
    checkpointId: uuid.nullable(),
    parentCheckpointId: uuid.nullable(),
  })
  .openapi('LineageLink');

export const RunDetail = Run.extend({
  spec: z.record(z.string(), z.unknown()),
  stages: z.array(Stage),
  lineage: z.array(LineageLink),
}).openapi('RunDetail');

export const Checkpoint = z
  .object({
    id: uuid,
    runId: uuid,
    stageId: uuid,
    stage: z.string(),
    step: z.number().int(),
    sha256: z.string(),
    sizeBytes: z.number().nullable(),
    parentId: uuid.nullable(),
    uri: z.string(),
    createdAt: ts,
  })
  .openapi('Checkpoint');

export const ArtifactFile = z
  .object({ name: z.string(), size: z.number(), sha256: z.string(), url: z.string() })
  .openapi('ArtifactFile');

export const Dataset = z
  .object({
    id: uuid,
    runId: uuid.nullable(),
    stageId: uuid.nullable(),
    name: z.string(),
    kind: z.enum(['rejection-sampling', 'imported', 'generated']),
    sha256: z.string().nullable(),
    rowCount: z.number().int(),
    stats: z.record(z.string(), z.unknown()),
    createdAt: ts,
  })
  .openapi('Dataset');

export const Evaluation = z
  .object({
    id: uuid,
    runId: uuid.nullable(),
    stageId: uuid.nullable(),
    checkpointId: uuid.nullable(),
    checkpoint: z.object({ stage: z.string(), step: z.number().int() }).nullable(),
    benchmark: z.string(),
    n: z.number().int(),
    k: z.number().int(),
    temperature: z.number(),
    problems: z.number().int(),
    pass1: z.number(),
    passAtK: z.number().nullable(),
    consAtK: z.number().nullable(),
    greedyPass1: z.number().nullable(),
    answerAnywhere: z.number().nullable(),
    formatRate: z.number().nullable(),
    languageConsistency: z.number().nullable(),
    mixedLanguageRate: z.number().nullable(),
    meanLength: z.number().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: ts,
  })
  .openapi('Evaluation');

export const LeaderboardEntry = z
  .object({
    runId: uuid,
    runName: z.string(),
    preset: z.string().nullable(),
    seed: z.number().int(),
    benchmark: z.string(),
    pass1: z.number(),
    stage: z.string().nullable(),
    step: z.number().int().nullable(),
    evaluationId: uuid,
  })
  .openapi('LeaderboardEntry');

export const Sample = z
  .object({
    id: z.number().int(),
    stageId: uuid,
    step: z.number().int(),
    idx: z.number().int(),
    kind: z.string(),
    prompt: z.string(),
    completion: z.string(),
    think: z.string().nullable().openapi({ description: 'the text inside <think>…</think>' }),
    answerText: z
      .string()
      .nullable()
      .openapi({ description: 'the text inside <answer>…</answer>' }),
    answer: z.string().nullable().openapi({ description: 'the gold answer' }),
    rewards: z.record(z.string(), z.number()),
    reward: z.number().nullable(),
    advantage: z.number().nullable(),
    correct: z.boolean().nullable(),
    formatOk: z.boolean().nullable(),
    mixedLanguage: z.boolean().nullable(),
    createdAt: ts,
  })
  .openapi('Sample');

export const Worker = z
  .object({
    id: uuid,
    name: z.string(),
    hostname: z.string().nullable(),
    backend: z.string().nullable(),
    status: z.enum(['idle', 'busy', 'offline']),
    capabilities: z.record(z.string(), z.unknown()),
    lastSeenAt: ts,
    createdAt: ts,
    currentJob: z.object({ id: uuid, runId: uuid, stageId: uuid, status: z.string() }).nullable(),
  })
  .openapi('Worker');

export const Token = z
  .object({
    id: uuid,
    name: z.string(),
    role: z.enum(['admin', 'worker', 'viewer']),
    createdAt: ts,
    lastUsedAt: ts.nullable(),
    revokedAt: ts.nullable(),
  })
  .openapi('Token');

/** A page of items; pass `nextCursor` back as `cursor` for the next one. */
export function page<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional().openapi({ description: 'from the previous page' }),
};
