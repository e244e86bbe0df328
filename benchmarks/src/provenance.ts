// What a result needs to be trusted later: which code (commit, dirty tree), which machine and how
// busy it was (load average before and after), which runtime and backend.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Environment, Provenance } from './result-schema.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function git(args: string[]): string | null {
  const res = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

/**
 * HEAD's full SHA and whether tracked files differ from it. Result files are left out of the
 * dirty check: a benchmark that just wrote one must not count itself as a code change.
 *
 * @example
 * const { commit, dirty } = gitState(); // { commit: '95ae0e3…', dirty: false }
 */
export function gitState(): { commit: string | 'unknown'; dirty: boolean | 'unknown' } {
  const commit = git(['rev-parse', 'HEAD']);
  const status = git([
    'status',
    '--porcelain',
    '--untracked-files=no',
    '--',
    '.',
    ':!benchmarks/results',
  ]);
  return {
    commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : 'unknown',
    dirty: status === null ? 'unknown' : status.length > 0,
  };
}

/** os.loadavg() as the schema stores it. */
export function loadAverage(): { m1: number; m5: number; m15: number } {
  const [m1 = 0, m5 = 0, m15 = 0] = os.loadavg();
  return { m1, m5, m15 };
}

/** The runtime this process runs on: Bun defines `globalThis.Bun`, Node does not. */
export function currentRuntime(): Pick<Environment, 'runtime' | 'runtimeVersion'> {
  const bun = (globalThis as { Bun?: { version: string } }).Bun;
  return bun
    ? { runtime: 'bun', runtimeVersion: bun.version }
    : { runtime: 'node', runtimeVersion: process.version };
}

/**
 * Starts the provenance record of a suite run; call `finish` after the measurements to add the
 * load average after, the environments measured and the time.
 *
 * @example
 * const prov = startProvenance();
 * // … measure …
 * const provenance = prov.finish([{ variant: 'default', ...currentRuntime(), backend: 'js', threads: null }]);
 */
export function startProvenance(): { finish(environments: Environment[]): Provenance } {
  const loadBefore = loadAverage();
  const { commit, dirty } = gitState();
  return {
    finish(environments) {
      return {
        date: new Date().toISOString(),
        dateSource: 'recorded',
        commit,
        commitSource: 'recorded',
        dirty,
        machine: {
          cpu: os.cpus()[0]?.model.trim() || 'unknown',
          cores: os.cpus().length,
          memoryBytes: os.totalmem(),
          loadBefore,
          loadAfter: loadAverage(),
        },
        environments,
      };
    },
  };
}
