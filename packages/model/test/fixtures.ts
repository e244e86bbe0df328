import { Rng } from '@r1lab/random';
import type { LlamaConfig } from '../src/config.ts';

/** A tiny GQA config (4 query heads over 2 K/V heads) so every code path runs in milliseconds. */
export const tinyConfig: Partial<LlamaConfig> = {
  vocab_size: 24,
  hidden_size: 32,
  intermediate_size: 48,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  max_position_embeddings: 64,
  rope_theta: 10000,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: false,
};

/** Deterministic pseudo-random numbers for hand-built fixtures. */
export function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

export const ALPHABET = '0123456789+-=abcdefg ';
