/**
 * @r1lab/random: the one seeded generator every package draws from (no dependencies, so the
 * lowest packages can use it).
 */
export { createRng, fnv1a, Rng } from './rng.ts';
