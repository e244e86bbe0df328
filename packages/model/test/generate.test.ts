import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CharTokenizer,
  createModel,
  forward,
  generate,
  initBackend,
  type Model,
  padBatch,
  tokenLogProbs,
} from '../src/index.ts';
import { ALPHABET, tinyConfig } from './fixtures.ts';

const tok = CharTokenizer.fromAlphabet(ALPHABET);
let model: Model;

beforeAll(async () => {
  await initBackend('cpu');
  model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 21, initStd: 0.3 });
});

/** Greedy decoding by re-running the full sequence each step (no cache). */
function greedyNoCache(prompt: number[], n: number): number[] {
  const seq = [...prompt];
  for (let i = 0; i < n; i++) {
    const logits = forward(model, tf.tensor2d([seq], undefined, 'int32'));
    const last = logits.slice([0, seq.length - 1, 0], [1, 1, tok.vocabSize]).reshape([-1]);
    const arg = last.argMax().dataSync()[0]!;
    tf.dispose([logits, last]);
    seq.push(arg);
  }
  return seq.slice(prompt.length);
}

describe('generate', () => {
  const prompts = ['<bos>1+2=', '<bos>13+25-7=', '<bos>a', '<bos>9-3='];

  it('KV-cache greedy decoding equals full-sequence greedy decoding (mixed lengths, left padding)', async () => {
    const out = await generate(model, tok, prompts, { maxNewTokens: 10, greedy: true, stop: [] });
    // no stop tokens in this comparison: compare up to a stop token if one was produced
    for (const [i, p] of prompts.entries()) {
      const expected = greedyNoCache(tok.encode(p), out[i]!.ids.length);
      expect(out[i]!.ids).toEqual(expected);
      expect(out[i]!.promptIds).toEqual(tok.encode(p));
    }
  });

  it('returns sampler logprobs equal to teacher-forced tokenLogProbs (within 1e-4)', async () => {
    for (const temperature of [1, 0.7]) {
      const out = await generate(model, tok, prompts, { maxNewTokens: 12, temperature, seed: 5 });
      const seqs = out.map((o) => [...o.promptIds, ...o.ids]);
      const { ids, attentionMask } = padBatch(seqs, tok.padId, 'right');
      const { logp } = tokenLogProbs(model, ids, attentionMask, { temperature });
      const lp = logp.arraySync();
      out.forEach((o, i) => {
        o.ids.forEach((_, j) => {
          expect(Math.abs(o.logprobs[j]! - lp[i]![o.promptIds.length + j]!)).toBeLessThan(1e-4);
        });
      });
      tf.dispose([ids, attentionMask, logp]);
    }
  });

  it('logprobs ignore top-k / top-p truncation (still the untruncated policy at temperature)', async () => {
    const out = await generate(model, tok, ['<bos>7'], {
      maxNewTokens: 8,
      topK: 3,
      topP: 0.9,
      seed: 2,
    });
    const seq = [...out[0]!.promptIds, ...out[0]!.ids];
    const { logp } = tokenLogProbs(model, tf.tensor2d([seq], undefined, 'int32'), undefined);
    const lp = logp.arraySync()[0]!;
    for (const [j] of out[0]!.ids.entries()) {
      expect(out[0]!.logprobs[j]).toBeCloseTo(lp[2 + j]!, 4);
    }
    logp.dispose();
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await generate(model, tok, prompts, { maxNewTokens: 12, seed: 9 });
    const b = await generate(model, tok, prompts, { maxNewTokens: 12, seed: 9 });
    const c = await generate(model, tok, prompts, { maxNewTokens: 12, seed: 10 });
    expect(a.map((o) => o.ids)).toEqual(b.map((o) => o.ids));
    expect(a.map((o) => o.ids)).not.toEqual(c.map((o) => o.ids));
  });

  it('stops per sequence on </answer>, <eos> and stop strings; reports finish reasons', async () => {
    const answerEnd = tok.tokenId('</answer>')!;
    const stops = new Set([answerEnd, tok.eosId]);
    const many = Array.from({ length: 16 }, (_, i) => `<bos>${i % 10}`);
    const out = await generate(model, tok, many, { maxNewTokens: 40, seed: 3, stop: ['=='] });
    let stopped = 0;
    for (const o of out) {
      const firstStop = o.ids.findIndex((id) => stops.has(id));
      const text = tok.decode(o.ids);
      if (o.finishReason === 'stop') {
        stopped++;
        const endsOnToken = firstStop === o.ids.length - 1;
        const endsOnString = text.endsWith('==') && !tok.decode(o.ids.slice(0, -1)).includes('==');
        expect(endsOnToken || endsOnString).toBe(true);
        if (o.ids.at(-1) === answerEnd) expect(o.text.endsWith('</answer>')).toBe(true);
      } else {
        expect(o.ids).toHaveLength(40);
        expect(firstStop).toBe(-1);
        expect(text.includes('==')).toBe(false);
      }
    }
    // with this random model a 21-token vocabulary makes early stops near certain in 40 tokens
    expect(stopped).toBeGreaterThan(0);
    expect(out.every((o) => o.logprobs.length === o.ids.length)).toBe(true);
  });

  it('excludes <eos> from text but keeps it in ids with a logprob', async () => {
    const biased = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 22 });
    const head = biased.get('lm_head.weight');
    const rows = head.arraySync() as number[][];
    const h = biased.config.hidden_size;
    // make <eos> the argmax everywhere: every other row scores about -100 · sum(hidden)
    rows[tok.eosId] = new Array(h).fill(0);
    for (let v = 0; v < rows.length; v++)
      if (v !== tok.eosId) rows[v] = rows[v]!.map((x) => x - 100);
    head.assign(tf.tensor2d(rows));
    const out = await generate(biased, tok, ['<bos>1'], { maxNewTokens: 5, greedy: true });
    expect(out[0]!.ids).toEqual([tok.eosId]);
    expect(out[0]!.text).toBe('');
    expect(out[0]!.logprobs).toHaveLength(1);
    expect(out[0]!.finishReason).toBe('stop');
    biased.dispose();
  });

  it('rejects bad options with clear errors', async () => {
    await expect(
      generate(model, tok, ['<bos>1'], { maxNewTokens: 2, temperature: 0 }),
    ).rejects.toThrow(/temperature must be > 0/);
    await expect(generate(model, tok, [[]], { maxNewTokens: 2 })).rejects.toThrow(
      /prompt 0 is empty/,
    );
  });

  it('leaks no tensor over 20 generate calls', async () => {
    await generate(model, tok, prompts, { maxNewTokens: 6, seed: 0 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await generate(model, tok, prompts, {
        maxNewTokens: 6 + (i % 3),
        seed: i,
        topK: i % 2 ? 5 : 0,
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
