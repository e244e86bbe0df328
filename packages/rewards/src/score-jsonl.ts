/**
 * `score`: reward a JSONL stream of `{completion, answer, prompt?, lang?, task?, meta?}` lines,
 * writing each line back with its rewards. Web-standard only (async iterables, Web Streams);
 * the Node file adapter lives in `score-jsonl-file.ts`.
 */
import { type CombinedReward, combineRewards } from './combine-rewards.ts';
import { REWARDS } from './reward-registry.ts';
import type { RewardSample } from './types.ts';

export type ScoredLine = Record<string, unknown> & {
  rewards?: Record<string, number>;
  reward?: number;
  reasons?: Record<string, string>;
  error?: string;
};

export type ScoreOptions = {
  /** Reward weights by registry name (default accuracy 1, format 1, tag_count 0, language 0). */
  weights?: Record<string, number>;
};

const DEFAULT_WEIGHTS = { accuracy: 1, format: 1, tag_count: 0, language: 0 };

/**
 * Split a stream of text chunks into lines (handles `\n` and `\r\n`, chunk boundaries, no trailing newline).
 *
 * @example
 * for await (const line of linesOf(['{"a":', '1}\n{"b":2}'])) console.log(line); // '{"a":1}', '{"b":2}'
 */
export async function* linesOf(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      yield buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  }
  if (buffer.length > 0) yield buffer.replace(/\r$/, '');
}

function scoreLine(line: string, reward: CombinedReward): ScoredLine | null {
  if (line.trim() === '') return null;
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (err) {
    return { line, error: `invalid JSON: ${(err as Error).message}` };
  }
  if (!row || typeof row !== 'object' || Array.isArray(row))
    return { line, error: 'line is not a JSON object' };
  const record = row as Record<string, unknown>;
  if (typeof record.completion !== 'string')
    return { ...record, error: 'missing string "completion"' };
  const sample: RewardSample = {
    answer: typeof record.answer === 'string' ? record.answer : String(record.answer ?? ''),
    ...(typeof record.prompt === 'string' ? { prompt: record.prompt } : {}),
    ...(typeof record.lang === 'string' ? { lang: record.lang } : {}),
    ...(typeof record.task === 'string' ? { task: record.task } : {}),
    ...(record.meta && typeof record.meta === 'object'
      ? { meta: record.meta as Record<string, unknown> }
      : {}),
  };
  const { total, scores, reasons } = reward(record.completion, sample);
  return {
    ...record,
    rewards: scores,
    reward: total,
    ...(Object.keys(reasons).length ? { reasons } : {}),
  };
}

/**
 * Score JSONL lines: yields each input object with `rewards` (per name), `reward` (weighted total)
 * and `reasons`; a bad line yields `{ line, error }` instead of stopping the stream. Blank lines are skipped.
 *
 * @example
 * for await (const row of score(['{"completion":"<answer>4</answer>","answer":"4"}'])) row.rewards?.accuracy; // 1
 */
export async function* score(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ScoreOptions = {},
): AsyncGenerator<ScoredLine> {
  const reward = combineRewards(options.weights ?? DEFAULT_WEIGHTS, REWARDS);
  for await (const line of lines) {
    const out = scoreLine(line, reward);
    if (out !== null) yield out;
  }
}

/**
 * A Web Streams transform: JSONL text in, scored JSONL text out (one line per input record).
 *
 * @example
 * const out = new Response(file.stream().pipeThrough(new TextDecoderStream()).pipeThrough(scoreStream()));
 */
export function scoreStream(options: ScoreOptions = {}): TransformStream<string, string> {
  const reward = combineRewards(options.weights ?? DEFAULT_WEIGHTS, REWARDS);
  let buffer = '';
  const emit = (line: string, controller: TransformStreamDefaultController<string>) => {
    const out = scoreLine(line.replace(/\r$/, ''), reward);
    if (out !== null) controller.enqueue(`${JSON.stringify(out)}\n`);
  };
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        emit(buffer.slice(0, nl), controller);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
    },
    flush(controller) {
      if (buffer.length > 0) emit(buffer, controller);
    },
  });
}
