/**
 * Compute backend selection: `tensorflow` (tfjs-node-gpu / tfjs-node, optional native deps),
 * `wasm` (XNNPACK + SIMD, optionally threaded), `cpu` (pure JS). `auto` takes the first that loads.
 */
import * as tf from '@tensorflow/tfjs';
import { installFastWasmKernels } from './wasm-kernels.ts';
import { installWasmThreadShims, withReportedCores } from './wasm-threads.ts';

export type BackendKind = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** tfjs backend name actually active: 'tensorflow' | 'wasm' | 'cpu'. */
  backend: string;
  threads: number;
}

export interface InitBackendOptions {
  /**
   * wasm threads. 1 (default) keeps the process exiting normally. >1 starts emscripten pthreads
   * via the shim in wasm-threads.ts; the process then needs an explicit `process.exit()`.
   */
  threads?: number;
  /** Log the chosen backend (default true for 'auto'). */
  log?: (line: string) => void;
}

async function loadTensorflow(): Promise<BackendInfo> {
  const errors: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) {
        await tf.ready();
        return { backend: 'tensorflow', threads: 0 };
      }
      errors.push(`${pkg}: loaded but backend 'tensorflow' did not initialise`);
    } catch (err) {
      errors.push(`${pkg}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(
    `initBackend('tensorflow'): neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node could be loaded ` +
      `(they are optionalDependencies whose native library download fails on machines without access). ` +
      `Use 'wasm' or 'auto'. Details: ${errors.join('; ')}`,
  );
}

let wasmThreads = 0;

async function loadWasm(threads: number): Promise<BackendInfo> {
  if (threads > 1) installWasmThreadShims();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (wasmThreads === 0) {
    if (threads > 1) {
      wasm.setThreadsCount(threads);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    }
    const ok = await withReportedCores(Math.max(1, threads), () => tf.setBackend('wasm'));
    if (!ok) throw new Error("initBackend('wasm'): tf.setBackend('wasm') failed");
    await tf.ready();
    wasmThreads = wasm.getThreadsCount();
    if (process.env.R1LAB_FAST_WASM_KERNELS !== '0') installFastWasmKernels();
  } else {
    // The wasm module is initialised once per process; its thread count is fixed from then on.
    await tf.setBackend('wasm');
  }
  return { backend: 'wasm', threads: wasmThreads };
}

/**
 * Selects and initialises the tfjs backend. Call once at startup, before creating a model.
 *
 * @example
 * const { backend, threads } = await initBackend('auto'); // { backend: 'wasm', threads: 1 } here
 * await initBackend('wasm', { threads: 2 }); // threaded XNNPACK; end the script with process.exit()
 */
export async function initBackend(
  kind: BackendKind,
  opts: InitBackendOptions = {},
): Promise<BackendInfo> {
  const threads = opts.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`initBackend: threads must be a positive integer, got ${threads}`);
  }
  switch (kind) {
    case 'tensorflow':
      return loadTensorflow();
    case 'wasm':
      return loadWasm(threads);
    case 'cpu': {
      await tf.setBackend('cpu');
      await tf.ready();
      return { backend: 'cpu', threads: 1 };
    }
    case 'auto': {
      const log = opts.log ?? ((line: string) => console.log(line));
      const tried: string[] = [];
      for (const loader of [() => loadTensorflow(), () => loadWasm(threads)]) {
        try {
          const info = await loader();
          log(`r1lab/model: backend ${info.backend} (threads ${info.threads})`);
          return info;
        } catch (err) {
          tried.push((err as Error).message);
        }
      }
      await tf.setBackend('cpu');
      log(`r1lab/model: backend cpu (threads 1); others failed: ${tried.join(' | ')}`);
      return { backend: 'cpu', threads: 1 };
    }
    default:
      throw new Error(`initBackend: unknown backend kind ${JSON.stringify(kind)}`);
  }
}
