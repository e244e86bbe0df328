// What every suite shares: its command-line flags (`--quick`, `--out DIR`, `--tag NAME`) and
// the end of a run (print the figures, validate, write the result file).
import { parseArgs } from 'node:util';
import { figureText } from './compare.ts';
import {
  type BenchResult,
  type Figure,
  figureKey,
  type Provenance,
  RESULT_SCHEMA,
  type SideBySide,
} from './result-schema.ts';
import { repoPath, resultsRootFor, writeResult } from './result-store.ts';
import { formatSideBySide } from './side-by-side.ts';

export interface SuiteArgs {
  quick: boolean;
  out: string | undefined;
  tag: string | undefined;
  /** The suite's own flags, as parseArgs returns them. */
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parses the shared flags plus a suite's own `options` (parseArgs syntax).
 *
 * @example
 * const args = suiteArgs({ backend: { type: 'string', default: 'wasm' } });
 * if (args.quick) console.log('smoke run');
 */
export function suiteArgs(
  options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {},
  argv: string[] = process.argv.slice(2),
): SuiteArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      tag: { type: 'string' },
      ...options,
    },
  });
  return {
    quick: values.quick === true,
    out: values.out as string | undefined,
    tag: values.tag as string | undefined,
    values: values as SuiteArgs['values'],
  };
}

export interface SuiteOutput {
  suite: string;
  args: SuiteArgs;
  provenance: Provenance;
  figures: Figure[];
  sideBySide?: SideBySide[];
  data?: Record<string, unknown>;
  pass1?: BenchResult['pass1'];
  /** Added to the tag: a variant's name when a suite runs only part of its matrix. */
  tagParts?: string[];
}

/**
 * The result of a suite run as the schema stores it.
 *
 * @example
 * const result = buildResult({ suite: 'db', args, provenance, figures });
 */
export function buildResult(o: SuiteOutput): BenchResult {
  const tag = [...(o.tagParts ?? []), ...(o.args.quick ? ['quick'] : []), o.args.tag]
    .filter(Boolean)
    .join('-');
  return {
    schema: RESULT_SCHEMA,
    suite: o.suite,
    ...(tag ? { tag } : {}),
    quick: o.args.quick,
    provenance: o.provenance,
    figures: o.figures,
    sideBySide: o.sideBySide ?? [],
    ...(o.data ? { data: o.data } : {}),
    ...(o.pass1 ? { pass1: o.pass1 } : {}),
  };
}

/**
 * Prints the figures and side-by-side ratios, writes the result file, and returns its path.
 *
 * @example
 * finishSuite({ suite: 'rewards', args, provenance: prov.finish(envs), figures });
 */
export function finishSuite(o: SuiteOutput): string {
  const result = buildResult(o);
  const width = Math.max(...result.figures.map((f) => figureKey(f).length), 6);
  for (const f of result.figures) console.log(`${figureKey(f).padEnd(width)}  ${figureText(f)}`);
  for (const line of formatSideBySide(result.sideBySide)) console.log(line);
  const m = result.provenance.machine;
  const load = (l: typeof m.loadBefore) => (l === 'unknown' ? '?' : l.m1.toFixed(2));
  const path = writeResult(result, resultsRootFor(o.args));
  console.log(`wrote ${repoPath(path)} (load ${load(m.loadBefore)} → ${load(m.loadAfter)})`);
  return path;
}
