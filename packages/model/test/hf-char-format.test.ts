import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CharTokenizer,
  loadHfTokenizer,
  readCharTokenizerHf,
  SPECIAL_TOKENS,
  tokenizerFromFiles,
} from '../src/index.ts';

/** The corpus alphabet of @r1lab/tasks when this was written (`corpusAlphabet()`), newline first. */
const CORPUS_ALPHABET = '\n !()*+,-./0123456789:=?ACEFHILMQRSTUWabcdefghijklmnopqrstuvwxyzÉçèéî';
const tok = CharTokenizer.fromAlphabet(CORPUS_ALPHABET);
const files = tok.toHuggingFace({ modelMaxLength: 256 });
const hf = new HfTokenizer(files.tokenizer, files.config);
const hfIds = (text: string) => hf.encode(text, { add_special_tokens: false }).ids;

/** Base-corpus and cold-start texts as the task generators write them (English and French). */
const TASK_TEXTS = [
  'Calcule 3+6-3-4.\n<think>3 plus 6 font 9, 9 moins 3 font 6, 6 moins 4 font 1</think><answer>1</answer>',
  'Calcule 5-2+9.\n5 moins 2 font 3, 3 plus 9 font 12\nRéponse: 12',
  'Calcule 7+4+9-1.\n7 plus 4 font 14, 14 plus 9 font 23, 23 moins 1 font 22\n= 22',
  'Compute 6-1+9+9.\n<think>6 minus 1 is 5, 5 plus 9 is 14, 14 plus 9 is 23</think><answer>23</answer>',
  'Compute 8-7+8.\n<think>8 minus 7 is 1, 1 plus 8 is 9</think><answer>9</answer>',
  '<bos>Combien font 3 fois 4 ? Écris la réponse.\n<think>3 fois 4 font 12</think><answer>12</answer><eos>',
  'What is (12/4)*3? Think first: 12 over 4 is 3, 3 times 3 is 9.\nAnswer: 9',
  'Sélectionne: î, ç, è, é.',
];

describe('CharTokenizer.toHuggingFace', () => {
  it('writes a BPE model without merges, the specials as added tokens, and an HF tokenizer config', () => {
    const model = files.tokenizer.model as { type: string; merges: unknown[]; vocab: object };
    expect(model.type).toBe('BPE');
    expect(model.merges).toEqual([]);
    expect(Object.keys(model.vocab)).toHaveLength(tok.vocabSize);
    expect(files.tokenizer.added_tokens).toEqual(
      SPECIAL_TOKENS.map((content, id) => expect.objectContaining({ id, content, special: true })),
    );
    expect(files.config).toMatchObject({
      tokenizer_class: 'PreTrainedTokenizerFast',
      bos_token: '<bos>',
      eos_token: '<eos>',
      pad_token: '<pad>',
      model_max_length: 256,
      clean_up_tokenization_spaces: false,
    });
  });

  it('gives CharTokenizer ids through @huggingface/tokenizers for every character, special and task text', () => {
    for (const ch of CORPUS_ALPHABET) expect(hfIds(ch)).toEqual(tok.encode(ch));
    for (const s of SPECIAL_TOKENS) expect(hfIds(s)).toEqual([tok.tokenId(s)]);
    for (const text of [CORPUS_ALPHABET, SPECIAL_TOKENS.join(''), ...TASK_TEXTS]) {
      expect(hfIds(text)).toEqual(tok.encode(text));
      expect(hf.decode(hfIds(text))).toBe(text);
    }
    expect(hf.decode(tok.encode(TASK_TEXTS[0]!), { skip_special_tokens: true })).toBe(
      tok.decode(tok.encode(TASK_TEXTS[0]!), { skipSpecial: true }),
    );
  });

  it('agrees with CharTokenizer on any text over the alphabet and the specials (property)', () => {
    const piece = fc.constantFrom(...CORPUS_ALPHABET, ...SPECIAL_TOKENS);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const ids = tok.encode(text);
        expect(hfIds(text)).toEqual(ids);
        expect(ids.length === 0 ? '' : hf.decode(ids)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('puts <bos> in front when special tokens are added, as every r1lab sequence starts', () => {
    expect(hf.encode('1+1').ids).toEqual([tok.bosId, ...tok.encode('1+1')]);
  });

  it('is recognised when read back: a CharTokenizer with the same pieces, else the HF adapter', () => {
    const again = tokenizerFromFiles(files.tokenizer, files.config);
    expect(again).toBeInstanceOf(CharTokenizer);
    expect(again.toJSON()).toEqual(tok.toJSON());
    expect(readCharTokenizerHf(JSON.parse(JSON.stringify(files.tokenizer)))).toEqual(tok.toJSON());
    // the old r1lab-char form still loads
    expect(tokenizerFromFiles(tok.toJSON()).toJSON()).toEqual(tok.toJSON());
    // a merge makes it a real BPE: the generic adapter, still giving the same ids here
    const model = files.tokenizer.model as Record<string, unknown>;
    const withMerge = { ...files.tokenizer, model: { ...model, merges: [['1', '2']] } };
    expect(readCharTokenizerHf(withMerge)).toBeUndefined();
    expect(tokenizerFromFiles(withMerge, files.config)).not.toBeInstanceOf(CharTokenizer);
    const adapter = loadHfTokenizer(files.tokenizer, files.config);
    expect([adapter.bosId, adapter.eosId, adapter.padId]).toEqual([0, 1, 2]);
    expect(adapter.encode(TASK_TEXTS[3]!)).toEqual(tok.encode(TASK_TEXTS[3]!));
    expect(adapter.decode([])).toBe('');
  });
});
