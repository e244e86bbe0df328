/**
 * r1lab's character tokenizer in the Hugging Face `tokenizers` JSON format, and back.
 *
 * The construction: a BPE model whose vocab is every piece (specials first, then one entry per
 * character) and whose merge list is empty, so any text splits into single code points; no
 * normalizer and no pre-tokenizer (a regex splitter would add nothing, and JS regexes without the
 * `u` flag would cut astral characters in two); the specials as `added_tokens` (`special: true`,
 * not normalized), which both the Rust and the JS library match leftmost-longest anywhere in the
 * text, as `CharTokenizer.encode` does; a `Fuse` decoder, so decoding concatenates the pieces
 * (without one, HF joins tokens with spaces); a post-processor that puts `<bos>` in front, because
 * every r1lab sequence starts with it (`tokenizer(prompt)` in transformers then gives the ids
 * r1lab feeds the model; r1lab itself encodes without special tokens).
 * One difference remains: a character outside the alphabet makes `CharTokenizer.encode` throw,
 * while HF's BPE drops it (there is no unknown token).
 */
import type { CharTokenizerJSON } from './tokenizer.ts';

/** What `toHuggingFace` gives: the two files a Hugging Face tokenizer folder holds. */
export interface HfTokenizerFiles {
  /** tokenizer.json (Hugging Face `tokenizers` format). */
  tokenizer: Record<string, unknown>;
  /** tokenizer_config.json (transformers' PreTrainedTokenizerFast settings). */
  config: Record<string, unknown>;
}

const addedToken = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/**
 * The Hugging Face files of a character tokenizer with these specials (ids 0…) and alphabet.
 *
 * @example
 * const { tokenizer, config } = charTokenizerHfFiles(['<bos>', '<eos>', '<pad>'], ['a', 'b'], 512);
 * tokenizer.model; // { type: 'BPE', vocab: { '<bos>': 0, …, a: 3, b: 4 }, merges: [], … }
 */
export function charTokenizerHfFiles(
  specials: readonly string[],
  alphabet: readonly string[],
  modelMaxLength: number,
): HfTokenizerFiles {
  const pieces = [...specials, ...alphabet];
  const vocab = Object.fromEntries(pieces.map((p, i) => [p, i]));
  const bos = specials.indexOf('<bos>');
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((s, i) => addedToken(i, s)),
    normalizer: null,
    pre_tokenizer: null,
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<bos>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '<bos>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { '<bos>': { id: '<bos>', ids: [bos], tokens: ['<bos>'] } },
    },
    decoder: { type: 'Fuse' },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: [],
    },
  };
  const config = {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: '<bos>',
    eos_token: '<eos>',
    pad_token: '<pad>',
    additional_special_tokens: specials.filter((s) => !['<bos>', '<eos>', '<pad>'].includes(s)),
    model_max_length: modelMaxLength,
    padding_side: 'left',
    // HF's default clean-up deletes the space before "." and "," — r1lab's text keeps it.
    clean_up_tokenization_spaces: false,
  };
  return { tokenizer, config };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/**
 * The r1lab-char form of a Hugging Face tokenizer.json when it is r1lab's character tokenizer
 * (the structure `charTokenizerHfFiles` writes: BPE without merges, one code point per
 * non-special piece, the specials first as added tokens, no normalizer or pre-tokenizer, a Fuse
 * decoder), so that it can be restored as a `CharTokenizer` with the same ids; else undefined.
 *
 * @example
 * const char = readCharTokenizerHf(JSON.parse(text));
 * const tok = char ? CharTokenizer.fromJSON(char) : loadHfTokenizer(JSON.parse(text));
 */
export function readCharTokenizerHf(json: unknown): CharTokenizerJSON | undefined {
  if (!isObject(json) || !isObject(json.model)) return undefined;
  const m = json.model;
  const plainBpe =
    m.type === 'BPE' &&
    Array.isArray(m.merges) &&
    m.merges.length === 0 &&
    !m.byte_fallback &&
    m.unk_token == null &&
    m.continuing_subword_prefix == null &&
    m.end_of_word_suffix == null &&
    m.dropout == null;
  const decoder = json.decoder;
  if (!plainBpe || json.normalizer != null || json.pre_tokenizer != null) return undefined;
  if (!isObject(decoder) || decoder.type !== 'Fuse' || !isObject(m.vocab)) return undefined;
  const pieces: string[] = [];
  for (const [piece, id] of Object.entries(m.vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || pieces[id] !== undefined) {
      return undefined;
    }
    pieces[id] = piece;
  }
  if (pieces.length !== Object.keys(m.vocab).length) return undefined; // ids with gaps
  const added = Array.isArray(json.added_tokens) ? (json.added_tokens as Json[]) : [];
  const specials: string[] = [];
  for (const [i, t] of added.entries()) {
    const plain = t.special === true && !t.normalized && !t.lstrip && !t.rstrip && !t.single_word;
    // CharTokenizer looks for specials only where the text has '<'.
    const content = typeof t.content === 'string' ? t.content : '';
    if (!plain || t.id !== i || pieces[i] !== content || !content.startsWith('<')) return undefined;
    specials.push(content);
  }
  if (!['<bos>', '<eos>', '<pad>'].every((s) => specials.includes(s))) return undefined;
  const alphabet = pieces.slice(specials.length);
  if (!alphabet.every((p) => [...p].length === 1)) return undefined;
  return { type: 'r1lab-char', version: 1, specials, alphabet };
}
