// The PyTorch side of `bench:vs-torch`: finds a python3 that imports torch and talks to
// reference/llama_torch.py, a server that reads one JSON command a line and answers one JSON line,
// so r1lab's and PyTorch's runs can alternate with both processes warm.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../reference/llama_torch.py', import.meta.url));

/** Why the reference cannot run, in words a user can act on. */
export const TORCH_MISSING =
  'no python3 with torch found ($R1LAB_PYTHON if set, else python3 and /usr/bin/python3). On Debian: ' +
  'apt-get install -y python3-torch libopenblas0-pthread (without libopenblas0-pthread torch ' +
  'falls back to the reference BLAS and runs ~20× slower). Never a CI dependency.';

/**
 * The interpreter to use: `$R1LAB_PYTHON` when set (and only it), else the first of `python3` on
 * PATH and Debian's `/usr/bin/python3` (where apt's python3-torch lives when PATH has a pyenv
 * shim first) that imports torch.
 *
 * @example
 * findTorchPython(); // '/usr/bin/python3' or null
 */
export function findTorchPython(): string | null {
  const chosen = process.env.R1LAB_PYTHON;
  const candidates = chosen ? [chosen] : ['python3', '/usr/bin/python3'];
  for (const py of candidates) {
    const res = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (res.status === 0) return py;
  }
  return null;
}

export interface TorchInfo {
  torch: string;
  python: string;
  threads: number;
  interop_threads: number;
  blas: string;
  openblas_num_threads: string;
  mkldnn: boolean;
}

export interface TorchTimes {
  wall_ms: number[];
  cpu_ms: number[];
}

/**
 * A running reference process. Every request waits for its one-line answer.
 *
 * @example
 * const ref = await TorchReference.start('/usr/bin/python3', 1);
 * const { loss } = await ref.request<{ loss: number }>({ cmd: 'loss', ids });
 * ref.close();
 */
export class TorchReference {
  private readonly lines: AsyncIterator<string>;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    rl: Interface,
  ) {
    this.lines = rl[Symbol.asyncIterator]();
    child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
  }

  /** Starts the server with `threads` intra-op threads (BLAS and OpenMP pinned to the same). */
  static start(python: string, threads: number): TorchReference {
    const n = String(threads);
    const child = spawn(python, [script, '--threads', n], {
      env: { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new TorchReference(child, createInterface({ input: child.stdout }));
  }

  async request<T>(req: Record<string, unknown>): Promise<T> {
    this.child.stdin.write(`${JSON.stringify(req)}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`torch reference exited: ${this.stderr}`);
    const out = JSON.parse(value) as T & { error?: string };
    if (out.error) throw new Error(`torch reference, ${String(req.cmd)}: ${out.error}`);
    return out;
  }

  close(): void {
    this.child.stdin.end();
  }
}
