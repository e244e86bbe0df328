/**
 * Node adapter for `score`: file in, file out. The only module of this package that touches
 * Node built-ins; import it from `@r1lab/rewards/node` (the CLI's `r1lab score` uses it).
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { linesOf, type ScoreOptions, score } from './score-jsonl.ts';

/**
 * Score a JSONL file and write the scored lines to `outputPath`; returns the number of lines written.
 *
 * @example
 * await scoreJsonlFile('samples.jsonl', 'scored.jsonl', { weights: { accuracy: 1 } }); // 200
 */
export async function scoreJsonlFile(
  inputPath: string,
  outputPath: string,
  options: ScoreOptions = {},
): Promise<number> {
  const lines = linesOf(createReadStream(inputPath, { encoding: 'utf8' }) as AsyncIterable<string>);
  const out: string[] = [];
  for await (const row of score(lines, options)) out.push(JSON.stringify(row));
  await writeFile(outputPath, out.length ? `${out.join('\n')}\n` : '');
  return out.length;
}
