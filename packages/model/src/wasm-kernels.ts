/**
 * Faster kernels for pure data-movement ops of tfjs-backend-wasm 4.22, installed over the
 * originals once the wasm backend is up. They only move floats, so every result is the same bit for
 * bit; whatever they do not handle goes to the original kernel. Measured in the training step's
 * kernel profile (issue 22, 1 thread, quiet machine):
 *
 * - Transpose of a float32 matrix (the transposes that keep the matmul backward passes
 *   untransposed): wasm's kernel ran at ~9 ns an element ([2048, 344]: 6.4 ms, 12 a step); a
 *   cache-blocked loop over the wasm heap that writes contiguously: ~2.5. Also a swap of two outer
 *   axes that moves rows of floats as blocks (attention's [T, B, H·hd] ↔ [B, T, H·hd]: ~2.5 ns an
 *   element in wasm's kernel). Other permutations stay with the original.
 * - Slice of a 2-D float32 column block (q and k out of the fused q|k product). wasm's kernel first
 *   copies the whole input off the heap (`readSync`), then sets one row per call ([2048, 256] →
 *   [2048, 128]: 8 ms); here each row is one `copyWithin` inside the heap (0.2 ms).
 * - PadV2 of a 2-D float32 matrix (that slice's gradient): wasm's kernel ran at ~3.3 ns an output
 *   element ([2048, 128] → [2048, 256]: 1.7 ms, 8 a step); here a fill and one copy per row.
 * - Identity, and Cast to the dtype the tensor already has: wasm's kernels copy the data (the engine
 *   clones every tensor a gradient saves, and Multiply's gradient casts float32 to float32: ~400
 *   copies a training step); tensors are immutable, so the output shares the input's memory, as
 *   wasm's own Reshape and the cpu backend's Identity do.
 */

import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type WasmArgs = Omit<KernelArgs, 'backend'> & { backend: BackendWasm };

/** Square tile of the blocked transpose: 32 × 32 floats = 4 KiB read and written per tile. */
const TILE = 32;

let installed = false;

/** Whether `installFastWasmKernels` has run in this process (`R1LAB_FAST_WASM_KERNELS=0` skips it). */
export function fastWasmKernelsInstalled(): boolean {
  return installed;
}

/**
 * Replaces wasm's Transpose, Slice, PadV2, Identity and Cast kernels with these (idempotent). Call after
 * `tf.setBackend('wasm')` has resolved: the originals' setup (binding their wasm functions) runs at
 * backend start, and the fallbacks call them.
 *
 * @example
 * await tf.setBackend('wasm');
 * installFastWasmKernels();
 */
export function installFastWasmKernels(): void {
  if (installed) return;
  override(tf.Transpose, (orig) => (args) => fastTranspose(args as WasmArgs) ?? orig(args));
  override(tf.Slice, (orig) => (args) => sliceColumns(args as WasmArgs) ?? orig(args));
  override(tf.PadV2, (orig) => (args) => pad2d(args as WasmArgs) ?? orig(args));
  override(tf.Identity, (orig) => (args) => shared(args as WasmArgs) ?? orig(args));
  override(tf.Cast, (orig) => (args) => shared(args as WasmArgs) ?? orig(args));
  installed = true;
}

