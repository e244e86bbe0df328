/** Shared by the verifyAnswer category tests: a row is (gold, prediction, expected verdict[, options]). */
import { expect, it } from 'vitest';
import { type VerifyOptions, verifyAnswer } from '../src/index.ts';

export type VerifyCase = readonly [
  gold: string,
  prediction: string,
  correct: boolean,
  options?: VerifyOptions,
];

/** One test per row, plus a check that the table has enough positive and negative rows. */
export function verifyTable(name: string, table: readonly VerifyCase[], minEach = 15): void {
  it(`${name}: at least ${minEach} positive and ${minEach} negative cases`, () => {
    expect(table.filter((c) => c[2]).length).toBeGreaterThanOrEqual(minEach);
    expect(table.filter((c) => !c[2]).length).toBeGreaterThanOrEqual(minEach);
  });
  const rows = table.map(
    ([gold, prediction, correct, options]) => [gold, prediction, correct, options ?? {}] as const,
  );
  it.each(rows)(`${name}: verifyAnswer(%j, %j) is %s %j`, (gold, prediction, correct, options) => {
    const v = verifyAnswer(gold, prediction, options);
    expect(v.correct, v.reason).toBe(correct);
  });
}
