// The API never loads TensorFlow.js: importing it (and building an app) pulls in no @tensorflow
// module, so it starts fast under Node, Bun and Deno. Checked in a fresh process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('@r1lab/api imports', () => {
  it('load no @tensorflow/* module', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))});
      const cjs = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ cjs: cjs.length, tf: cjs.filter((p) => p.includes('@tensorflow')) }));
    `;
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      },
    );
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { cjs: number; tf: string[] };
    expect(out.cjs).toBeGreaterThan(10);
    expect(out.tf).toEqual([]);
  }, 60_000);

  it('the check itself sees tfjs when a module does load it', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import('@r1lab/model');
      const cjs = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ tf: cjs.filter((p) => p.includes('@tensorflow')).length }));
    `;
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      },
    );
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout.trim().split('\n').at(-1)!).tf).toBeGreaterThan(0);
  }, 60_000);
});
