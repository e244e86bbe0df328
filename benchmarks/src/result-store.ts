// Result files on disk: `<root>/<suite>/<date>-<short sha>[-tag].json`, validated on write and
// never overwritten (a second result of the same day, commit and tag gets `-2`, `-3`, …).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchResult } from './result-schema.ts';

/** The tracked results folder, `benchmarks/results`. */
export const RESULTS_ROOT = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Where a suite writes: `--out DIR` if given, else the tracked folder; a `--quick` smoke run goes
 * to the temp folder instead, so its figures never mix with the tracked ones.
 *
 * @example
 * resultsRootFor({ quick: true }); // '/tmp/r1lab-bench-quick'
 */
export function resultsRootFor(o: { quick: boolean; out?: string | undefined }): string {
  if (o.out) return o.out;
  return o.quick ? join(tmpdir(), 'r1lab-bench-quick') : RESULTS_ROOT;
}

/**
 * The file name of a result, before the counter: `<YYYY-MM-DD>-<7-char sha>[-tag].json`.
 *
 * @example
 * resultBaseName({ date: '2026-11-29T02:17:57.081Z', commit: '05cb06f7…', tag: 'r1' });
 * // '2026-11-29-05cb06f-r1'
 */
export function resultBaseName(o: {
  date: string;
  commit: string;
  tag?: string | undefined;
}): string {
  const sha = o.commit === 'unknown' ? 'unknown' : o.commit.slice(0, 7);
  return `${o.date.slice(0, 10)}-${sha}${o.tag ? `-${o.tag}` : ''}`;
}

/**
 * Validates `result` and writes it under `root/<suite>/`, never over an existing file.
 * Returns the path written.
 *
 * @example
 * const path = writeResult(result, RESULTS_ROOT); // …/results/rewards/2026-12-01-c1e9d64.json
 */
export function writeResult(result: BenchResult, root: string): string {
  const parsed = BenchResult.parse(result);
  const dir = join(root, parsed.suite);
  mkdirSync(dir, { recursive: true });
  const base = resultBaseName({ ...parsed.provenance, tag: parsed.tag });
  for (let k = 1; ; k++) {
    const path = join(dir, `${base}${k === 1 ? '' : `-${k}`}.json`);
    try {
      // 'wx': fails if the file exists, so two writers can never replace each other's result.
      writeFileSync(path, `${JSON.stringify(parsed, null, 2)}\n`, { flag: 'wx' });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/**
 * Rewrites an existing result file with new content (validated), for a suite that writes after
 * every step so an interrupted run keeps what it measured. Only for a path `writeResult` returned.
 *
 * @example
 * const path = writeResult(first, root);
 * updateResult(path, { ...first, figures: [...first.figures, more] });
 */
export function updateResult(path: string, result: BenchResult): void {
  if (!existsSync(path)) throw new Error(`${path}: not written yet (use writeResult)`);
  writeFileSync(path, `${JSON.stringify(BenchResult.parse(result), null, 2)}\n`);
}

export interface StoredResult {
  path: string;
  result: BenchResult;
}

/**
 * Reads and validates one result file; the error names the file and the failing field.
 *
 * @example
 * const { result } = readResult('benchmarks/results/model/2026-11-28-e3038aa.json');
 */
export function readResult(path: string): StoredResult {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const parsed = BenchResult.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return { path, result: parsed.data };
}

/**
 * Every result file under `root` (one folder per suite), oldest first by recorded date.
 *
 * @example
 * listResults(RESULTS_ROOT).filter((r) => r.result.suite === 'pass1');
 */
export function listResults(root: string, suite?: string): StoredResult[] {
  if (!existsSync(root)) return [];
  const suites = suite
    ? [suite]
    : readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
  const out: StoredResult[] = [];
  for (const s of suites) {
    const dir = join(root, s);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')))
      out.push(readResult(join(dir, f)));
  }
  return out.sort(
    (a, b) =>
      Date.parse(a.result.provenance.date) - Date.parse(b.result.provenance.date) ||
      a.path.localeCompare(b.path),
  );
}

/** A path as the repository names it (inside it), else as given, for messages. */
export function repoPath(path: string): string {
  const rel = relative(fileURLToPath(new URL('../../', import.meta.url)), path);
  return rel.startsWith('..') ? path : rel;
}
