// A finished `tiny-r1` run recorded through RunRecords the way a local run writes it — every stage
// of the preset's stage plan, GRPO metrics under the pipeline's names (per-reward keys included),
// samples with <think>/<answer>, checkpoints with their lineage, a rejection-sampling dataset, and
// the eval stage's evaluations — without training (the real run costs minutes of CPU). The values
// are synthetic but deterministic (seeded), shaped like a learning run. The GRPO stages record 60
// steps instead of the preset's 2 so that the charts have curves to draw; the stored spec says so.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecords } from '@r1lab/db';
import { hashJson, presetSpec, stagePlan } from '@r1lab/pipeline/spec';

export const GRPO_STEPS = 60;
export const EVAL_EVERY = 10;

export interface SeededTinyR1 {
  runId: string;
  stageIds: Map<string, string>;
  checkpointIds: Map<string, string>;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** One GRPO step's metrics under the pipeline's (TRL's) names. */
export function grpoStepMetrics(step: number, rewards: string[], rand: () => number, lift: number) {
  const t = 1 - Math.exp(-step / 18);
  const noise = () => (rand() - 0.5) * 0.08;
  const accuracy = clamp01(0.2 + lift * t + noise());
  const format = clamp01(0.35 + 0.6 * t + noise());
  const language = clamp01(0.85 + 0.14 * t + noise() / 2);
  const per: Record<string, number> = { accuracy, format, language, repetition: -0.02 * (1 - t) };
  const weights: Record<string, number> = {
    accuracy: 1,
    format: 0.2,
    language: 0.2,
    repetition: 0.2,
  };
  const reward = rewards.reduce((a, r) => a + weights[r]! * per[r]!, 0);
  const m: Record<string, number> = {
    reward,
    reward_std: 0.35 * (1 - t) + 0.05 + rand() * 0.03,
    frac_reward_zero_std: clamp01(0.2 + 0.5 * t + noise()),
    accuracy,
    answer_anywhere: clamp01(accuracy + 0.05),
    format,
    language_consistency: language,
    'completions/mean_length': 18 + 4 * t + rand() * 2,
    'completions/max_length': 24,
    'completions/min_length': 8 + rand() * 3,
    'completions/clipped_ratio': clamp01(0.3 * (1 - t) + noise() / 4),
    'completions/mean_terminated_length': 16 + 4 * t,
    kl: 0.0005 + 0.004 * t + rand() * 0.0005,
    entropy: 1.6 - 0.7 * t + noise(),
    'clip_ratio/low_mean': 0.01 * rand(),
    'clip_ratio/high_mean': 0.015 * rand(),
    'clip_ratio/region_mean': 0.02 * rand(),
    grad_norm: 0.8 * Math.exp(-step / 30) + 0.1 + rand() * 0.05,
    learning_rate: 1e-4,
    loss: noise() / 4,
    num_tokens: step * 96,
    'time/sample_s': 0.8 + rand() * 0.2,
    'time/score_s': 0.02 + rand() * 0.01,
    'time/update_s': 0.5 + rand() * 0.1,
    'throughput/sample_tokens_per_s': 110 + rand() * 20,
    'throughput/update_tokens_per_s': 180 + rand() * 30,
  };
  for (const r of rewards) {
    m[`rewards/${r}/mean`] = per[r]!;
    m[`rewards/${r}/std`] = 0.3 * (1 - t) + 0.02;
  }
  if (step % EVAL_EVERY === 0) {
    m['eval/pass1'] = clamp01(0.15 + lift * t);
    m['eval/answer_anywhere'] = clamp01(0.2 + lift * t);
    m['eval/format'] = format;
    m['eval/language_consistency'] = language;
  }
  return m;
}

const HELD_OUT = ['Compute 7+5.\n', 'Calcule 9+4.\n'];

function completion(
  a: number,
  b: number,
  right: boolean,
  french: boolean,
  tagged: boolean,
): string {
  const sum = a + b;
  const said = right ? sum : sum + 1;
  const think = french ? `${a} plus ${b} font ${said}` : `${a} plus ${b} is ${said}`;
  return tagged ? `<think>${think}</think><answer>${said}</answer>` : think;
}

/**
 * @example
 * const { runId } = await seedTinyR1(api.deps.records, { seed: 0, artifactsUri: 'file:///tmp/store' });
 */
export async function seedTinyR1(
  records: RunRecords,
  o: { seed?: number; name?: string; lift?: number; artifactsUri: string },
): Promise<SeededTinyR1> {
  const seed = o.seed ?? 0;
  const rand = rng(seed + 1);
  const lift = o.lift ?? 0.6;
  const spec = presetSpec('tiny-r1', { seed });
  for (const s of spec.stages) {
    if (s.kind === 'grpo') Object.assign(s, { steps: GRPO_STEPS, evalEvery: EVAL_EVERY });
  }
  const { runId, stageIds } = await records.createRun(
    {
      name: o.name ?? spec.name,
      preset: 'tiny-r1',
      spec: spec as unknown as Record<string, unknown>,
      specHash: hashJson(spec),
      seed,
      status: 'running',
    },
    stagePlan(spec),
  );
  const uri = o.artifactsUri;
  const checkpointIds = new Map<string, string>();
  const checkpointSteps = new Map<string, number>();
  const checkpoint = async (stage: string, step: number, parent: string | null) => {
    const folder = `${uri}/runs/${runId}/stages/${stage}/step-${String(step).padStart(6, '0')}`;
    // Small stand-in files, so the checkpoint page lists files with their digests.
    const model = new Uint8Array(2048).map((_, i) => (i * 31 + step + seed) % 251);
    const dir = fileURLToPath(folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.safetensors'), model);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hidden_size: 32 }));
    const id = await records.writeCheckpoint({
      stageId: stageIds.get(stage)!,
      step,
      uri: folder,
      sha256: createHash('sha256').update(model).digest('hex'),
      sizeBytes: model.length,
      parentId: parent,
    });
    checkpointIds.set(stage, id);
    checkpointSteps.set(stage, step);
    return id;
  };

  for (const stage of spec.stages) {
    const stageId = stageIds.get(stage.name)!;
    await records.setStageStatus(stageId, 'running');
    const from = 'from' in stage && typeof stage.from === 'string' ? stage.from : null;
    const parent = from ? (checkpointIds.get(from) ?? null) : null;
    if (stage.kind === 'pretrain' || stage.kind === 'sft') {
      const steps = stage.steps;
      await records.writeMetrics(
        stageId,
        Array.from({ length: steps }, (_, i) => [
          { step: i + 1, key: 'loss', value: 3.2 * Math.exp(-(i + 1) / steps) + rand() * 0.05 },
          { step: i + 1, key: 'learning_rate', value: 1e-3 },
        ]).flat(),
      );
      await checkpoint(stage.name, steps, parent);
      await records.setStageStatus(stageId, 'succeeded', { result: { steps } });
    } else if (stage.kind === 'grpo') {
      const rewards = Object.keys(stage.rewards);
      // One write per stage (a finished run's record; the live test writes step by step).
      const points: Array<{ step: number; key: string; value: number }> = [];
      for (let step = 1; step <= GRPO_STEPS; step++) {
        const m = grpoStepMetrics(step, rewards, rand, lift);
        points.push(...Object.entries(m).map(([key, value]) => ({ step, key, value })));
        if (step % EVAL_EVERY === 0) {
          const t = step / GRPO_STEPS;
          await records.writeSamples(stageId, [
            ...[0, 1].map((idx) => {
              const a = 2 + ((step + idx) % 7);
              const b = 3 + idx;
              const right = rand() < 0.3 + 0.6 * t;
              const tagged = idx === 0 || rand() < t;
              const french = idx === 1 && step === EVAL_EVERY;
              return {
                step,
                idx,
                prompt: `Compute ${a}+${b}.\n`,
                completion: completion(a, b, right, french, tagged),
                answer: String(a + b),
                rewards: {
                  accuracy: right && tagged ? 1 : 0,
                  format: tagged ? 1 : 0,
                  language: french ? 0 : 1,
                },
                reward: (right && tagged ? 1 : 0) + (tagged ? 0.2 : 0) + (french ? 0 : 0.2),
                advantage: right ? 0.7 : -0.7,
                correct: right && tagged,
                formatOk: tagged,
                mixedLanguage: french,
              };
            }),
            ...HELD_OUT.map((prompt, i) => {
              const [a, b] = prompt.match(/\d+/g)!.map(Number) as [number, number];
              const right = step >= 30 || i === 0;
              return {
                step,
                idx: 1000 + i,
                kind: 'held-out' as const,
                prompt,
                completion: completion(a, b, right, i === 1, true),
                answer: String(a + b),
                rewards: { accuracy: right ? 1 : 0 },
                reward: right ? 1 : 0,
                advantage: null,
                correct: right,
                formatOk: true,
                mixedLanguage: false,
              };
            }),
          ]);
        }
      }
      await records.writeMetrics(stageId, points);
      await checkpoint(stage.name, GRPO_STEPS, parent);
      await records.setStageStatus(stageId, 'succeeded', { result: { steps: GRPO_STEPS } });
    } else if (stage.kind === 'rejection-sampling') {
      await records.writeDataset({
        stageId,
        name: `${stage.name}-kept`,
        kind: 'rejection-sampling',
        uri: `${uri}/runs/${runId}/datasets/${stage.name}.jsonl`,
        sha256: null,
        rowCount: 11,
        stats: { kept: 3, general: 8, drawn: 8 },
      });
      await records.setStageStatus(stageId, 'succeeded', { result: { kept: 11 } });
    } else if (stage.kind === 'eval') {
      const evaluated = ['base', 'cold-start', 'reasoning-rl', 'sft', 'all-scenarios-rl'];
      for (const [i, name] of evaluated.entries()) {
        const pass1 = clamp01(0.125 + (lift * i) / 5 + rand() * 0.02);
        await records.writeEvaluation({
          stageId,
          checkpointId: checkpointIds.get(name)!,
          benchmark: 'arith-easy-test',
          n: 2,
          k: 2,
          temperature: 1,
          problems: 8,
          pass1,
          passAtK: clamp01(pass1 + 0.1),
          consAtK: clamp01(pass1 + 0.05),
          greedyPass1: clamp01(pass1 - 0.05),
          answerAnywhere: clamp01(pass1 + 0.2),
          formatRate: clamp01(0.3 + 0.15 * i),
          languageConsistency: clamp01(0.88 + 0.02 * i),
          mixedLanguageRate: 0.1 - 0.02 * i,
          meanLength: 20 + i,
          details: {
            checkpoint: { stage: name, step: checkpointSteps.get(name)! },
            repetition: 0.03 - 0.002 * i,
            excessRepetition: 0.013 - 0.002 * i,
            scenarios: {
              helpfulness: clamp01(0.2 * i),
              refusal: clamp01(0.25 * i),
              over_refusal: 0.01 * (4 - i),
              greedy_helpfulness: clamp01(0.2 * i + 0.1),
              greedy_refusal: clamp01(0.25 * i + 0.05),
            },
          },
        });
      }
      await records.setStageStatus(stageId, 'succeeded');
    }
  }
  await records.setRunStatus(runId, 'succeeded');
  return { runId, stageIds, checkpointIds };
}
