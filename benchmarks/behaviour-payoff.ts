// `npm run behaviour-payoff -w @r1lab/benchmarks -- CHECKPOINT…`: do self-checks pay? For each
// checkpoint, samples the r1-zero-reflect task's test problems and splits the completions by
// behaviour (verifies or not; slipped and reflects or not): how often each group is right — the
// strict verifier, as the accuracy reward sees it — and how often it is cut at the length cap.
// Under an answer-only reward a behaviour grows only if its completions are right more often.
//
//   npm run behaviour-payoff -w @r1lab/benchmarks -- .r1lab/cache/pretrain-…/stages/self-check-base/step-001000
import { parseArgs } from 'node:util';
import { generate, initBackend, loadCheckpoint } from '@r1lab/model';
import { encodePrompt, presetSpec, problemPool } from '@r1lab/pipeline';
import { completionBehaviour } from '@r1lab/rewards';
import { verify } from '@r1lab/tasks';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    problems: { type: 'string', default: '400' },
    samples: { type: 'string', default: '2' },
    'max-new-tokens': { type: 'string', default: '104' },
    seed: { type: 'string', default: '0' },
  },
});
if (positionals.length === 0) {
  console.error('usage: behaviour-payoff CHECKPOINT_DIR… [--problems 400] [--samples 2]');
  process.exit(2);
}
await initBackend('wasm');
const seed = Number(values.seed);
const spec = presetSpec('r1-zero-reflect', { seed });
const test = problemPool(spec.task, seed, 'test', Number(values.problems), { exact: true });
const jobs = test.flatMap((p) => Array.from({ length: Number(values.samples) }, () => p));

for (const dir of positionals) {
  const { model, tokenizer } = await loadCheckpoint(dir);
  if (!tokenizer) throw new Error(`${dir}: the checkpoint has no tokenizer`);
  const groups = new Map<string, { n: number; right: number; cut: number }>();
  const add = (group: string, right: boolean, cut: boolean) => {
    const g = groups.get(group) ?? { n: 0, right: 0, cut: 0 };
    g.n++;
    if (right) g.right++;
    if (cut) g.cut++;
    groups.set(group, g);
  };
  for (let at = 0; at < jobs.length; at += 256) {
    const chunk = jobs.slice(at, at + 256);
    const outs = await generate(
      model,
      tokenizer,
      chunk.map((p) => encodePrompt(tokenizer, p.prompt)),
      { maxNewTokens: Number(values['max-new-tokens']), temperature: 1, seed: seed + 11 + at },
    );
    outs.forEach((out, j) => {
      const b = completionBehaviour(out.text);
      const right = verify(chunk[j]!, out.text);
      const cut = out.finishReason === 'length';
      add('all', right, cut);
      add(b.verifies ? 'verifies' : 'does not verify', right, cut);
      if (b.wrongSteps > 0)
        add(b.reflects ? 'slipped, reflects' : 'slipped, no reflection', right, cut);
    });
  }
  model.dispose();
  console.log(dir);
  for (const [group, g] of groups) {
    const pct = (k: number) => `${((100 * k) / g.n).toFixed(1)} %`;
    console.log(
      `  ${group.padEnd(24)} ${String(g.n).padStart(5)}   right ${pct(g.right)}   cut ${pct(g.cut)}`,
    );
  }
}
