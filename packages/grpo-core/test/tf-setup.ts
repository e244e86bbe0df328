// Registers every gradient and the cpu backend (tfjs-core alone has no gradients).
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

await tf.setBackend('cpu');

export { tf };

/** Asserts a tensor (or nested array) equals `expected` elementwise within `tol`. */
export function expectClose(
  actual: tf.Tensor | number[][],
  expected: number[][],
  tol = 1e-6,
): void {
  const a = Array.isArray(actual) ? actual : (actual.arraySync() as number[][]);
  expect(a.length).toBe(expected.length);
  expected.forEach((row, i) => {
    expect(a[i]!.length).toBe(row.length);
    row.forEach((e, j) => {
      const diff = Math.abs(a[i]![j]! - e);
      if (!(diff <= tol)) {
        throw new Error(`[${i}][${j}]: got ${a[i]![j]}, expected ${e} (|diff| ${diff} > ${tol})`);
      }
    });
  });
}
