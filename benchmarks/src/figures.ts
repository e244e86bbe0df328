// Turning measurements into figures with a spread. Few iterations (a model step takes a second):
// the spread is min–max. Many samples (a microbenchmark runs thousands of times): min–max would
// always overlap, so the spread is the 95 % distribution-free confidence interval of the median.
import type { Bench } from 'tinybench';
import type { Figure } from './result-schema.ts';

/** Below this many samples the median's 95 % interval is not defined well; min–max is used. */
const CI_MIN_SAMPLES = 10;

export interface FigureMeta {
  name: string;
  unit: string;
  better: Figure['better'];
  variant?: string | undefined;
}

/**
 * The median of `samples` with its spread: min–max for fewer than 10 samples, else the 95 %
 * order-statistics interval of the median (ranks n/2 ∓ 0.98·√n, no assumption on the shape).
 *
 * @example
 * figureOfSamples({ name: 'train 16x128', unit: 'ms', better: 'lower' }, [899, 877, 1069]);
 * // { …, value: 899, low: 877, high: 1069, spread: 'min-max', n: 3 }
 */
export function figureOfSamples(meta: FigureMeta, samples: readonly number[]): Figure {
  if (samples.length === 0) throw new Error(`${meta.name}: no samples`);
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const mid = n / 2;
  const value = n % 2 === 1 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  let low = s[0]!;
  let high = s[n - 1]!;
  let spread: Figure['spread'] = 'min-max';
  if (n >= CI_MIN_SAMPLES) {
    const half = 0.98 * Math.sqrt(n);
    low = Math.min(value, s[Math.max(0, Math.floor(mid - half) - 1)]!);
    high = Math.max(value, s[Math.min(n - 1, Math.ceil(mid + half))]!);
    spread = 'median-ci95';
  }
  return { ...withVariant(meta), value, low, high, spread, n };
}

/**
 * A rate (items/s) from per-run times: each run's rate, then the median and spread of those.
 *
 * @example
 * rateOfTimes({ name: 'train tokens/s', unit: 'tokens/s', better: 'higher' }, [900, 1000], 2048);
 */
export function rateOfTimes(meta: FigureMeta, msPerRun: readonly number[], items: number): Figure {
  return figureOfSamples(
    meta,
    msPerRun.map((ms) => (items / ms) * 1000),
  );
}

/**
 * Latency figures (ms per call) of every completed tinybench task. The bench must be created with
 * `retainSamples: true`; a task that failed throws, so a broken benchmark never writes a result.
 *
 * @example
 * const bench = new Bench({ retainSamples: true, time: 100 });
 * bench.add('noop', () => {});
 * await bench.run();
 * latencyFigures(bench); // [{ name: 'noop', unit: 'ms', … }]
 */
export function latencyFigures(bench: Bench, variant?: string): Figure[] {
  return bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== 'completed') {
      const why = r.state === 'errored' ? r.error.message : r.state;
      throw new Error(`${task.name}: ${why}`);
    }
    const samples = r.latency.samples;
    if (!samples) throw new Error(`${task.name}: create the Bench with retainSamples: true`);
    return figureOfSamples({ name: task.name, unit: 'ms', better: 'lower', variant }, samples);
  });
}

/**
 * tinybench options for a suite: `quick` runs each task a few times, for the smoke run.
 *
 * @example
 * new Bench(benchOptions(quick, { time: 1000, iterations: 5 }));
 */
export function benchOptions(
  quick: boolean,
  full: { time: number; iterations: number },
): {
  time: number;
  iterations: number;
  retainSamples: true;
  warmupTime?: number;
  warmupIterations?: number;
} {
  return quick
    ? { time: 0, iterations: 3, retainSamples: true, warmupTime: 0, warmupIterations: 1 }
    : { ...full, retainSamples: true };
}

function withVariant(meta: FigureMeta): Omit<Figure, 'value' | 'low' | 'high' | 'spread' | 'n'> {
  const { variant, ...rest } = meta;
  return variant ? { ...rest, variant } : rest;
}
