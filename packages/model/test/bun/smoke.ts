// Run under Bun by test/bun-runtime.test.ts: backend init, a forward pass, sampling and a
// checkpoint round trip, printing one JSON line the test checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CharTokenizer,
  createModel,
  generate,
  initBackend,
  loadCheckpoint,
  saveCheckpoint,
} from '../../src/index.ts';

const info = await initBackend((process.argv[2] ?? 'wasm') as 'wasm');
const tok = CharTokenizer.fromAlphabet('0123456789+-= ');
const model = createModel(
  {
    hidden_size: 16,
    intermediate_size: 32,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    num_key_value_heads: 1,
    vocab_size: tok.vocabSize,
    max_position_embeddings: 32,
  },
  { seed: 1 },
);
const outs = await generate(model, tok, [[tok.bosId, ...tok.encode('1+2=')]], {
  maxNewTokens: 5,
  seed: 3,
});
const dir = mkdtempSync(join(tmpdir(), 'r1lab-bun-'));
await saveCheckpoint(dir, model, { tokenizer: tok });
const back = await loadCheckpoint(dir);
const again = await generate(back.model, back.tokenizer!, [[tok.bosId, ...tok.encode('1+2=')]], {
  maxNewTokens: 5,
  seed: 3,
});
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    runtime: 'Bun' in globalThis ? 'bun' : 'node',
    backend: info.backend,
    ids: outs[0]!.ids,
    same: JSON.stringify(again[0]!.ids) === JSON.stringify(outs[0]!.ids),
  }),
);
process.exit(0);
