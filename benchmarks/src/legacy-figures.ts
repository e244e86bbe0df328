// Figures of result files written before the schema, read from their unchanged content so that
// `bench:compare` can set today's runs against them. Those files kept a mean or a median, and
// min–max only in the model suite; a figure without its spread is marked `none` (no verdict).
import { pass1Body, pass1Figures } from './pass1-series.ts';
import type { BenchResult, Figure } from './result-schema.ts';

type Entry = Record<string, unknown>;
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** `"1242575 ± 160124"` (tinybench's table, ns) → 1.242575 ms. */
function tableMs(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^\s*([\d.]+)/.exec(v) : null;
  return m ? Number(m[1]) / 1e6 : undefined;
}

function point(name: string, value: number, variant: string | undefined): Figure {
  return {
    name,
    ...(variant ? { variant } : {}),
    unit: 'ms',
    better: 'lower',
    value,
    low: value,
    high: value,
    spread: 'none',
    n: 1,
  };
}

/**
 * The timing figures of a recovered file (`legacy` content), named as today's suites name them.
 *
 * @example
 * legacyFigures(stored.result); // [{ name: 'train 16x128', variant: 'node-wasm', spread: 'min-max', … }]
 */
export function legacyFigures(result: BenchResult): Figure[] {
  const legacy = result.legacy;
  if (!legacy) return [];
  const env = result.provenance.environments[0]?.variant;
  const fileVariant = env && env !== 'default' ? env : undefined;
  const entries = (Array.isArray(legacy.rows) ? legacy.rows : legacy.tasks) as Entry[] | undefined;
  if (!Array.isArray(entries) || result.suite === 'pass1') return [];
  const out: Figure[] = [];
  for (const e of entries) {
    let name = String(e.task ?? e.name ?? e['Task name'] ?? '');
    if (!name) continue;
    // grpo-core named the backend in brackets; today it is the figure's variant.
    let variant = fileVariant;
    if (typeof e.backend === 'string') {
      variant = e.backend === 'js' ? undefined : e.backend;
      name = name.replace(` [${e.backend}]`, '');
    }
    const median = num(e.medianMs);
    const min = num(e.minMs);
    const max = num(e.maxMs);
    if (median !== undefined && min !== undefined && max !== undefined) {
      const n = num(legacy.iterations) ?? 1;
      out.push({ ...point(name, median, variant), low: min, high: max, spread: 'min-max', n });
      continue;
    }
    const value = median ?? num(e.p50Ms) ?? num(e.meanMs) ?? tableMs(e['Latency med (ns)']);
    if (value !== undefined) out.push(point(name, value, variant));
  }
  return out;
}

/**
 * The figures of any stored result: its own, or those read from its recovered content.
 *
 * @example
 * compareResults({ figures: figuresOf(a) }, { figures: figuresOf(b) });
 */
export function figuresOf(result: BenchResult): Figure[] {
  if (!result.legacy) return result.figures;
  return result.suite === 'pass1' ? pass1Figures(pass1Body(result)) : legacyFigures(result);
}
