// `r1lab score`: every reward over a JSONL file of {completion, answer, prompt?, lang?, task?}.
import { createReadStream, createWriteStream } from 'node:fs';
import { linesOf, score } from '@r1lab/rewards';

export interface ScoreCommandOptions {
  in: string;
  out?: string;
  weights?: string;
}

export async function scoreCommand(o: ScoreCommandOptions): Promise<void> {
  const input = o.in === '-' ? process.stdin : createReadStream(o.in, { encoding: 'utf8' });
  input.setEncoding?.('utf8');
  const weights = o.weights ? parseWeights(o.weights) : undefined;
  const out = o.out ? createWriteStream(o.out) : process.stdout;
  let count = 0;
  let errors = 0;
  for await (const row of score(
    linesOf(input as AsyncIterable<string>),
    weights ? { weights } : {},
  )) {
    count += 1;
    if (row.error) errors += 1;
    out.write(`${JSON.stringify(row)}\n`);
  }
  if (o.out) await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
  console.error(
    `scored ${count} line(s)${errors ? `, ${errors} unreadable (see their "error")` : ''}`,
  );
}

/** `accuracy=1,format=0.5` → { accuracy: 1, format: 0.5 }. */
export function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    const w = Number(value);
    if (!name || !Number.isFinite(w)) {
      throw new Error(`--weights must look like "accuracy=1,format=0.5", got "${text}"`);
    }
    weights[name.trim()] = w;
  }
  return weights;
}
