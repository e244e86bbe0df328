// The probe specs the READMEs cite (`r1lab run --spec benchmarks/specs/…`) stay valid specs.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { presetSpec } from '@r1lab/pipeline';
import { parseSpec } from '@r1lab/pipeline/spec';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../specs/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('benchmarks/specs', () => {
  it('holds the probes the READMEs cite', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'general-base-probe.json',
        'general-sft-probe.json',
        'r1-all-scenarios-general-base.json',
      ]),
    );
  });

  it.each(files)('%s parses as a pipeline spec named after its file', (file) => {
    const spec = parseSpec(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
    expect(`${spec.name}.json`).toBe(file);
  });
});

describe('the r1-all-scenarios preset', () => {
  it('is the pipeline of r1-all-scenarios-copies.json, whose runs measured it', () => {
    const measured = parseSpec(
      JSON.parse(readFileSync(`${dir}r1-all-scenarios-copies.json`, 'utf8')),
    );
    const preset = presetSpec('r1-all-scenarios');
    expect(preset.stages).toEqual(measured.stages);
    expect({ ...preset.model, ...preset.task }).toEqual({ ...measured.model, ...measured.task });
  });
});
