// The tiny policy the GRPO update tests train (one layer over the task tokenizer's characters), a
// batch of three groups of two sampled from it, and one call of the update as the stage makes it.
import { AdamW, createModel, generate, type Model } from '@r1lab/model';
import { taskTokenizer } from '../src/cache-key.ts';
import { grpoUpdate } from '../src/grpo-update.ts';
import { encodePrompt } from '../src/sequences.ts';
import { GrpoStage } from '../src/spec.ts';

export const tok = taskTokenizer();

export const tinyConfig = {
  vocab_size: tok.vocabSize,
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  max_position_embeddings: 64,
};

export const prompts = ['1+2=', '3-1=', '4+4=']
  .flatMap((p) => [p, p])
  .map((p) => encodePrompt(tok, p));

export function grpoStage(fields: object) {
  return GrpoStage.parse({ kind: 'grpo', name: 'rl', from: 'base', maxNewTokens: 12, ...fields });
}

/** A policy, its reference (another seed when `refSeed` differs) and one batch sampled from it. */
export async function setup(refSeed = 7) {
  const policy: Model = createModel(tinyConfig, { seed: 7 });
  const ref = createModel(tinyConfig, { seed: refSeed });
  const outs = await generate(policy, tok, prompts, { maxNewTokens: 12, temperature: 1, seed: 3 });
  return { policy, ref, outs };
}

export async function update(
  fields: object,
  advantages: Float32Array,
  opts: { withRef?: boolean; measureSkipped?: boolean } = {},
) {
  const { policy, ref, outs } = await setup();
  const stage = grpoStage({ lr: 1e-2, ...fields });
  const optimizer = new AdamW(policy.trainableVariables(), { lr: stage.lr });
  const metrics = grpoUpdate({
    stage,
    policy,
    ref,
    optimizer,
    prompts,
    outs,
    advantages,
    padId: tok.padId,
    withRef: opts.withRef ?? false,
    measureSkipped: opts.measureSkipped ?? false,
  });
  const weights = policy.trainableVariables().map((v) => Array.from(v.dataSync()));
  const steps = optimizer.stepCount;
  optimizer.dispose();
  policy.dispose();
  ref.dispose();
  return { metrics, weights, steps };
}
