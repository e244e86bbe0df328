/**
 * The files of a checkpoint that say how to tokenize and generate — tokenizer.json,
 * tokenizer_config.json, generation_config.json and the token ids of config.json — in the forms
 * Hugging Face tools read, and the tokenizer read back from them.
 */
import { readCharTokenizerHf } from './hf-char-format.ts';
import { HfTokenizerAdapter, loadHfTokenizer } from './hf-tokenizer.ts';
import { CharTokenizer, type Tokenizer } from './tokenizer.ts';

/** How the checkpoint's model is meant to be sampled (written to generation_config.json). */
export interface GenerationDefaults {
  /** Default 64, r1lab's GRPO and eval default. */
  maxNewTokens?: number;
  /** Default 1: r1lab samples at temperature 1 unless a stage says otherwise. */
  temperature?: number;
}

const id = (n: number | undefined) => (n !== undefined && n >= 0 ? n : undefined);

/**
 * `bos_token_id` / `eos_token_id` / `pad_token_id` for config.json: the config's own where it has
 * them (a loaded HF model keeps its ids), else the tokenizer's. Without them HF assumes 1 / 2 /
 * none, while r1lab's char tokenizer has 0 / 1 / 2.
 *
 * @example
 * configTokenIds(model.config, tok); // { bos_token_id: 0, eos_token_id: 1, pad_token_id: 2 }
 */
export function configTokenIds(
  config: { bos_token_id?: number; eos_token_id?: number | number[]; pad_token_id?: number },
  tok: Tokenizer,
): Record<string, number | number[] | undefined> {
  return {
    bos_token_id: config.bos_token_id ?? id(tok.bosId),
    eos_token_id: config.eos_token_id ?? id(tok.eosId),
    pad_token_id: config.pad_token_id ?? id(tok.padId),
  };
}

/**
 * generation_config.json (HF GenerationConfig fields) matching r1lab's `generate`: plain sampling
 * (no top-k, whose HF default is 50, no top-p), and a stop on `</answer>` as well as `<eos>`.
 *
 * @example
 * generationConfig(tok); // { bos_token_id: 0, eos_token_id: [1, 6], pad_token_id: 2, do_sample: true, … }
 */
export function generationConfig(
  tok: Tokenizer,
  defaults: GenerationDefaults = {},
): Record<string, unknown> {
  const answerEnd = tok.tokenId('</answer>');
  const stops = [tok.eosId, ...(answerEnd !== undefined ? [answerEnd] : [])].filter(
    (n, i, all) => n >= 0 && all.indexOf(n) === i,
  );
  return {
    bos_token_id: id(tok.bosId),
    eos_token_id: stops.length === 1 ? stops[0] : stops,
    pad_token_id: id(tok.padId),
    do_sample: true,
    temperature: defaults.temperature ?? 1.0,
    top_k: 0,
    top_p: 1.0,
    max_new_tokens: defaults.maxNewTokens ?? 64,
  };
}

/**
 * tokenizer.json (+ tokenizer_config.json) for a tokenizer: the Hugging Face format for r1lab's
 * char tokenizer and for HF tokenizers, `toJSON()` for any other implementation.
 *
 * @example
 * tokenizerFiles(tok, 2048); // Map { 'tokenizer.json' => {…}, 'tokenizer_config.json' => {…} }
 */
export function tokenizerFiles(tok: Tokenizer, modelMaxLength: number): Map<string, unknown> {
  if (tok instanceof CharTokenizer) {
    const hf = tok.toHuggingFace({ modelMaxLength });
    return new Map([
      ['tokenizer.json', hf.tokenizer],
      ['tokenizer_config.json', hf.config],
    ]);
  }
  const files = new Map<string, unknown>([['tokenizer.json', tok.toJSON()]]);
  if (tok instanceof HfTokenizerAdapter) files.set('tokenizer_config.json', tok.tokenizerConfig());
  return files;
}

/**
 * The tokenizer of parsed tokenizer files: a `CharTokenizer` for r1lab's own `{"type":
 * "r1lab-char"}` form (checkpoints written before the HF format) and for the HF form of a char
 * tokenizer (same ids, and faster), else the generic Hugging Face adapter.
 *
 * @example
 * const tok = tokenizerFromFiles(JSON.parse(tokenizerJson), JSON.parse(tokenizerConfigJson));
 */
export function tokenizerFromFiles(json: unknown, config: Record<string, unknown> = {}): Tokenizer {
  if ((json as { type?: unknown } | null)?.type === 'r1lab-char')
    return CharTokenizer.fromJSON(json);
  const char = readCharTokenizerHf(json);
  return char ? CharTokenizer.fromJSON(char) : loadHfTokenizer(json, config);
}
