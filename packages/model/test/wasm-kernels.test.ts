// The faster wasm kernels (wasm-kernels.ts) move floats exactly as the ops they replace: checked
// against plain-JS index arithmetic, on the shapes the model uses and on the cases they hand back
// to the original kernels (other dtypes, ranks, contiguous slices).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index.ts';
import { fastWasmKernelsInstalled, reducedPermutation } from '../src/wasm-kernels.ts';

function iota(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? -0 : i * 0.37 - 5));
}

function bits(a: ArrayLike<number>): number[] {
  return Array.from(new Uint32Array(Float32Array.from(a).buffer));
}

describe('fast wasm kernels', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('are installed by initBackend', () => {
    expect(fastWasmKernelsInstalled()).toBe(true);
  });

  it.each([
    [
      [2048, 344],
      [1, 0],
    ],
    [
      [33, 65],
      [1, 0],
    ],
    [
      [1, 40, 1, 7],
      [3, 1, 2, 0],
    ], // 2-D once the size-1 axes are dropped
    [
      [3, 1],
      [1, 0],
    ],
    [
      [16, 128, 4, 32],
      [1, 0, 2, 3],
    ], // two outer axes swapped: rows of 128 floats moved as blocks
    [
      [5, 3, 1, 7],
      [1, 0, 2, 3],
    ],
    [
      [128, 64, 128],
      [0, 2, 1],
    ], // a batch of matrices: the original kernel
    [
      [2, 3, 4, 5],
      [1, 3, 0, 2],
    ], // neither: the original kernel
  ])('transpose %j by %j equals the index arithmetic, bit for bit', (shape, perm) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = iota(n);
    const got = tf.tidy(() => tf.transpose(tf.tensor(values, shape), perm).dataSync());
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    const outShape = perm.map((p) => shape[p]!);
    const want = new Float32Array(n);
    for (let o = 0; o < n; o++) {
      let rest = o;
      let src = 0;
      for (let d = outShape.length - 1; d >= 0; d--) {
        const idx = rest % outShape[d]!;
        rest = Math.floor(rest / outShape[d]!);
        src += idx * strides[perm[d]!]!;
      }
      want[o] = values[src]!;
    }
    expect(bits(got)).toEqual(bits(want));
  });

  it('reduces a permutation by dropping size-1 axes and merging neighbours', () => {
    expect(reducedPermutation([16, 128, 4, 32], [1, 0, 2, 3])).toEqual({
      shape: [16, 128, 128],
      perm: [1, 0, 2],
    });
    expect(reducedPermutation([1, 40, 1, 7], [3, 1, 2, 0])).toEqual({
      shape: [40, 7],
      perm: [1, 0],
    });
    expect(reducedPermutation([2, 3, 4], [0, 1, 2])).toEqual({ shape: [24], perm: [0] });
    expect(reducedPermutation([2, 3, 4, 5], [1, 3, 0, 2])).toEqual({
      shape: [2, 3, 4, 5],
      perm: [1, 3, 0, 2],
    });
  });

  it('leaves other transposes to the original kernel (int32, 3-D)', () => {
    const i = tf.tidy(() =>
      tf.transpose(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32')).arraySync(),
    );
    expect(i).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const t = tf.tidy(() =>
      tf.transpose(tf.range(0, 24).reshape([2, 3, 4]), [0, 2, 1]).arraySync(),
    );
    expect((t as number[][][])[1]![3]).toEqual([15, 19, 23]);
  });

  it('slices column blocks and contiguous rows like the index arithmetic', () => {
    const rows = 37;
    const cols = 24;
    const values = iota(rows * cols);
    const x = tf.tensor2d(values, [rows, cols]);
    for (const [begin, size] of [
      [
        [0, 0],
        [rows, 16],
      ],
      [
        [0, 16],
        [rows, 8],
      ],
      [
        [5, 3],
        [10, 11],
      ],
      [
        [4, 0],
        [6, cols],
      ], // contiguous: the original kernel
    ] as Array<[[number, number], [number, number]]>) {
      const got = tf.tidy(() => x.slice(begin, size).dataSync());
      const want: number[] = [];
      for (let r = begin[0]; r < begin[0] + size[0]; r++)
        for (let c = begin[1]; c < begin[1] + size[1]; c++) want.push(values[r * cols + c]!);
      expect(bits(got)).toEqual(bits(want));
    }
    x.dispose();
  });

  it('pads a matrix on every side with the constant', () => {
    const x = tf.tensor2d([1, -2, 3, -0, 5, 6], [2, 3]);
    const got = tf.tidy(() =>
      tf
        .pad(
          x,
          [
            [1, 2],
            [0, 1],
          ],
          7,
        )
        .arraySync(),
    );
    expect(got).toEqual([
      [7, 7, 7, 7],
      [1, -2, 3, 7],
      [-0, 5, 6, 7],
      [7, 7, 7, 7],
      [7, 7, 7, 7],
    ]);
    const g = tf.tidy(() =>
      tf
        .pad(tf.ones([2, 2, 2]), [
          [0, 0],
          [1, 0],
          [0, 0],
        ])
        .sum()
        .dataSync(),
    );
    expect(g[0]).toBe(8); // 3-D: the original kernel
    x.dispose();
  });

  it('gives slice the same gradient as before (pad + add)', () => {
    const v = tf.variable(tf.tensor2d(iota(6 * 10), [6, 10]));
    const { grads, value } = tf.variableGrads(
      () =>
        v
          .slice([0, 0], [6, 4])
          .mul(2)
          .sum()
          .add(v.slice([0, 4], [6, 6]).square().sum()) as tf.Scalar,
    );
    const g = grads[v.name]!.arraySync() as number[][];
    const x = v.arraySync() as number[][];
    expect(g[2]!.slice(0, 4)).toEqual([2, 2, 2, 2]);
    // pad + add: the other block's zero is added, so a −0 gradient comes out as +0
    expect(g[2]!.slice(4)).toEqual(x[2]!.slice(4).map((a) => Math.fround(2 * a) + 0));
    value.dispose();
    tf.dispose(grads);
    v.dispose();
  });

  it('shares memory for clones and same-dtype casts, and frees it with the last reference', () => {
    const dataIds = () => tf.engine().backend.numDataIds();
    const start = dataIds();
    const x = tf.tensor2d(iota(12), [3, 4]);
    const copy = tf.clone(x);
    const cast = x.cast('float32');
    expect(dataIds()).toBe(start + 1); // one buffer, three tensors
    const asInt = x.cast('int32'); // a real cast: the original kernel, its own buffer
    expect(dataIds()).toBe(start + 2);
    expect(bits(copy.dataSync())).toEqual(bits(iota(12)));
    expect(asInt.dataSync()[4]).toBe(Math.trunc(Math.fround(4 * 0.37 - 5)));
    x.dispose();
    expect(bits(cast.dataSync())).toEqual(bits(iota(12))); // still readable after x is gone
    copy.dispose();
    cast.dispose();
    asInt.dispose();
    expect(dataIds()).toBe(start);
  });
});
