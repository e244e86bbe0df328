// `r1lab generate`: sample completions for a prompt from a checkpoint folder.
import { resolve } from 'node:path';
import { generate, initBackend, loadCheckpoint } from '@r1lab/model';
import { encodePrompt } from '@r1lab/pipeline';
import { positiveInt } from './options.ts';

export interface GenerateCommandOptions {
  checkpoint: string;
  prompt: string;
  n: string;
  temperature: string;
  maxNewTokens: string;
  seed: string;
  greedy?: boolean;
  backend: string;
}

export async function generateCommand(o: GenerateCommandOptions): Promise<void> {
  const temperature = Number(o.temperature);
  if (!(temperature > 0)) throw new Error(`--temperature must be > 0, got "${o.temperature}"`);
  await initBackend(o.backend as 'auto');
  const { model, tokenizer } = await loadCheckpoint(resolve(o.checkpoint));
  if (!tokenizer) throw new Error(`${o.checkpoint} has no tokenizer.json`);
  // The prompts r1lab trains on end with a newline; accept a literal "\n" from the shell too.
  const prompt = o.prompt.replace(/\\n/g, '\n');
  const n = positiveInt('--n', o.n);
  const outs = await generate(
    model,
    tokenizer,
    Array.from({ length: n }, () => encodePrompt(tokenizer, prompt)),
    {
      maxNewTokens: positiveInt('--max-new-tokens', o.maxNewTokens),
      temperature,
      seed: positiveInt('--seed', o.seed, 0),
      greedy: o.greedy ?? false,
    },
  );
  model.dispose();
  for (const out of outs) console.log(`${JSON.stringify(out.text)}  (${out.finishReason})`);
}
