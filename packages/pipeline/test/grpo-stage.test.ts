// The GRPO stage with every knob that no preset turns on: dynamic sampling, the overlong penalty,
// a periodic reference reset, μ = 2 and β > 0. A stage interrupted at the reset step, or after it,
// must resume with the same reference (so the same KL and update) as an uninterrupted run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@r1lab/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRecorder, PRESETS, parseSpec, runPipeline } from '../src/index.ts';

const root = mkdtempSync(join(tmpdir(), 'r1lab-grpo-stage-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function spec(rewards: Record<string, number>, overrides: Record<string, unknown> = {}) {
  const raw = structuredClone(PRESETS['tiny-r1-zero']) as {
    stages: Array<Record<string, unknown>>;
  };
  raw.stages = raw.stages.filter((s) => s.kind !== 'eval');
  Object.assign(raw.stages[1]!, {
    steps: 4,
    rewards,
    dynamicSampling: true,
    maxSamplingRounds: 2,
    overlong: { cacheFraction: 0.25 },
    refResetEvery: 2,
    numIterations: 2,
    beta: 0.04,
    checkpointEvery: 1,
    evalEvery: 4,
    ...overrides,
  });
  return parseSpec(raw);
}

describe('GRPO stage knobs', () => {
  it('dynamic sampling: draws up to maxSamplingRounds rounds and logs drawn and dropped groups', async () => {
    // Accuracy alone: the untrained model is never right, so every group is dropped.
    const rec = new MemoryRecorder();
    await runPipeline(spec({ accuracy: 1 }, { overlong: null }), {
      recorder: rec,
      runDir: join(root, 'dropped'),
      cacheDir: join(root, 'cache'),
    });
    const at = (key: string) => rec.series('rl', key).map(([, v]) => v);
    expect(at('dynamic_sampling/rounds')).toEqual([2, 2, 2, 2]);
    expect(at('dynamic_sampling/drawn_groups')).toEqual([4, 4, 4, 4]);
    expect(at('dynamic_sampling/dropped_groups')).toEqual([4, 4, 4, 4]);
    expect(at('dynamic_sampling/kept_groups')).toEqual([0, 0, 0, 0]);
    expect(at('frac_reward_zero_std')).toEqual([1, 1, 1, 1]);
    // Nothing informative: the last round trains, every advantage 0.
    expect(at('updated_fraction')).toEqual([1, 1, 1, 1]);
    expect(at('kl')).toHaveLength(4);
    const tokens = at('num_tokens');
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
  }, 240_000);

  it('the overlong penalty is a reward: in [−1, 0], −1 for a cut completion', async () => {
    const rec = new MemoryRecorder();
    await runPipeline(spec({ accuracy: 1 }), {
      recorder: rec,
      runDir: join(root, 'overlong'),
      cacheDir: join(root, 'cache'),
    });
    const at = (key: string) => rec.series('rl', key).map(([, v]) => v);
    const penalty = at('rewards/overlong/mean');
    expect(penalty).toHaveLength(4);
    for (const [i, p] of penalty.entries()) {
      expect(p).toBeLessThanOrEqual(-at('completions/clipped_ratio')[i]!);
      expect(p).toBeGreaterThanOrEqual(-1);
    }
    // Lengths differ within groups, so some groups are informative and are kept.
    expect(at('dynamic_sampling/kept_groups').some((k) => k > 0)).toBe(true);
  }, 240_000);

  for (const stopAt of [2, 3]) {
    it(`resumes after step ${stopAt} with the reference reset at step 2`, async () => {
      const s = spec({ accuracy: 1, length: 0.5 });
      const straight = new MemoryRecorder();
      await runPipeline(s, {
        recorder: straight,
        runDir: join(root, `straight-${stopAt}`),
        cacheDir: join(root, 'cache'),
      });
      const dir = join(root, `resumed-${stopAt}`);
      let stop = false;
      const partial = await runPipeline(s, {
        recorder: new MemoryRecorder(),
        runDir: dir,
        cacheDir: join(root, 'cache'),
        onProgress: (stage, done) => {
          if (stage === 'rl' && done === stopAt) stop = true;
        },
        shouldStop: () => stop,
      });
      expect(partial.status).toBe('interrupted');
      const second = new MemoryRecorder();
      await runPipeline(s, { recorder: second, runDir: dir, cacheDir: join(root, 'cache') });
      for (const key of ['kl', 'loss', 'grad_norm', 'reward', 'num_tokens']) {
        for (let step = stopAt + 1; step <= 4; step++) {
          const a = straight.series('rl', key).find(([x]) => x === step)?.[1];
          const b = second.series('rl', key).find(([x]) => x === step)?.[1];
          expect(a, `${key}@${step}`).toBeDefined();
          expect(b, `${key}@${step}`).toBe(a);
        }
      }
      // The reset made the reference the step-2 policy: KL restarts near 0 at step 3.
      const kl = straight.series('rl', 'kl').map(([, v]) => v);
      expect(kl[2]!).toBeLessThan(kl[1]!);
      // From the reset on, a checkpoint to resume from carries the reference's weights, so any
      // worker can resume it; the final one does not need them.
      const rl = straight.checkpoints.filter((c) => c.stage === 'rl');
      expect(rl.map((c) => [c.step, existsSync(join(c.dir, 'reference.safetensors'))])).toEqual([
        [1, false],
        [2, true],
        [3, true],
        [4, false],
      ]);
      const lastA = straight.checkpoints.filter((c) => c.stage === 'rl').at(-1)!.sha256;
      const lastB = second.checkpoints.filter((c) => c.stage === 'rl').at(-1)!.sha256;
      expect(lastB).toBe(lastA);
    }, 300_000);
  }
});
