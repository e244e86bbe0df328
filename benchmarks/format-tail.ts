// `npm run bench:format-tail -- CHECKPOINT…`: how likely a checkpoint is to break the answer format
// at temperature 1, measured with far less noise than counting misses. A trained model's misses are
// single stray special tokens (a second `<think>`, an early `</answer>`, `<eos>`) sampled from the
// softmax tail, ~1e-5 a position: 4,000 samples see a handful, too few to compare two checkpoints.
// Instead: sample one completion per test problem and repetition, teacher-force it, and add up at
// every completion position the probability of each special token other than the one written there
// (`</think>` left out: closing the thought early still parses). The sum per completion is the
// expected number of stray specials — to first order, the format-miss rate.
//
//   npm run bench:format-tail -- .r1lab/runs/<id>/stages/sft/step-000600 --n 4
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  forward,
  generate,
  initBackend,
  loadCheckpoint,
  type Model,
  padBatch,
  type Tokenizer,
} from '@r1lab/model';
import { encodePrompt, problemPool, scoreCompletion, TaskSpec } from '@r1lab/pipeline';
import * as tf from '@tensorflow/tfjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    task: { type: 'string', default: 'arith' },
    seed: { type: 'string', default: '0' },
    count: { type: 'string', default: '500' },
    n: { type: 'string', default: '4' },
    'max-new-tokens': { type: 'string', default: '64' },
    'show-misses': { type: 'boolean', default: false },
  },
});
if (positionals.length === 0) {
  console.error(
    'usage: format-tail CHECKPOINT_DIR… [--task arith] [--seed 0] [--count 500] [--n 4] [--show-misses]',
  );
  process.exit(2);
}
await initBackend('wasm', { threads: 1 });
const task = TaskSpec.parse({ name: values.task });
const problems = problemPool(task, Number(values.seed), 'test', Number(values.count));
const jobs = problems.flatMap((p) => Array.from({ length: Number(values.n) }, () => p));
const BATCH = 128;

/** Σ over completion positions of p(special ≠ the token written), for one batch of sequences. */
function strayMass(
  model: Model,
  tok: Tokenizer,
  seqs: number[][],
  completionStarts: number[],
): number[] {
  const closeThink = tok.tokenId('</think>');
  const specials = [...tok.specialIds].filter((id) => id !== closeThink);
  const probs = tf.tidy(() => {
    const { ids, attentionMask } = padBatch(seqs, tok.padId, 'right');
    return tf.softmax(forward(model, ids, attentionMask), -1);
  });
  const P = probs.arraySync() as number[][][];
  probs.dispose();
  return seqs.map((s, b) => {
    let mass = 0;
    // Position t − 1 predicts token t.
    for (let t = completionStarts[b]!; t < s.length; t++) {
      for (const id of specials) if (id !== s[t]) mass += P[b]![t - 1]![id]!;
    }
    return mass;
  });
}

console.log(`${jobs.length} completions (${problems.length} test problems × ${values.n}), T = 1`);
// npm runs a workspace script in the workspace's folder; paths are the caller's.
const dirs = positionals.map((p) => resolve(process.env.INIT_CWD ?? '.', p));
for (const dir of dirs) {
  const { model, tokenizer } = await loadCheckpoint(dir);
  if (!tokenizer) throw new Error(`${dir}: no tokenizer.json`);
  const started = performance.now();
  let mass = 0;
  let right = 0;
  let misses = 0;
  for (let s = 0; s < jobs.length; s += BATCH) {
    const chunk = jobs.slice(s, s + BATCH);
    const prompts = chunk.map((p) => encodePrompt(tokenizer, p.prompt));
    const outs = await generate(model, tokenizer, prompts, {
      maxNewTokens: Number(values['max-new-tokens']),
      temperature: 1,
      seed: 11 + s,
    });
    const seqs = outs.map((o) => [...o.promptIds, ...o.ids]);
    const masses = strayMass(
      model,
      tokenizer,
      seqs,
      prompts.map((p) => p.length),
    );
    outs.forEach((o, i) => {
      const score = scoreCompletion(chunk[i]!, o.text, {});
      mass += masses[i]!;
      right += score.accuracy;
      if (score.format < 1) misses += 1;
      if (score.format < 1 && values['show-misses']) console.log('  miss:', JSON.stringify(o.text));
    });
  }
  model.dispose();
  const pct = (x: number) => `${((100 * x) / jobs.length).toFixed(4)} %`;
  console.log(
    `${dir}: expected stray specials ${pct(mass)} a completion · sampled format misses ${misses}` +
      ` (${pct(misses)}) · pass@1 ${pct(right)} · ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
process.exit(0);
