import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import type { Tokenizer } from './tokenizer.ts';

/** A Hugging Face `tokenizer.json` (BPE, WordPiece, Unigram) behind the r1lab `Tokenizer` interface. */
export class HfTokenizerAdapter implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  readonly specialIds: ReadonlySet<number>;
  private readonly inner: HfTokenizer;
  private readonly json: unknown;
  private readonly config: Record<string, unknown>;

  constructor(json: unknown, config: Record<string, unknown> = {}) {
    this.json = json;
    this.config = config;
    this.inner = new HfTokenizer(json as object, config);
    const j = json as {
      model?: { vocab?: Record<string, number> | unknown[] };
      added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
    };
    const added = j.added_tokens ?? [];
    const vocab = j.model?.vocab;
    let maxId = -1;
    if (Array.isArray(vocab)) maxId = vocab.length - 1;
    else if (vocab) for (const id of Object.values(vocab)) maxId = Math.max(maxId, id);
    for (const t of added) maxId = Math.max(maxId, t.id);
    this.vocabSize = maxId + 1;
    this.specialIds = new Set(added.filter((t) => t.special).map((t) => t.id));
    const find = (key: string, fallbacks: string[]): number => {
      const named = config[key];
      const name =
        typeof named === 'string' ? named : (named as { content?: string } | undefined)?.content;
      for (const n of [name, ...fallbacks]) {
        if (!n) continue;
        const id = this.inner.token_to_id(n);
        if (id !== undefined) return id;
      }
      return -1;
    };
    this.bosId = find('bos_token', ['<s>', '<|begin_of_text|>', '<bos>', '<|endoftext|>']);
    this.eosId = find('eos_token', [
      '</s>',
      '<|end_of_text|>',
      '<|eot_id|>',
      '<eos>',
      '<|endoftext|>',
    ]);
    const pad = find('pad_token', ['<pad>', '<|finetune_right_pad_id|>']);
    this.padId = pad >= 0 ? pad : this.eosId;
  }

  /**
   * @example
   * hf.encode('<think>hi'); // ids, specials written in the text matched as added tokens
   */
  encode(text: string): number[] {
    return this.inner.encode(text, { add_special_tokens: false }).ids;
  }

  /**
   * @example
   * hf.decode([9906, 4435]); // 'Hello World'
   */
  decode(ids: readonly number[], opts: { skipSpecial?: boolean } = {}): string {
    if (ids.length === 0) return ''; // @huggingface/tokenizers throws on an empty array
    return this.inner.decode([...ids], { skip_special_tokens: opts.skipSpecial ?? false });
  }

  /**
   * @example
   * hf.tokenId('</s>'); // 2
   */
  tokenId(token: string): number | undefined {
    return this.inner.token_to_id(token);
  }

  /**
   * @example
   * JSON.stringify(hf); // the original tokenizer.json
   */
  toJSON(): unknown {
    return this.json;
  }

  /** The tokenizer_config.json it was built with (saved beside tokenizer.json). */
  tokenizerConfig(): Record<string, unknown> {
    return this.config;
  }
}

/**
 * Loads a Hugging Face `tokenizer.json` object (plus optional `tokenizer_config.json`).
 *
 * @example
 * const tok = loadHfTokenizer(JSON.parse(await readFile('tokenizer.json', 'utf8')));
 * tok.encode('Hello');
 */
export function loadHfTokenizer(
  json: unknown,
  config: Record<string, unknown> = {},
): HfTokenizerAdapter {
  if (!json || typeof json !== 'object' || !('model' in json)) {
    throw new Error('loadHfTokenizer: not a Hugging Face tokenizer.json (no "model" field)');
  }
  return new HfTokenizerAdapter(json, config);
}
