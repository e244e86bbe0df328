// The pipeline spec and the database must agree on what a stage kind is.
import { stageKind } from '@r1lab/db';
import { PRESETS, type PresetName, presetSpec, StageSpec } from '@r1lab/pipeline';
import { describe, expect, it } from 'vitest';

describe('pipeline spec ↔ db schema', () => {
  it('every stage kind the spec accepts is a value of the db stage_kind enum', () => {
    const specKinds = StageSpec.options.map((o) => o.shape.kind.value).sort();
    expect(specKinds).toEqual([...stageKind.enumValues].sort());
  });

  it('every preset uses only stage kinds the db can store', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      for (const stage of presetSpec(name).stages) {
        expect(stageKind.enumValues).toContain(stage.kind);
      }
    }
  });
});
