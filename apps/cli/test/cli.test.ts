// The r1lab command as a user runs it: a tiny pipeline end to end on PGlite, then eval, generate
// and score on what it produced, and clear errors for bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findShippedBase, presetSpec, pretrainCacheKey } from '@r1lab/pipeline/spec';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/r1lab.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'r1lab-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function r1lab(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, R1LAB_DATA_DIR: dataDir, DATABASE_URL: '', R1LAB_BACKEND: 'wasm' },
    timeout: 240_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('r1lab CLI', () => {
  let artifacts = '';
  it('runs tiny-r1-zero end to end (API + in-process worker) and ends with the stage table', () => {
    const r = r1lab('run', '--preset', 'tiny-r1-zero');
    expect(r.err).not.toContain('r1lab:');
    expect(r.code).toBe(0);
    expect(r.out).toContain('database: pglite');
    expect(r.out).toMatch(/API: http:\/\/127\.0\.0\.1:\d+ — dashboard http:\/\/127\.0\.0\.1:\d+\//);
    // Stage lines come from the run's event stream, on stderr beside the progress bars.
    expect(r.err).toMatch(/▶ rl \(grpo\)/);
    expect(r.err).toMatch(/✓ rl in \d+\.\d s/);
    artifacts = /artifacts in (\S+)/.exec(r.out)![1]!;
    expect(r.out).toMatch(/run [0-9a-f-]{36}: succeeded/);
    expect(r.out).toMatch(/stage\s+pass@1\s+any-pos\s+pass@k/);
    // One row per evaluated checkpoint, in stage order.
    expect(r.out).toMatch(/^base\s+\d[^\n]*\nrl\s+\d/m);
  }, 240_000);

  it('evaluates and samples from the checkpoint the run wrote', () => {
    const rlDir = join(artifacts, 'rl');
    const step = readdirSync(rlDir)
      .filter((d) => d.startsWith('step-'))
      .sort()
      .at(-1)!;
    const ckpt = join(rlDir, step);
    const ev = r1lab(
      'eval',
      '--checkpoint',
      ckpt,
      '--n',
      '2',
      '--problems',
      '4',
      '--max-new-tokens',
      '16',
    );
    expect(ev.code).toBe(0);
    expect(ev.out).toContain('arith-easy-test, 4 problems, n=2');
    const gen = r1lab(
      'generate',
      '--checkpoint',
      ckpt,
      '--prompt',
      'Compute 3+4.\\n',
      '--n',
      '2',
      '--max-new-tokens',
      '8',
    );
    expect(gen.code).toBe(0);
    expect(gen.out.trim().split('\n')).toHaveLength(2);
    expect(gen.out).toMatch(/\((stop|length)\)/);
  }, 240_000);

  it('scores a JSONL file with every reward, keeping unreadable lines as errors', () => {
    const input = join(dataDir, 'in.jsonl');
    const output = join(dataDir, 'out.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({
          completion: '<think>3 plus 4 is 7</think><answer>7</answer>',
          answer: '7',
        }),
        JSON.stringify({ completion: 'the answer is 8', answer: '7' }),
        '{not json',
      ].join('\n'),
    );
    const r = r1lab('score', '--in', input, '--out', output);
    expect(r.code).toBe(0);
    const rows = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[0].rewards).toMatchObject({ accuracy: 1, format: 1 });
    expect(rows[0].reward).toBe(2);
    expect(rows[1].rewards).toMatchObject({ accuracy: 0, format: 0 });
    expect(rows[2].error).toBeTruthy();
  }, 60_000);

  it('rejects bad input with a message that names the option', () => {
    const bad = r1lab('run', '--preset', 'r2');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--preset must be one of r1-zero, .*tiny-r1, got "r2"/);
    const seed = r1lab('run', '--preset', 'tiny-r1-zero', '--seed', '-3');
    expect(seed.err).toContain('--seed must be a non-negative integer');
    const spec = join(dataDir, 'bad-spec.json');
    writeFileSync(spec, JSON.stringify({ stages: [{ kind: 'grpo', name: 'rl', from: 'base' }] }));
    const s = r1lab('run', '--spec', spec);
    expect(s.code).toBe(1);
    expect(s.err).toContain('stages.0.from');
    const backend = r1lab('run', '--backend', 'gpu');
    expect(backend.code).not.toBe(0);
    expect(backend.err).toContain("argument 'gpu' is invalid");
  }, 120_000);

  it('builds a shipped base folder whose manifest the pipeline matches, and names a missing stage', () => {
    const out = join(dataDir, 'models', 'tiny-base');
    const r = r1lab('base-model', '--preset', 'tiny-r1-zero', '--out', out);
    expect(r.err).not.toContain('r1lab:');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'tiny-base', step: 4, pretrain: { steps: 4 } });
    const spec = presetSpec('tiny-r1-zero');
    expect(manifest.cacheKey).toBe(pretrainCacheKey(spec, spec.stages[0]!));
    expect(findShippedBase(manifest.cacheKey, join(dataDir, 'models'))?.dir).toBe(out);
    expect(Object.keys(manifest.files)).toContain('model.safetensors');
    expect(manifest.regenerate).toContain('--preset tiny-r1-zero');
    const missing = r1lab(
      'base-model',
      '--preset',
      'tiny-r1-zero',
      '--stage',
      'nope',
      '--out',
      out,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      'preset tiny-r1-zero has no pretrain stage named nope (it has: base)',
    );
  }, 120_000);
});
