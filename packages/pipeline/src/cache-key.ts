// What a pretraining stage's weights depend on, as one hash: equal keys share one base model (the
// cache, the shipped base). Loads no model code, so the API can compute it without tfjs.
import { CharTokenizer, type Tokenizer } from '@r1lab/model/tokenizer';
import { corpusAlphabet } from '@r1lab/tasks/alphabet';
import { hashJson } from './hash-json.ts';
import type { PipelineSpec, StageSpec } from './spec.ts';

/**
 * The tokenizer of every generated-task run: one id per character the task generators emit.
 *
 * @example
 * taskTokenizer().encode('<think>1+1</think>');
 */
export function taskTokenizer(): Tokenizer {
  return CharTokenizer.fromAlphabet(corpusAlphabet());
}

/**
 * Cache key of a pretraining stage: everything its weights depend on, and nothing else.
 *
 * @example
 * const spec = presetSpec('r1-zero');
 * pretrainCacheKey(spec, spec.stages[0]!, taskTokenizer()); // 'b84b54f8…'
 */
export function pretrainCacheKey(
  spec: PipelineSpec,
  stage: StageSpec,
  tokenizer: Tokenizer = taskTokenizer(),
): string {
  const { name: _name, ...hp } = stage;
  const task = { name: spec.task.name, difficulty: spec.task.difficulty, langs: spec.task.langs };
  // Continued pretraining: the weights also depend on everything its starting point's did.
  const from =
    'from' in stage && stage.from ? spec.stages.find((s) => s.name === stage.from) : undefined;
  const parent = from
    ? {
        parent: from.kind === 'pretrain' ? pretrainCacheKey(spec, from, tokenizer) : hashJson(from),
      }
    : {};
  return hashJson({ v: 1, model: spec.model, task, hp, vocab: tokenizer.toJSON(), ...parent });
}