function override(name: string, make: (orig: tf.KernelFunc) => tf.KernelFunc): void {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel ${name} is not registered`);
  const orig = config.kernelFunc;
  tf.unregisterKernel(name, 'wasm'); // re-registering without this logs a warning
  tf.registerKernel({ ...config, kernelFunc: make(orig) });
}

/**
 * The transpose as a smaller equivalent: size-1 axes dropped and input axes that stay neighbours in
 * the output merged. E.g. [16, 128, 4, 32] by [1, 0, 2, 3] is [16, 128, 128] by [1, 0, 2].
 */
export function reducedPermutation(
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; perm: number[] } {
  const kept = perm.filter((a) => shape[a] !== 1);
  const groups: number[][] = [];
  for (const a of kept) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] === a - 1) last.push(a);
    else groups.push([a]);
  }
  const order = [...groups].sort((g, h) => g[0]! - h[0]!);
  return {
    shape: order.map((g) => g.reduce((n, a) => n * shape[a]!, 1)),
    perm: groups.map((g) => order.indexOf(g)),
  };
}

/**
 * Float32 transposes that reduce to [R, C] by [1, 0] or [R, C, L] by [1, 0, 2] (rows of L floats
 * moved as blocks); undefined for every other one. (A batch of matrices, [N, R, C] by [0, 2, 1],
 * measured slower this way than wasm's kernel: [128, 64, 128] 1.5 → 2.2 ms.)
 */
function fastTranspose({ inputs, attrs, backend }: WasmArgs): tf.TensorInfo | undefined {
  const x = inputs.x as tf.TensorInfo;
  const perm = (attrs as { perm: number[] }).perm;
  if (x.dtype !== 'float32') return undefined;
  const r = reducedPermutation(x.shape, perm);
  const kind = r.perm.join();
  if (kind !== '1,0' && kind !== '1,0,2') return undefined;
  const out = backend.makeOutput(
    perm.map((a) => x.shape[a]!),
    'float32',
  );
  const heap = heapF32(backend);
  const from = offsetF32(backend, x);
  const to = offsetF32(backend, out);
  if (kind === '1,0,2') {
    const [rows, cols, run] = r.shape as [number, number, number];
    for (let j = 0; j < cols; j++)
      for (let i = 0; i < rows; i++) {
        const start = from + (i * cols + j) * run;
        heap.copyWithin(to + (j * rows + i) * run, start, start + run);
      }
    return out;
  }
  const [rows, cols] = r.shape as [number, number];
  blockedTranspose(heap, from, to, rows, cols);
  return out;
}

/** heap[to…] = the [cols, rows] transpose of the [rows, cols] matrix at heap[from…]. */
function blockedTranspose(
  heap: Float32Array,
  from: number,
  to: number,
  rows: number,
  cols: number,
) {
  for (let j0 = 0; j0 < cols; j0 += TILE) {
    const j1 = Math.min(cols, j0 + TILE);
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(rows, i0 + TILE);
      for (let j = j0; j < j1; j++) {
        const o = to + j * rows;
        for (let i = i0; i < i1; i++) heap[o + i] = heap[from + i * cols + j]!;
      }
    }
  }
}

/** A column block of a float32 matrix; undefined for every other slice. */
function sliceColumns({ inputs, attrs, backend }: WasmArgs): tf.TensorInfo | undefined {
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype !== 'float32' || x.shape.length !== 2) return undefined;
  const { begin, size } = attrs as { begin: number | number[]; size: number | number[] };
  const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
  const cols = x.shape[1]!;
  const width = s[1]!;
  if (width === cols) return undefined; // contiguous: the original copies it in one call
  const out = backend.makeOutput(s, 'float32');
  const heap = heapF32(backend);
  const from = offsetF32(backend, x);
  const to = offsetF32(backend, out);
  const r0 = b[0]!;
  for (let r = 0; r < s[0]!; r++) {
    const start = from + (r0 + r) * cols + b[1]!;
    heap.copyWithin(to + r * width, start, start + width);
  }
  return out;
}

/** A 2-D float32 matrix padded with a constant; undefined for every other pad. */
function pad2d({ inputs, attrs, backend }: WasmArgs): tf.TensorInfo | undefined {
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype !== 'float32' || x.shape.length !== 2) return undefined;
  const { paddings, constantValue } = attrs as {
    paddings: Array<[number, number]>;
    constantValue: number;
  };
  const [rows, cols] = x.shape as [number, number];
  if (rows * cols === 0) return undefined;
  const [[top, bottom], [left, right]] = paddings as [[number, number], [number, number]];
  const width = left + cols + right;
  const out = backend.makeOutput([top + rows + bottom, width], 'float32');
  const heap = heapF32(backend);
  const from = offsetF32(backend, x);
  const to = offsetF32(backend, out);
  heap.fill(constantValue, to, to + (top + rows + bottom) * width);
  for (let r = 0; r < rows; r++) {
    const start = from + r * cols;
    heap.copyWithin(to + (top + r) * width + left, start, start + cols);
  }
  return out;
}

/** The wasm heap as floats. Take it after makeOutput: growing the memory detaches earlier views. */
function heapF32(backend: BackendWasm): Float32Array {
  return new Float32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

function offsetF32(backend: BackendWasm, t: tf.TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset / 4;
}

/** The input's memory under a second reference; undefined for strings and real casts. */
function shared({ inputs, attrs, backend }: WasmArgs): tf.TensorInfo | undefined {
  const x = inputs.x as tf.TensorInfo;
  const dtype = (attrs as { dtype?: tf.DataType } | undefined)?.dtype ?? x.dtype;
  if (x.dtype === 'string' || dtype !== x.dtype) return undefined;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype };
}
