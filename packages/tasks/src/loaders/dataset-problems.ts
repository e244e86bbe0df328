/**
 * GSM8K- and MATH-shaped datasets mapped to {@link Problem}, from JSONL or Parquet.
 * GSM8K: `question`, `answer` ending in `#### N`. MATH: `problem`, and `answer` or a
 * `solution` whose last `\boxed{…}` holds the answer (MATH-500, AIME, AMC files share it).
 */
import type { Problem } from '../types.ts';
import { type DataRecord, loadJsonl } from './jsonl.ts';
import { loadParquet } from './parquet.ts';
import type { DataSource } from './text-source.ts';

export type DatasetOptions = {
  /** `'auto'` (default) picks Parquet for names ending in `.parquet`, else JSONL. */
  format?: 'auto' | 'jsonl' | 'parquet';
  /** Stop after this many problems. */
  limit?: number;
  /** Prompt from the question text. Default: the text plus a newline, like generated prompts. */
  formatPrompt?: (question: string) => string;
  /** Prefix of generated ids when a row has none. Default the task name. */
  idPrefix?: string;
};

function records(
  source: DataSource | ArrayBuffer,
  format: DatasetOptions['format'],
): AsyncIterable<DataRecord> {
  const parquet =
    format === 'parquet' ||
    source instanceof ArrayBuffer ||
    (format !== 'jsonl' && /\.parquet$/i.test(String(source)));
  if (parquet) return loadParquet(source as string | URL | ArrayBuffer);
  return loadJsonl(source as DataSource);
}

/**
 * Content of the last `\boxed{…}` (or `\fbox{…}`), with nested braces, or null.
 * @example
 * lastBoxedContent('so $\\boxed{\\frac{1}{2}}$.') // '\\frac{1}{2}'
 */
export function lastBoxedContent(text: string): string | null {
  const start = Math.max(text.lastIndexOf('\\boxed{'), text.lastIndexOf('\\fbox{'));
  if (start < 0) return null;
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

/**
 * The gold answer of a GSM8K solution: the text after `####`, thousands separators removed.
 * @example
 * gsm8kAnswer('… so 2 + 3 = 5\n#### 1,005') // '1005'
 */
export function gsm8kAnswer(solution: string): string | null {
  const marker = solution.lastIndexOf('####');
  if (marker < 0) return null;
  return solution
    .slice(marker + 4)
    .trim()
    .replace(/,/g, '');
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

async function* mapRecords(
  rows: AsyncIterable<DataRecord>,
  options: DatasetOptions,
  toProblem: (row: DataRecord, index: number) => Problem,
): AsyncGenerator<Problem> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let index = 0;
  for await (const row of rows) {
    if (index >= limit) return;
    yield toProblem(row, index);
    index++;
  }
}

/**
 * Streams GSM8K-shaped rows as problems (`task: 'gsm8k'`); `meta.solution` is the reference
 * reasoning with the `<<…>>` calculator annotations removed.
 * @example
 * for await (const p of loadGsm8k('gsm8k-test.jsonl', { limit: 10 })) console.log(p.answer);
 */
export function loadGsm8k(
  source: DataSource | ArrayBuffer,
  options: DatasetOptions = {},
): AsyncIterable<Problem> {
  const formatPrompt = options.formatPrompt ?? ((q: string) => `${q}\n`);
  const prefix = options.idPrefix ?? 'gsm8k';
  return mapRecords(records(source, options.format), options, (row, index) => {
    const question = asText(row.question);
    const solution = asText(row.answer);
    const answer = solution === null ? null : gsm8kAnswer(solution);
    if (question === null || solution === null || answer === null) {
      throw new Error(`loadGsm8k: row ${index} lacks 'question' or an 'answer' with '#### N'`);
    }
    const reasoning = solution
      .slice(0, solution.lastIndexOf('####'))
      .replace(/<<[^>]*>>/g, '')
      .trim();
    return {
      id: `${prefix}-${index}`,
      task: 'gsm8k',
      prompt: formatPrompt(question),
      answer,
      lang: 'en',
      meta: { question, solution: reasoning, index },
    };
  });
}

/**
 * Streams MATH-shaped rows as problems (`task: 'math'`). The answer is the `answer` field
 * when present (numbers are written plainly: 27.0 becomes "27"), else the last `\boxed{}` of
 * `solution`.
 * @example
 * for await (const p of loadMath('math500-test.jsonl')) console.log(p.meta.subject, p.answer);
 */
export function loadMath(
  source: DataSource | ArrayBuffer,
  options: DatasetOptions = {},
): AsyncIterable<Problem> {
  const formatPrompt = options.formatPrompt ?? ((q: string) => `${q}\n`);
  const prefix = options.idPrefix ?? 'math';
  return mapRecords(records(source, options.format), options, (row, index) => {
    const problem = asText(row.problem) ?? asText(row.question);
    const solution = asText(row.solution);
    const answer = asText(row.answer) ?? (solution === null ? null : lastBoxedContent(solution));
    if (problem === null || answer === null) {
      throw new Error(`loadMath: row ${index} lacks 'problem' or an 'answer' / boxed 'solution'`);
    }
    const id =
      asText(row.unique_id) ??
      (row.id !== undefined ? `${prefix}-${asText(row.id)}` : `${prefix}-${index}`);
    const meta: Record<string, unknown> = { question: problem, index };
    if (solution !== null) meta.solution = solution;
    for (const key of ['subject', 'level', 'url'] as const)
      if (row[key] !== undefined) meta[key] = row[key];
    return {
      id,
      task: 'math',
      prompt: formatPrompt(problem),
      answer: answer.trim(),
      lang: 'en',
      meta,
    };
  });
}
