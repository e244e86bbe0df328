/**
 * Code reward: run a JavaScript solution against test cases in QuickJS compiled to WebAssembly
 * (quickjs-emscripten), with a time limit (interrupt handler), a memory limit and a stack limit.
 * The sandbox has no host access: no `require`, `process`, `fetch`, timers or file system.
 * Source: open-r1 `code_reward` (E2B / Piston sandboxes), here in-process and web-standard.
 *
 * Async because the WebAssembly module loads asynchronously (once, then it is cached).
 */
import {
  newQuickJSWASMModule,
  type QuickJSWASMModule,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten';
import type { RewardSample, ScoredReward } from './types.ts';

/** A test: a call `entry(...args)` whose result must deep-equal `expected`, or a JS assertion evaluating to `true`. */
export type CodeTest = { args: unknown[]; expected: unknown } | string;

/** What `sample.answer` holds (as JSON) for a code task. */
export type CodeTestSuite = { entry?: string; tests: CodeTest[] };

export type CodeSandboxOptions = {
  /** Wall-clock limit per test case in ms (default 1000). */
  timeLimitMs?: number;
  /** Heap limit per test case in bytes (default 32 MiB). */
  memoryLimitBytes?: number;
  /** Stack limit in bytes (default 512 KiB). */
  maxStackBytes?: number;
};

export type CodeScore = ScoredReward & { passed: number; total: number };

// Our own module (not the library singleton), so a run that leaves QuickJS in a bad state can
// drop it: a new module is a fresh WebAssembly instance (~20 ms), the old one is garbage collected.
let quickJS: Promise<QuickJSWASMModule> | null = null;
function loadQuickJS(): Promise<QuickJSWASMModule> {
  quickJS ??= newQuickJSWASMModule();
  return quickJS;
}

/**
 * The solution code of a completion: the last fenced block (```js / ```javascript / ```) inside
 * `<answer>` if any, else in the whole completion, else the `<answer>` content.
 *
 * @example
 * extractCode('<answer>```js\nconst f = () => 1;\n```</answer>'); // 'const f = () => 1;'
 */
export function extractCode(completion: string): string | null {
  const open = completion.lastIndexOf('<answer>');
  const close = completion.lastIndexOf('</answer>');
  const answer = open >= 0 && close > open ? completion.slice(open + 8, close) : null;
  for (const text of answer === null ? [completion] : [answer, completion]) {
    const end = text.lastIndexOf('```');
    if (end < 0) continue;
    const start = text.lastIndexOf('```', end - 1);
    if (start < 0) continue;
    const block = text.slice(start + 3, end);
    const newline = block.indexOf('\n');
    const info = newline < 0 ? '' : block.slice(0, newline).trim();
    if (/^(?:js|javascript|ts|typescript)?$/i.test(info)) return block.slice(newline + 1).trim();
  }
  return answer?.trim() || null;
}

function parseSuite(answer: string): CodeTestSuite | null {
  try {
    const raw = JSON.parse(answer) as unknown;
    const suite = Array.isArray(raw) ? { tests: raw } : (raw as CodeTestSuite);
    if (!suite || !Array.isArray(suite.tests) || suite.tests.length === 0) return null;
    return suite;
  } catch {
    return null;
  }
}

/** Deep equality through canonical JSON (key order ignored). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/**
 * Run `code` then `probe` in a fresh QuickJS runtime under the limits; returns the probe's value
 * (dumped to a host value) or an error message.
 *
 * @example
 * await runInSandbox('const f = (a, b) => a + b;', 'f(1, 2)'); // { ok: true, value: 3 }
 */
export async function runInSandbox(
  code: string,
  probe: string,
  options: CodeSandboxOptions = {},
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const module = await loadQuickJS();
  const runtime = module.newRuntime();
  // A stack overflow leaves objects QuickJS cannot free (JS_FreeRuntime then aborts the whole
  // module), so after an internal error the runtime is abandoned with its module instead of freed.
  let abandon = false;
  try {
    runtime.setMemoryLimit(options.memoryLimitBytes ?? 32 * 1024 * 1024);
    runtime.setMaxStackSize(options.maxStackBytes ?? 512 * 1024);
    runtime.setInterruptHandler(
      shouldInterruptAfterDeadline(Date.now() + (options.timeLimitMs ?? 1000)),
    );
    const vm = runtime.newContext();
    const result = vm.evalCode(`${code}\n;${probe}`, 'solution.js');
    if (result.error) {
      const error = vm.dump(result.error) as { name?: string; message?: string } | string;
      const message =
        typeof error === 'string' ? error : `${error?.name ?? 'Error'}: ${error?.message ?? ''}`;
      abandon = typeof error !== 'string' && error?.name === 'InternalError';
      if (!abandon) {
        result.error.dispose();
        vm.dispose();
      }
      return { ok: false, error: message };
    }
    const value = vm.dump(result.value) as unknown;
    result.value.dispose();
    vm.dispose();
    return { ok: true, value };
  } catch (err) {
    abandon = true;
    return { ok: false, error: String((err as Error)?.message ?? err) };
  } finally {
    if (abandon) quickJS = null;
    else {
      try {
        runtime.dispose();
      } catch {
        quickJS = null;
      }
    }
  }
}

/**
 * Score a code completion: the fraction of `sample.answer`'s tests (JSON {@link CodeTestSuite})
 * that pass in the sandbox, with counts and the first failure as the reason. Never rejects.
 *
 * @example
 * await scoreCode('<answer>```js\nfunction add(a,b){return a+b}\n```</answer>',
 *   { answer: JSON.stringify({ entry: 'add', tests: [{ args: [1, 2], expected: 3 }] }) });
 * // { score: 1, passed: 1, total: 1 }
 */
export async function scoreCode(
  completion: string,
  sample: RewardSample,
  options: CodeSandboxOptions = {},
): Promise<CodeScore> {
  const suite = typeof sample?.answer === 'string' ? parseSuite(sample.answer) : null;
  if (suite === null)
    return { score: 0, passed: 0, total: 0, reason: 'sample.answer is not a JSON test suite' };
  const total = suite.tests.length;
  const code = typeof completion === 'string' ? extractCode(completion) : null;
  if (code === null) return { score: 0, passed: 0, total, reason: 'no code found' };
  let passed = 0;
  let reason: string | undefined;
  for (const test of suite.tests) {
    const isCall = typeof test !== 'string';
    const entry = suite.entry ?? 'solution';
    const probe = isCall ? `${entry}(...${JSON.stringify(test.args ?? [])})` : `(${test}) === true`;
    const out = await runInSandbox(code, probe, options);
    const ok =
      out.ok && (isCall ? canonical(out.value) === canonical(test.expected) : out.value === true);
    if (ok) passed++;
    else reason ??= out.ok ? `wrong result for ${probe.slice(0, 80)}` : out.error.slice(0, 200);
  }
  return { score: passed / total, passed, total, ...(reason ? { reason } : {}) };
}

/**
 * The code reward: fraction of tests passed, in [0, 1]. Async (returns a Promise).
 *
 * @example
 * await codeReward('```js\nconst solution = (x) => x * 2;\n```', { answer: '[{"args":[2],"expected":4}]' }); // 1
 */
export async function codeReward(completion: string, sample: RewardSample): Promise<number> {
  return (await scoreCode(completion, sample)).score;
}
