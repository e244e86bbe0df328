// The arithmetic under the charts, kept apart from uPlot so it is tested without a browser.

export interface LineSeries {
  label: string;
  steps: number[];
  values: number[];
}

/** TensorBoard's debiased exponential moving average; nulls stay nulls. */
export function smooth(values: (number | null)[], weight: number): (number | null)[] {
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    n += 1;
    return last / (1 - weight ** n);
  });
}

/** The series on one sorted step axis (union of their steps), null where one has no point. */
export function align(series: LineSeries[]): { steps: number[]; columns: (number | null)[][] } {
  const all = new Set<number>();
  for (const s of series) for (const x of s.steps) all.add(x);
  const steps = [...all].sort((a, b) => a - b);
  const at = new Map(steps.map((x, i) => [x, i]));
  const columns = series.map((s) => {
    const col: (number | null)[] = new Array(steps.length).fill(null);
    s.steps.forEach((x, i) => {
      col[at.get(x)!] = s.values[i] ?? null;
    });
    return col;
  });
  return { steps, columns };
}
