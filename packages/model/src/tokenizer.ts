import { charTokenizerHfFiles, type HfTokenizerFiles } from './hf-char-format.ts';

/** What the pipeline needs from any tokenizer (the char tokenizer and the HF wrapper both implement it). */
export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  /** Ids of every special token (skipped by `decode(ids, { skipSpecial: true })`). */
  readonly specialIds: ReadonlySet<number>;
  /** Text to ids; special tokens written literally in the text (e.g. `<think>`) become their one id. */
  encode(text: string): number[];
  decode(ids: readonly number[], opts?: { skipSpecial?: boolean }): string;
  /** Id of a token string (a special such as `</answer>`), or undefined. */
  tokenId(token: string): number | undefined;
  toJSON(): unknown;
}

/** The special tokens of r1lab's character tokenizer, in id order (ids 0..6). */
export const SPECIAL_TOKENS = [
  '<bos>',
  '<eos>',
  '<pad>',
  '<think>',
  '</think>',
  '<answer>',
  '</answer>',
] as const;

/** The serialised form written to tokenizer.json. */
export interface CharTokenizerJSON {
  type: 'r1lab-char';
  version: 1;
  specials: string[];
  alphabet: string[];
}

/**
 * One id per character of an alphabet, plus one id per special token. Unknown characters throw
 * (a silent drop would corrupt training data without anyone noticing).
 */
export class CharTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  readonly specialIds: ReadonlySet<number>;
  private readonly idOf = new Map<string, number>();
  private readonly pieces: string[];
  private readonly specials: string[];
  /** Specials sorted longest first so `</answer>` wins over any shorter prefix. */
  private readonly specialsByLength: string[];

  private constructor(specials: string[], alphabet: string[]) {
    this.specials = specials;
    this.pieces = [...specials, ...alphabet];
    this.pieces.forEach((p, i) => {
      if (this.idOf.has(p)) throw new Error(`CharTokenizer: duplicate token ${JSON.stringify(p)}`);
      this.idOf.set(p, i);
    });
    this.vocabSize = this.pieces.length;
    this.bosId = this.mustId('<bos>');
    this.eosId = this.mustId('<eos>');
    this.padId = this.mustId('<pad>');
    this.specialIds = new Set(specials.map((s) => this.mustId(s)));
    this.specialsByLength = [...specials].sort((a, b) => b.length - a.length);
  }

  /**
   * Builds a tokenizer from the characters of `chars` (duplicates ignored, order kept).
   *
   * @example
   * const tok = CharTokenizer.fromAlphabet('0123456789+-= ');
   * tok.encode('<think>1+1</think>'); // [3, 8, 17, 8, 4]
   */
  static fromAlphabet(chars: string): CharTokenizer {
    const alphabet = [...new Set(Array.from(chars))];
    return new CharTokenizer([...SPECIAL_TOKENS], alphabet);
  }

  /**
   * Restores a tokenizer saved with `toJSON()`.
   *
   * @example
   * const again = CharTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
   */
  static fromJSON(obj: unknown): CharTokenizer {
    const o = obj as Partial<CharTokenizerJSON>;
    if (o?.type !== 'r1lab-char' || !Array.isArray(o.alphabet) || !Array.isArray(o.specials)) {
      throw new Error('CharTokenizer.fromJSON: not an r1lab-char tokenizer JSON');
    }
    return new CharTokenizer(o.specials, o.alphabet);
  }

  /**
   * @example
   * CharTokenizer.fromAlphabet('ab').encode('ab<eos>'); // [7, 8, 1]
   */
  encode(text: string): number[] {
    const out: number[] = [];
    let i = 0;
    outer: while (i < text.length) {
      if (text[i] === '<') {
        for (const s of this.specialsByLength) {
          if (text.startsWith(s, i)) {
            out.push(this.idOf.get(s)!);
            i += s.length;
            continue outer;
          }
        }
      }
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const id = this.idOf.get(ch);
      if (id === undefined) {
        throw new Error(`CharTokenizer: character ${JSON.stringify(ch)} is not in the alphabet`);
      }
      out.push(id);
      i += ch.length;
    }
    return out;
  }

  /**
   * @example
   * tok.decode(tok.encode('<bos>12'), { skipSpecial: true }); // '12'
   */
  decode(ids: readonly number[], opts: { skipSpecial?: boolean } = {}): string {
    let s = '';
    for (const id of ids) {
      const p = this.pieces[id];
      if (p === undefined) throw new Error(`CharTokenizer: id ${id} out of range`);
      if (opts.skipSpecial && this.specialIds.has(id)) continue;
      s += p;
    }
    return s;
  }

  /**
   * @example
   * tok.tokenId('</answer>'); // 6
   */
  tokenId(token: string): number | undefined {
    return this.idOf.get(token);
  }

  /**
   * @example
   * JSON.stringify(tok); // '{"type":"r1lab-char",...}'
   */
  toJSON(): CharTokenizerJSON {
    return {
      type: 'r1lab-char',
      version: 1,
      specials: [...this.specials],
      alphabet: this.pieces.slice(this.specials.length),
    };
  }

  /**
   * The tokenizer in the Hugging Face format (tokenizer.json + tokenizer_config.json), for
   * checkpoints other tools open. `toJSON()` stays r1lab's own form: the pipeline's pretrain cache
   * key hashes it, so changing it would orphan every cached base model.
   *
   * @example
   * const { tokenizer, config } = tok.toHuggingFace({ modelMaxLength: 2048 });
   * new Tokenizer(tokenizer, config).encode('<think>1+1', { add_special_tokens: false }).ids; // tok.encode('<think>1+1')
   */
  toHuggingFace(opts: { modelMaxLength: number }): HfTokenizerFiles {
    const alphabet = this.pieces.slice(this.specials.length);
    return charTokenizerHfFiles(this.specials, alphabet, opts.modelMaxLength);
  }

  private mustId(token: string): number {
    const id = this.idOf.get(token);
    if (id === undefined) throw new Error(`CharTokenizer: missing special token ${token}`);
    return id;
  }
}
