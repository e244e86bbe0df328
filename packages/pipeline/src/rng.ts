// A stage's seeded RNG is the repository's one generator (@r1lab/random): mulberry32 with its whole
// state in one uint32, so a checkpoint stores it and a resumed run draws exactly the numbers an
// uninterrupted one would. Seeded with `stageSeed(runSeed, stageName)` (stage-context.ts).
export { Rng } from '@r1lab/random';
