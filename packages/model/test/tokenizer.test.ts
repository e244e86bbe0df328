import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharTokenizer, loadHfTokenizer, SPECIAL_TOKENS } from '../src/index.ts';

const tok = CharTokenizer.fromAlphabet('0123456789+-= abc');

describe('CharTokenizer', () => {
  it('gives each special token one id and recognises it literally in text', () => {
    expect(SPECIAL_TOKENS.map((s) => tok.tokenId(s))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tok.bosId).toBe(0);
    expect(tok.eosId).toBe(1);
    expect(tok.padId).toBe(2);
    expect(tok.encode('<think>1+1</think><answer>2</answer>')).toEqual([3, 8, 17, 8, 4, 5, 9, 6]);
    expect(tok.vocabSize).toBe(7 + 17);
  });

  it('decodes, optionally skipping specials', () => {
    const ids = tok.encode('<bos>12<eos>');
    expect(tok.decode(ids)).toBe('<bos>12<eos>');
    expect(tok.decode(ids, { skipSpecial: true })).toBe('12');
  });

  it('throws a clear error on characters outside the alphabet and bad ids', () => {
    expect(() => tok.encode('1x')).toThrow(/"x" is not in the alphabet/);
    expect(() => tok.decode([999])).toThrow(/out of range/);
    // a lone '<' that starts no special token is an ordinary (here unknown) character
    expect(() => tok.encode('<th')).toThrow(/"<" is not in the alphabet/);
  });

  it('survives a JSON round trip', () => {
    const again = CharTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
    expect(again.encode('<answer>3 a</answer>')).toEqual(tok.encode('<answer>3 a</answer>'));
    expect(again.vocabSize).toBe(tok.vocabSize);
    expect(() => CharTokenizer.fromJSON({ type: 'bpe' })).toThrow(/not an r1lab-char/);
  });

  it('decode(encode(s)) === s for any text over the alphabet and specials (property)', () => {
    const piece = fc.constantFrom(...'0123456789+-= abc'.split(''), ...SPECIAL_TOKENS);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        expect(tok.decode(tok.encode(s))).toBe(s);
        expect(tok.encode(s).length).toBe(parts.length);
      }),
    );
  });
});

describe('loadHfTokenizer', () => {
  // A minimal Hugging Face BPE tokenizer.json: bytes a,b,c plus merges ab, abc, and added specials.
  const hfJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: 0,
        content: '<s>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
      {
        id: 1,
        content: '</s>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
      {
        id: 7,
        content: '</answer>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Fuse' },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: { '<s>': 0, '</s>': 1, a: 2, b: 3, c: 4, ab: 5, abc: 6 },
      merges: ['a b', 'ab c'],
    },
  };

  it('encodes with BPE merges and added tokens, decodes back, exposes special ids', () => {
    const hf = loadHfTokenizer(hfJson, { bos_token: '<s>', eos_token: '</s>' });
    expect(hf.encode('abcab')).toEqual([6, 5]);
    expect(hf.encode('abc</answer>')).toEqual([6, 7]);
    expect(hf.decode([6, 5])).toBe('abcab');
    expect(hf.decode([0, 6, 1], { skipSpecial: true })).toBe('abc');
    expect(hf.bosId).toBe(0);
    expect(hf.eosId).toBe(1);
    expect(hf.vocabSize).toBe(8);
    expect(hf.tokenId('</answer>')).toBe(7);
  });

  it('rejects something that is not a tokenizer.json', () => {
    expect(() => loadHfTokenizer({ foo: 1 })).toThrow(/not a Hugging Face tokenizer.json/);
  });
});
