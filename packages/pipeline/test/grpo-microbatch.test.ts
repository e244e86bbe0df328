// Gradient accumulation must not change the update: the same GRPO step with micro-batches of 1
// and with the whole batch at once gives the same gradient norm and the same update statistics.
// (The length reward varies with every completion, so an untrained model still gets advantages.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@r1lab/model';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryRecorder, parseSpec, presetSpec, runPipeline } from '../src/index.ts';

const root = mkdtempSync(join(tmpdir(), 'r1lab-microbatch-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function firstStep(microBatchSize: number) {
  const base = presetSpec('tiny-r1-zero');
  const spec = parseSpec({
    ...base,
    stages: base.stages
      .map((s) =>
        s.kind === 'grpo'
          ? {
              ...s,
              steps: 1,
              promptsPerStep: 3,
              groupSize: 2,
              microBatchSize,
              rewards: { length: 1 },
            }
          : s,
      )
      .filter((s) => s.kind !== 'eval'),
  });
  const rec = new MemoryRecorder();
  await runPipeline(spec, {
    recorder: rec,
    runDir: join(root, `mb-${microBatchSize}`),
    cacheDir: join(root, 'cache'),
  });
  const at = (key: string) => rec.series('rl', key)[0]![1];
  return {
    gradNorm: at('grad_norm'),
    ratio: at('ratio_mean'),
    tokens: at('num_tokens'),
    reward: at('reward'),
  };
}

it('gives the same GRPO update with micro-batches of 1 as with the whole batch of 6', async () => {
  const whole = await firstStep(64);
  const split = await firstStep(1);
  expect(split.reward).toBe(whole.reward);
  expect(split.tokens).toBe(whole.tokens);
  expect(whole.gradNorm).toBeGreaterThan(0);
  expect(split.gradNorm).toBeCloseTo(whole.gradNorm, 5);
  expect(split.ratio).toBeCloseTo(whole.ratio, 6);
}, 120_000);
