// Ratios between variants measured in one sitting (wasm vs cpu, Node vs Bun, PGlite vs
// PostgreSQL): the same workload's figure in each variant over the baseline's, with a verdict.
import { compareFigure } from './compare.ts';
import type { Figure, SideBySide } from './result-schema.ts';

/**
 * For every figure measured in `baseline` and in another variant, that variant's value over the
 * baseline's, judged by the same spread rule as `bench:compare`.
 *
 * @example
 * sideBySide(figures, 'node-wasm');
 * // [{ name: 'train 16x128', baseline: 'node-wasm', other: 'node-cpu', ratio: 26.3, verdict: 'slower ×26.3' }]
 */
export function sideBySide(figures: readonly Figure[], baseline: string): SideBySide[] {
  const base = new Map(
    figures.filter((f) => f.variant === baseline).map((f) => [f.name, f] as const),
  );
  const out: SideBySide[] = [];
  for (const f of figures) {
    const b = base.get(f.name);
    if (!b || !f.variant || f.variant === baseline || b.value <= 0 || f.value <= 0) continue;
    out.push({
      name: f.name,
      unit: f.unit,
      baseline,
      other: f.variant,
      ratio: f.value / b.value,
      verdict: compareFigure(b, f).text,
    });
  }
  return out;
}

/**
 * The side-by-side ratios as text lines, for a suite's console output.
 *
 * @example
 * console.log(formatSideBySide(result.sideBySide).join('\n'));
 */
export function formatSideBySide(rows: readonly SideBySide[]): string[] {
  return rows.map(
    (r) =>
      `${r.name}: ${r.other} / ${r.baseline} = ${r.ratio.toFixed(3)} (${r.other} ${r.verdict})`,
  );
}
