import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import {
  gsm8kAnswer,
  lastBoxedContent,
  loadGsm8k,
  loadMath,
} from '../src/loaders/dataset-problems.ts';
import { type DataRecord, loadJsonl } from '../src/loaders/jsonl.ts';
import { loadParquet } from '../src/loaders/parquet.ts';
import { sourceLines } from '../src/loaders/text-source.ts';
import type { Problem } from '../src/types.ts';

const DATA = new URL('../../../data/', import.meta.url);
const GSM8K = new URL('gsm8k-test.jsonl', DATA);
const MATH500 = new URL('math500-test.jsonl', DATA);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A byte stream cut into tiny chunks, so lines and UTF-8 characters straddle chunk boundaries. */
async function* tinyChunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('loadGsm8k', () => {
  it('reads the GSM8K test file in data/: 1319 problems with the #### answers', async () => {
    const problems = await collect(loadGsm8k(GSM8K));
    expect(problems).toHaveLength(1319);
    expect(problems[0]).toMatchObject({ id: 'gsm8k-0', task: 'gsm8k', answer: '18', lang: 'en' });
    expect(problems[0]!.prompt.startsWith('Janet’s ducks lay 16 eggs per day.')).toBe(true);
    expect(problems[0]!.meta.solution).toBe(
      'Janet sells 16 - 3 - 4 = 9 duck eggs a day.\nShe makes 9 * 2 = $18 every day at the farmer’s market.',
    );
    expect(problems[1]!.answer).toBe('3');
    for (const p of problems) expect(p.answer).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('stops at the limit and applies a prompt format', async () => {
    const problems = await collect(
      loadGsm8k(GSM8K, { limit: 5, formatPrompt: (q) => `Q: ${q}\nA:` }),
    );
    expect(problems).toHaveLength(5);
    expect(problems[4]!.prompt).toMatch(/^Q: .*\nA:$/s);
  });

  it('fails clearly on a row of the wrong shape', async () => {
    const rows = tinyChunks('{"question":"q","answer":"no marker"}\n', 7);
    await expect(collect(loadGsm8k(rows))).rejects.toThrow(/row 0 lacks/);
  });

  it('parses answers with separators', () => {
    expect(gsm8kAnswer('so 1000 + 5\n#### 1,005')).toBe('1005');
    expect(gsm8kAnswer('no marker')).toBeNull();
  });
});

describe('loadMath', () => {
  it('reads the MATH-500 file in data/: 500 problems with their answers and metadata', async () => {
    const problems = await collect(loadMath(MATH500));
    expect(problems).toHaveLength(500);
    expect(problems[0]).toMatchObject({
      id: 'test/precalculus/807.json',
      task: 'math',
      answer: '\\left( 3, \\frac{\\pi}{2} \\right)',
    });
    expect(problems[0]!.meta).toMatchObject({ subject: 'Precalculus', level: 2 });
    expect(new Set(problems.map((p) => p.id)).size).toBe(500);
  });

  it('falls back to the last \\boxed{} of the solution when there is no answer field', async () => {
    const rows = await collect(loadJsonl(MATH500));
    const withoutAnswer = rows
      .map(({ answer: _answer, ...rest }) => JSON.stringify(rest))
      .join('\n');
    const boxed = await collect(loadMath(tinyChunks(withoutAnswer, 4096)));
    expect(boxed).toHaveLength(500);
    const same = boxed.filter((p, i) => p.answer === String(rows[i]!.answer)).length;
    // MATH-500's answer field is the boxed content up to a few hand-tidied spacings.
    expect(same / 500).toBeGreaterThan(0.9);
    expect(lastBoxedContent('a $\\boxed{\\frac{1}{2}}$ b')).toBe('\\frac{1}{2}');
    expect(lastBoxedContent('none')).toBeNull();
  });

  it('reads the AIME 2024 and AMC 2023 files (numbers as plain text)', async () => {
    const aime = await collect(loadMath(new URL('aime2024.jsonl', DATA), { idPrefix: 'aime24' }));
    expect(aime).toHaveLength(30);
    expect(aime.every((p) => /^\d+$/.test(p.answer))).toBe(true);
    const amc = await collect(loadMath(new URL('amc23.jsonl', DATA), { idPrefix: 'amc23' }));
    expect(amc).toHaveLength(40);
    expect(amc[0]).toMatchObject({ id: 'amc23-0', answer: '27' });
  });
});

describe('loadJsonl', () => {
  it('decodes lines split across chunks, multi-byte characters, CRLF and a missing final newline', async () => {
    const text = '{"a":"é€😀"}\r\n\n{"a":2}';
    expect(await collect(loadJsonl(tinyChunks(text, 1)))).toEqual([{ a: 'é€😀' }, { a: 2 }]);
    expect(await collect(sourceLines(new Response(text)))).toEqual(['{"a":"é€😀"}', '', '{"a":2}']);
  });

  it('reports the line number of malformed JSON', async () => {
    await expect(collect(loadJsonl(tinyChunks('{"a":1}\n{oops}\n', 3)))).rejects.toThrow(
      /line 2 is not valid JSON/,
    );
    await expect(collect(loadJsonl(tinyChunks('[1]\n', 3)))).rejects.toThrow(
      /line 1 is not a JSON object/,
    );
  });
});

describe('loadParquet', () => {
  async function gsm8kParquet(): Promise<{ rows: DataRecord[]; buffer: ArrayBuffer }> {
    const rows = await collect(loadJsonl(GSM8K));
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'question', data: rows.map((r) => r.question as string), type: 'STRING' },
        { name: 'answer', data: rows.map((r) => r.answer as string), type: 'STRING' },
        { name: 'row', data: rows.map((_, i) => BigInt(i)), type: 'INT64' },
      ],
      rowGroupSize: 500,
    });
    return { rows, buffer };
  }

  it('streams a multi-row-group file and maps it like the JSONL form', async () => {
    const { rows, buffer } = await gsm8kParquet();
    expect(parquetMetadata(buffer).row_groups).toHaveLength(3);
    const parquetRows = await collect(loadParquet(buffer));
    expect(parquetRows).toHaveLength(1319);
    expect(parquetRows[1318]).toEqual({
      question: rows[1318]!.question,
      answer: rows[1318]!.answer,
      row: 1318,
    });
    const fromParquet: Problem[] = await collect(loadGsm8k(buffer));
    const fromJsonl = await collect(loadGsm8k(GSM8K));
    expect(fromParquet).toEqual(fromJsonl);
  });

  it('reads a file by path, picking the format from the extension, and selects columns', async () => {
    const { buffer } = await gsm8kParquet();
    const dir = await mkdtemp(join(tmpdir(), 'r1lab-tasks-'));
    try {
      const path = join(dir, 'gsm8k-test.parquet');
      await writeFile(path, new Uint8Array(buffer));
      const problems = await collect(loadGsm8k(path, { limit: 3 }));
      expect(problems.map((p) => p.answer)).toEqual(['18', '3', '70000']);
      const questions = await collect(loadParquet(path, { columns: ['question'] }));
      expect(Object.keys(questions[0]!)).toEqual(['question']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
