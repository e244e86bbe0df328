/**
 * Multi-threaded tfjs-backend-wasm under Node and Bun (stack-probe §3.4).
 *
 * tfjs 4.22 hard-codes `WASM_HAS_MULTITHREAD_SUPPORT = false` in Node (tfjs issue 3830) and,
 * when forced on, hands emscripten `blob:` URLs that Node's worker_threads refuse. This file
 * turns those blobs into temp `.cjs` files. It must run BEFORE `@tensorflow/tfjs-backend-wasm`
 * initialises; `initBackend('wasm', { threads })` calls it for you.
 *
 * Caveat: once pthread workers are started the process no longer exits on its own — call
 * `process.exit()` at the end of a script that used threads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

let installed = false;

/**
 * Installs the Blob / URL.createObjectURL shims that let emscripten start pthread workers in Node.
 * Idempotent.
 *
 * @example
 * installWasmThreadShims(); // then import the wasm backend and tf.setBackend('wasm')
 */
export function installWasmThreadShims(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const threadedJs = require.resolve(
    '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js',
  );
  const dir = mkdtempSync(join(os.tmpdir(), 'r1lab-wasm-'));
  const mainPath = join(dir, 'main.cjs');
  // Workers import the main script by path; the bundled factory's toString() references
  // bundler-local names (require$$0) that do not exist in a worker, so serve the original file.
  writeFileSync(mainPath, readFileSync(threadedJs));
  let workerCount = 0;
  const texts = new WeakMap<Blob, string>();
  const NativeBlob = globalThis.Blob;

  // Remembers string contents so createObjectURL can write them to a file.
  class TextRememberingBlob extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts?.every((p) => typeof p === 'string')) texts.set(this, parts.join(''));
    }
  }
  globalThis.Blob = TextRememberingBlob as typeof Blob;

  const nativeCreate = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob | MediaSource): string => {
    const text = obj instanceof NativeBlob ? texts.get(obj) : undefined;
    if (text === undefined) return nativeCreate(obj as Blob);
    if (text.startsWith('var WasmBackendModuleThreadedSimd')) return mainPath;
    const workerPath = join(dir, `worker${workerCount++}.cjs`);
    const prelude = `URL.createObjectURL = () => ${JSON.stringify(mainPath)}; URL.revokeObjectURL = () => {};\n`;
    writeFileSync(workerPath, prelude + text);
    return workerPath;
  };
  const nativeRevoke = URL.revokeObjectURL.bind(URL);
  URL.revokeObjectURL = (url: string) => {
    if (url.startsWith('blob:')) nativeRevoke(url);
  };
}

/**
 * Runs `fn` while `os.cpus()` reports `2 * threads` cores, because the wasm backend caps its
 * pthread pool at half the logical cores (1 on a 2-core VM).
 *
 * @example
 * await withReportedCores(2, () => tf.setBackend('wasm'));
 */
export async function withReportedCores<T>(threads: number, fn: () => Promise<T>): Promise<T> {
  const real = os.cpus;
  const cores = real();
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cores[i % cores.length]!);
  try {
    return await fn();
  } finally {
    os.cpus = real;
  }
}
