import { describe, expect, it } from 'vitest';
import { codeReward, extractCode, runInSandbox, scoreCode } from '../src/index.ts';

const suite = JSON.stringify({
  entry: 'add',
  tests: [
    { args: [1, 2], expected: 3 },
    { args: [-1, 1], expected: 0 },
    { args: [0.5, 0.25], expected: 0.75 },
    'add(2, 2) === 4',
  ],
});

describe('codeReward (QuickJS sandbox)', () => {
  it('scores the fraction of tests passed', async () => {
    expect(
      await codeReward(
        '<answer>```javascript\nfunction add(a, b) { return a + b; }\n```</answer>',
        { answer: suite },
      ),
    ).toBe(1);
    const half = await scoreCode('```js\nconst add = (a, b) => (a > 0 ? a + b : -1);\n```', {
      answer: suite,
    });
    expect(half).toMatchObject({ passed: 3, total: 4, score: 0.75 });
    expect(half.reason).toMatch(/add\(/);
  });
  it('compares structured results deeply, key order ignored', async () => {
    const answer = JSON.stringify({
      entry: 'f',
      tests: [{ args: [], expected: { a: 1, b: [1, 2] } }],
    });
    expect(await codeReward('```js\nconst f = () => ({ b: [1, 2], a: 1 });\n```', { answer })).toBe(
      1,
    );
  });
  it('bad input scores 0 with a reason', async () => {
    expect(await scoreCode('no code', { answer: 'not json' })).toMatchObject({
      score: 0,
      reason: expect.stringMatching(/JSON/),
    });
    expect(await codeReward('```js\nsyntax error(\n```', { answer: suite })).toBe(0);
  });
  it('an infinite loop is stopped by the time limit', async () => {
    const out = await runInSandbox('while (true) {}', '1', { timeLimitMs: 100 });
    expect(out).toEqual({ ok: false, error: 'InternalError: interrupted' });
    expect(await codeReward('```js\nfunction add() { for (;;) {} }\n```', { answer: suite })).toBe(
      0,
    );
  });
  it('a memory bomb is stopped by the memory limit', async () => {
    const grow = await runInSandbox('const a = []; while (true) a.push(a.length + "x");', '1', {
      memoryLimitBytes: 8 * 1024 * 1024,
    });
    expect(grow).toEqual({ ok: false, error: 'InternalError: out of memory' });
    const big = await runInSandbox('const b = new Uint8Array(1e9);', 'b.length');
    expect(big.ok).toBe(false);
  });
  it('unbounded recursion fails the test and the sandbox keeps working', async () => {
    const out = await runInSandbox('function f() { return f(); }', 'f()');
    expect(out.ok).toBe(false);
    expect(await runInSandbox('', '6 * 7')).toEqual({ ok: true, value: 42 });
  });
  it('require, process, fetch and timers do not exist inside', async () => {
    const out = await runInSandbox(
      '',
      '[typeof require, typeof process, typeof fetch, typeof setTimeout, typeof globalThis.Deno]',
    );
    expect(out).toEqual({
      ok: true,
      value: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined'],
    });
  });
  it('extracts the last js fenced block', () => {
    expect(extractCode('```python\nx\n```\n```js\ny\n```')).toBe('y');
    expect(extractCode('<answer>const z = 1;</answer>')).toBe('const z = 1;');
  });
});
