// The worker protocol's shapes (zod → OpenAPI → hono/client types for apps/worker).
import { z } from '@hono/zod-openapi';

const ts = z.string().openapi({ format: 'date-time' });
const uuid = z.uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256');

export const ClaimHeader = z.object({
  'x-claim-token': uuid.openapi({
    param: { name: 'x-claim-token', in: 'header' },
    description: 'the claim token the claim returned (fencing: a stale one gets 409)',
  }),
});

export const RegisterWorker = z
  .object({
    name: z.string().min(1).max(200),
    hostname: z.string().max(200).optional(),
    runtime: z.string().max(50).optional().openapi({ example: 'node' }),
    runtimeVersion: z.string().max(50).optional(),
    backend: z.string().max(50).optional().openapi({ example: 'wasm' }),
    threads: z.number().int().min(1).max(4096).optional(),
    memoryBytes: z.number().int().min(0).optional(),
  })
  .strict()
  .openapi('RegisterWorker');

export const Registered = z
  .object({
    id: uuid,
    leaseSeconds: z.number(),
    heartbeatSeconds: z.number(),
  })
  .openapi('Registered');

export const ClaimRequest = z
  .object({
    workerId: uuid,
    backend: z.string().max(50).optional(),
    memoryBytes: z.number().int().min(0).optional(),
  })
  .strict()
  .openapi('ClaimRequest');

const FileRef = z.object({ name: z.string(), sha256, size: z.number().int(), url: z.string() });
const CheckpointInput = z
  .object({
    stage: z.string(),
    step: z.number().int(),
    id: uuid,
    sha256: z.string(),
    files: z.array(FileRef),
  })
  .openapi('CheckpointInput');

export const Claimed = z
  .object({
    job: z.object({
      id: uuid,
      runId: uuid,
      stageId: uuid,
      stage: z.string(),
      attempt: z.number().int(),
      maxAttempts: z.number().int(),
      claimToken: uuid,
      leaseExpiresAt: ts,
      heartbeatSeconds: z.number(),
    }),
    spec: z.record(z.string(), z.unknown()).openapi({ description: "the run's pipeline spec" }),
    stage: z.record(z.string(), z.unknown()).openapi({ description: "the stage's spec" }),
    inputs: z.object({
      checkpoints: z.array(CheckpointInput),
      datasets: z.array(
        z.object({
          stage: z.string(),
          name: z.string(),
          id: uuid,
          rows: z.number().int(),
          sha256: z.string().nullable(),
          url: z.string(),
        }),
      ),
      resume: CheckpointInput.nullable().openapi({
        description: "on a retry: the stage's own newest committed checkpoint",
      }),
    }),
  })
  .openapi('Claimed');

export const Heartbeat = z
  .object({
    done: z.number().min(0).optional(),
    total: z.number().min(0).optional(),
    info: z.record(z.string(), z.number()).optional(),
  })
  .strict()
  .openapi('Heartbeat');

export const HeartbeatReply = z
  .object({ leaseExpiresAt: ts, cancel: z.boolean() })
  .openapi('HeartbeatReply');

export const MetricBatch = z
  .object({
    points: z
      .array(z.object({ step: z.number().int().min(0), key: z.string().min(1), value: z.number() }))
      .max(100_000),
  })
  .strict()
  .openapi('MetricBatch');

export const SampleBatch = z
  .object({
    samples: z
      .array(
        z.object({
          step: z.number().int().min(0),
          idx: z.number().int().min(0),
          kind: z.enum(['train', 'held-out']).optional(),
          prompt: z.string(),
          completion: z.string(),
          answer: z.string().nullable().optional(),
          rewards: z.record(z.string(), z.number()),
          reward: z.number().nullable().optional(),
          advantage: z.number().nullable().optional(),
          correct: z.boolean().nullable().optional(),
          formatOk: z.boolean().nullable().optional(),
          mixedLanguage: z.boolean().nullable().optional(),
        }),
      )
      .max(20_000),
  })
  .strict()
  .openapi('SampleBatch');

export const EvaluationBatch = z
  .object({
    evaluations: z
      .array(
        z.object({
          checkpoint: z.object({ stage: z.string(), step: z.number().int() }),
          benchmark: z.string(),
          n: z.number().int(),
          k: z.number().int(),
          temperature: z.number(),
          problems: z.number().int(),
          pass1: z.number(),
          passAtK: z.number(),
          consAtK: z.number(),
          greedyPass1: z.number().nullable().optional(),
          answerAnywhere: z.number(),
          formatRate: z.number(),
          languageConsistency: z.number(),
          mixedLanguageRate: z.number(),
          meanLength: z.number(),
          details: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .max(1_000),
  })
  .strict()
  .openapi('EvaluationBatch');

export const CommitCheckpoint = z
  .object({
    step: z.number().int().min(0),
    files: z.record(z.string(), z.object({ sha256, size: z.number().int().min(0) })),
    parent: z.object({ stage: z.string(), step: z.number().int() }).optional(),
    summary: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .openapi('CommitCheckpoint');

export const CommitDataset = z
  .object({
    name: z.string().min(1).max(128),
    file: z.object({ sha256, size: z.number().int().min(0) }),
    rows: z.number().int().min(0),
    stats: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .openapi('CommitDataset');

export const Complete = z
  .object({ result: z.record(z.string(), z.unknown()) })
  .strict()
  .openapi('Complete');

export const Fail = z
  .object({ error: z.string().min(1).max(100_000), retryable: z.boolean().default(true) })
  .strict()
  .openapi('Fail');

export const Release = z
  .object({ reason: z.enum(['shutdown', 'cancel']) })
  .strict()
  .openapi('Release');

export const JobStatus = z.enum([
  'pending',
  'claimed',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

export const Job = z
  .object({
    id: uuid,
    runId: uuid,
    stageId: uuid,
    stageName: z.string(),
    status: JobStatus,
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
    workerId: uuid.nullable(),
    runAfter: ts,
    leaseExpiresAt: ts.nullable(),
    heartbeatAt: ts.nullable(),
    progressDone: z.number(),
    progressTotal: z.number().nullable(),
    error: z.string().nullable(),
    createdAt: ts,
    startedAt: ts.nullable(),
    finishedAt: ts.nullable(),
  })
  .openapi('Job');

export type RegisterWorkerBody = z.input<typeof RegisterWorker>;
export type RegisteredReply = z.infer<typeof Registered>;
export type ClaimedJob = z.infer<typeof Claimed>;
export type CheckpointInputRef = z.infer<typeof CheckpointInput>;
export type HeartbeatBody = z.input<typeof Heartbeat>;
export type HeartbeatResult = z.infer<typeof HeartbeatReply>;
export type MetricBatchBody = z.input<typeof MetricBatch>;
export type SampleBatchBody = z.input<typeof SampleBatch>;
export type EvaluationBatchBody = z.input<typeof EvaluationBatch>;
export type CommitCheckpointBody = z.input<typeof CommitCheckpoint>;
export type CommitDatasetBody = z.input<typeof CommitDataset>;
