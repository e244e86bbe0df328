// Speed work must not change what the model computes: every fingerprint (logits, sampler-side
// log-probs and entropies, a policy-gradient, the losses of 5 clipped AdamW steps and the weights
// after them, generate()'s tokens and log-probs) equals, bit for bit, the one recorded before the
// optimisations of issue 22, on wasm and on cpu.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../src/index.ts';
import { FINGERPRINT_CONFIGS, modelFingerprint } from './fingerprint.ts';

const golden = JSON.parse(
  readFileSync(new URL('./fingerprint-golden.json', import.meta.url), 'utf8'),
) as Record<'wasm' | 'cpu', Record<string, unknown>>;

describe.each(['wasm', 'cpu'] as const)('numerics fingerprint on %s', (backend) => {
  it.each(Object.keys(FINGERPRINT_CONFIGS))(
    '%s config is bit-identical to the record',
    async (name) => {
      await initBackend(backend);
      const fp = await modelFingerprint(FINGERPRINT_CONFIGS[name]!, 5);
      expect(fp).toEqual(golden[backend][name]);
    },
  );
});
