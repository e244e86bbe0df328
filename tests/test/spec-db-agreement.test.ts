// The pipeline spec and the database must agree on what a stage kind is.
import { stageKind } from '@r1lab/db';
import { PRESETS, type PresetName, presetSpec, StageSpec } from '@r1lab/pipeline';
import { describe, expect, it } from 'vitest';

describe('pipeline spec ↔ db schema', () => {
  it('every stage kind the spec accepts is a value of the db stage_kind enum', () => {
    // A stage schema is a zod object, or an object piped through a transform (recipes).
    const shapeOf = (o: (typeof StageSpec.options)[number]) =>
      'shape' in o ? o.shape : o.in.shape;
    const specKinds = StageSpec.options.map((o) => shapeOf(o).kind.value).sort();
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
