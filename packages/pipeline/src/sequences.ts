// How text becomes model input: `<bos> prompt completion <eos>`. Generation feeds `<bos> prompt`
// and stops at `</answer>` or `<eos>`; training sees the same layout, so the two agree.
import type { Tokenizer } from '@r1lab/model';

export interface EncodedExample {
  ids: number[];
  /** Index of the first completion token in `ids`. */
  completionStart: number;
}

/** `<bos>` + prompt ids: what the sampler is given. */
export function encodePrompt(tokenizer: Tokenizer, prompt: string): number[] {
  return [tokenizer.bosId, ...tokenizer.encode(prompt)];
}

/**
 * Encodes a prompt + completion for training, ending with `<eos>`, cut to `maxLen` tokens.
 *
 * @example
 * const { ids, completionStart } = encodeExample(tok, '3+4=?\n', '<answer>7</answer>', 128);
 */
export function encodeExample(
  tokenizer: Tokenizer,
  prompt: string,
  completion: string,
  maxLen: number,
): EncodedExample {
  const head = encodePrompt(tokenizer, prompt);
  const ids = [...head, ...tokenizer.encode(completion), tokenizer.eosId].slice(0, maxLen);
  return { ids, completionStart: Math.min(head.length, ids.length) };
}

/** Row-major [B, T] 0/1 mask marking the tokens a loss counts, for right-padded sequences. */
export function lossMaskFor(
  examples: readonly EncodedExample[],
  T: number,
  completionOnly: boolean,
): Float32Array {
  const mask = new Float32Array(examples.length * T);
  examples.forEach((e, b) => {
    const from = completionOnly ? e.completionStart : 1;
    for (let t = from; t < e.ids.length; t++) mask[b * T + t] = 1;
  });
  return mask;
}
