// Writing results: validated, named <date>-<sha>[-tag].json, never over an existing file; a pass@1
// result written the way bench:pass1 writes it reads back as series rows and compare figures.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { presetSpec } from '@r1lab/pipeline';
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../src/legacy-figures.ts';
import { pass1Figures, pass1SeriesRows } from '../src/pass1-series.ts';
import { currentRuntime, gitState, startProvenance } from '../src/provenance.ts';
import type { BenchResult, Pass1Body } from '../src/result-schema.ts';
import { listResults, readResult, updateResult, writeResult } from '../src/result-store.ts';
import { buildResult, suiteArgs } from '../src/suite-run.ts';

const env = { variant: 'default', ...currentRuntime(), backend: 'wasm', threads: 1 };

function pass1Result(body: Pass1Body, tag?: string): BenchResult {
  return buildResult({
    suite: 'pass1',
    args: suiteArgs({}, tag ? ['--tag', tag] : []),
    provenance: startProvenance().finish([env]),
    figures: pass1Figures(body),
    pass1: body,
  });
}

const spec = presetSpec('tiny-r1-zero', { seed: 0 });
const body: Pass1Body = {
  presets: ['tiny-r1-zero'],
  seeds: [0],
  runs: [{ preset: 'tiny-r1-zero', seed: 0, specHash: 'a'.repeat(64), spec }],
  rows: [
    {
      preset: 'tiny-r1-zero',
      seed: 0,
      stage: 'base',
      pass1: 0.25,
      format: 0.5,
      language: 0.9,
      problems: 8,
      n: 2,
    },
    {
      preset: 'tiny-r1-zero',
      seed: 0,
      stage: 'rl',
      pass1: 0.5,
      format: 1,
      language: 1,
      problems: 8,
      n: 2,
    },
  ],
  times: [
    { preset: 'tiny-r1-zero', seed: 0, stage: 'base', seconds: 3.2, cached: false },
    { preset: 'tiny-r1-zero', seed: 0, stage: 'rl', seconds: 5.1, cached: false },
    { preset: 'tiny-r1-zero', seed: 0, stage: 'eval', seconds: 1.4, cached: false },
  ],
  trajectories: [],
};

// Outside a git checkout (an unpacked tarball) commit and dirty are 'unknown' by design.
describe.skipIf(gitState().commit === 'unknown')('provenance', () => {
  it('records the commit, the machine, load before and after, and the runtime', () => {
    const p = startProvenance().finish([env]);
    expect(p.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(p.commit).toBe(gitState().commit);
    expect(typeof p.dirty).toBe('boolean');
    expect(p.machine.cores).toBeGreaterThan(0);
    expect(p.machine.loadAfter).toHaveProperty('m15');
    expect(p.environments[0]).toMatchObject({ runtime: 'node', runtimeVersion: process.version });
  });
});

describe('writeResult', () => {
  it('names the file <date>-<short sha>[-tag].json and never overwrites one', () => {
    const root = mkdtempSync(join(tmpdir(), 'r1lab-results-'));
    const r = pass1Result(body, 'smoke');
    const first = writeResult(r, root);
    const second = writeResult(r, root);
    const base = `${r.provenance.date.slice(0, 10)}-${r.provenance.commit.slice(0, 7)}-smoke`;
    expect(basename(first)).toBe(`${base}.json`);
    expect(basename(second)).toBe(`${base}-2.json`);
    expect(
      listResults(root, 'pass1')
        .map((s) => s.path)
        .sort(),
    ).toEqual([first, second].sort());
  });

  it('refuses a result that breaks the schema, naming the field', () => {
    const root = mkdtempSync(join(tmpdir(), 'r1lab-results-'));
    const bad = pass1Result(body);
    bad.figures[0] = { ...bad.figures[0]!, low: 2, high: 3 }; // value outside its spread
    expect(() => writeResult(bad, root)).toThrow(/inside its spread/);
    const path = writeResult(pass1Result(body), root);
    const text = readFileSync(path, 'utf8').replace('"cores": ', '"cores": -');
    expect(() => updateResult(path, JSON.parse(text))).toThrow(/cores/);
  });
});

describe('a pass@1 result', () => {
  it('reads back as series rows per preset × task × seed × stage, keyed by commit and date', () => {
    const root = mkdtempSync(join(tmpdir(), 'r1lab-results-'));
    const path = writeResult(pass1Result(body), root);
    const { result } = readResult(path);
    const rows = pass1SeriesRows(result, 'pass1/x.json');
    expect(rows.map((r) => [r.stage, r.pass1, r.wallSeconds])).toEqual([
      ['base', 0.25, 3.2],
      ['rl', 0.5, 5.1],
      ['eval', null, 1.4],
    ]);
    expect(rows[0]).toMatchObject({
      preset: 'tiny-r1-zero',
      task: 'arith',
      seed: 0,
      commit: result.provenance.commit,
      date: result.provenance.date,
      specHash: 'a'.repeat(64),
      format: 0.5,
      language: 0.9,
      problems: 8,
      samplesPerProblem: 2,
      source: 'pass1/x.json',
    });
    const rl = figuresOf(result).find((f) => f.name === 'tiny-r1-zero seed 0 rl pass@1');
    // 95 % binomial interval over the 8 problems: 0.5 ± 1.96·√(0.25/8).
    expect(rl).toMatchObject({ value: 0.5, spread: 'binomial-95', n: 8 });
    expect(rl!.high - rl!.value).toBeCloseTo(0.3465, 3);
  });
});
