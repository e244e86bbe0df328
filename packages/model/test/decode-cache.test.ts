/**
 * The KV-cache sampler on wasm: a batch in which some rows stop
 * early — so finished rows are compacted away mid-generation — gives every row exactly the tokens
 * and log-probs it gets when generated alone, and those log-probs equal tokenLogProbs.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CharTokenizer,
  createModel,
  generate,
  initBackend,
  type Model,
  padBatch,
  type Tokenizer,
  tokenLogProbs,
} from '../src/index.ts';
import { ALPHABET, tinyConfig } from './fixtures.ts';

const tok = CharTokenizer.fromAlphabet(ALPHABET);
let model: Model;

/** `tok` with `stopId` as its only stop token (no </answer> id, so only text could stop it). */
function stoppingOn(stopId: number): Tokenizer {
  return Object.assign(Object.create(tok), { eosId: stopId, tokenId: () => undefined });
}

beforeAll(async () => {
  await initBackend('wasm');
  model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 5, initStd: 0.3 });
});

describe('decode cache with compaction (wasm)', () => {
  const prompts = [
    '<bos>1+2=',
    '<bos>13+25-7=',
    '<bos>a',
    '<bos>9-3=',
    '<bos>bb',
    '<bos>7',
    '<bos>4+4+4=',
    '<bos>c=',
  ].map((p) => tok.encode(p));
  const n = 16;

  it('batched rows equal single-row runs and tokenLogProbs after rows are dropped', async () => {
    // Pick a stop token that ends at least half of the rows early but not all of them, so the
    // batch is compacted while some rows keep decoding.
    const free = await generate(model, stoppingOn(-1), prompts, { maxNewTokens: n, greedy: true });
    let chosen: number | undefined;
    for (let id = 0; id < tok.vocabSize && chosen === undefined; id++) {
      const early = free.filter((o) => o.ids.slice(0, n - 2).includes(id)).length;
      if (early >= prompts.length / 2 && early < prompts.length) chosen = id;
    }
    expect(chosen).toBeDefined();
    const stopTok = stoppingOn(chosen!);
    const batched = await generate(model, stopTok, prompts, { maxNewTokens: n, greedy: true });
    expect(batched.filter((o) => o.finishReason === 'stop').length).toBeGreaterThanOrEqual(4);
    expect(batched.some((o) => o.ids.length === n)).toBe(true);

    for (const [i, p] of prompts.entries()) {
      const [alone] = await generate(model, stopTok, [p], { maxNewTokens: n, greedy: true });
      expect(batched[i]!.ids).toEqual(alone!.ids);
      batched[i]!.logprobs.forEach((lp, t) => {
        expect(Math.abs(lp - alone!.logprobs[t]!)).toBeLessThan(1e-4);
      });
    }

    const seqs = batched.map((o, i) => [...prompts[i]!, ...o.ids]);
    const { ids, attentionMask } = padBatch(seqs, tok.padId, 'left');
    const { logp } = tokenLogProbs(model, ids, attentionMask);
    const rows = logp.arraySync();
    const width = ids.shape[1];
    batched.forEach((o, i) => {
      o.logprobs.forEach((lp, t) => {
        expect(Math.abs(lp - rows[i]![width - o.ids.length + t]!)).toBeLessThan(1e-4);
      });
    });
    tf.dispose([ids, attentionMask, logp]);
  });
});
