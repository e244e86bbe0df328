// The model package under Bun (the worker's second runtime): backend init, sampling and a
// checkpoint round trip, and the same sampled tokens as Node on the same backend and seed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const smoke = fileURLToPath(new URL('./bun/smoke.ts', import.meta.url));
const bun = fileURLToPath(new URL('../../../node_modules/.bin/bun', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

function run(cmd: string, args: string[]) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  expect(res.status, res.stderr.slice(-2000)).toBe(0);
  return JSON.parse(line) as { runtime: string; backend: string; ids: number[]; same: boolean };
}

describe.skipIf(!existsSync(bun))('under Bun', () => {
  it('runs on wasm and cpu, round-trips a checkpoint, and samples what Node samples', () => {
    const onBun = run(bun, [smoke, 'wasm']);
    expect(onBun).toMatchObject({ runtime: 'bun', backend: 'wasm', same: true });
    const onNode = run(process.execPath, ['--import', tsx, smoke, 'wasm']);
    expect(onNode.runtime).toBe('node');
    expect(onBun.ids).toEqual(onNode.ids);
    expect(run(bun, [smoke, 'cpu'])).toMatchObject({ runtime: 'bun', backend: 'cpu', same: true });
  }, 120_000);
});
