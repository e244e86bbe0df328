import { describe, expect, it } from 'vitest';
import {
  accuracyReward,
  answerAnywhereReward,
  arithmeticReward,
  combineRewards,
  countdownReward,
  createCountdownReward,
  detectLanguage,
  extractAnswer,
  formatReward,
  languageConsistencyReward,
  locateAnswer,
  REWARDS,
  score,
  scoreStream,
  scoreWithReason,
  tagCountReward,
} from '../src/index.ts';

describe('extractAnswer', () => {
  it('prefers the last <answer> tag, then the last balanced \\boxed{}', () => {
    expect(locateAnswer('<answer>1</answer> x <answer>2</answer>')).toEqual({
      answer: '2',
      source: 'tag',
    });
    expect(locateAnswer('\\boxed{1} then \\boxed{\\frac{1}{2}}')).toEqual({
      answer: '\\frac{1}{2}',
      source: 'boxed',
    });
    expect(extractAnswer('\\fbox{7}')).toBe('7');
    expect(extractAnswer('<answer>\\boxed{9}</answer>')).toBe('9');
    expect(extractAnswer('\\boxed{\\{1,2\\}}')).toBe('\\{1,2\\}');
    expect(extractAnswer('\\boxed{12} and \\boxed{unbalanced')).toBe('12');
  });
  it('strict mode finds nothing else; lenient finds ####, "the answer is", the last number', () => {
    expect(extractAnswer('the answer is 5')).toBeNull();
    expect(locateAnswer('work\n#### 1,200', { mode: 'lenient' })).toEqual({
      answer: '1,200',
      source: 'gsm8k',
    });
    expect(locateAnswer('So the answer is 3.5. Done', { mode: 'lenient' })).toEqual({
      answer: '3.5',
      source: 'phrase',
    });
    expect(locateAnswer('3 apples and -12 pears', { mode: 'lenient' })).toEqual({
      answer: '-12',
      source: 'last-number',
    });
    expect(extractAnswer('no digits', { mode: 'lenient' })).toBeNull();
  });
});

describe('accuracy rewards', () => {
  it('accuracyReward scores a tagged or boxed answer equivalent to the gold', () => {
    expect(accuracyReward('<think>x</think><answer>\\frac{1}{2}</answer>', { answer: '0.5' })).toBe(
      1,
    );
    expect(accuracyReward('<think>x</think><answer>0.51</answer>', { answer: '0.5' })).toBe(0);
    expect(accuracyReward('it is 0.5', { answer: '0.5' })).toBe(0);
    expect(scoreWithReason(accuracyReward, 'nothing', { answer: '1' }).reason).toMatch(
      /no <answer>/,
    );
  });
  it('answerAnywhereReward finds the answer in lenient mode', () => {
    expect(answerAnywhereReward('3 plus 4 is 7', { answer: '7' })).toBe(1);
    expect(answerAnywhereReward('#### 18', { answer: '18' })).toBe(1);
    expect(answerAnywhereReward('3 plus 4 is 8', { answer: '7' })).toBe(0);
  });
  it('arithmeticReward wants a number literal, not the expression', () => {
    expect(arithmeticReward('<answer>7</answer>', { answer: '7' })).toBe(1);
    expect(arithmeticReward('<answer>3+4</answer>', { answer: '7' })).toBe(0);
    expect(accuracyReward('<answer>3+4</answer>', { answer: '7' })).toBe(1);
    expect(arithmeticReward('<answer>-7/2</answer>', { answer: '-3.5' })).toBe(1);
  });
});

describe('format rewards', () => {
  it('strict format allows whitespace between blocks, nothing else', () => {
    expect(formatReward('<think>r</think><answer>42</answer>', { answer: '' })).toBe(1);
    expect(formatReward('  <think>\nr\n</think>\n\n<answer> 42 </answer>\n', { answer: '' })).toBe(
      1,
    );
    expect(formatReward('hi <think>r</think><answer>42</answer>', { answer: '' })).toBe(0);
    expect(formatReward('<think>r</think>x<answer>42</answer>', { answer: '' })).toBe(0);
    expect(
      formatReward('<think>r</think><answer>42</answer><answer>1</answer>', { answer: '' }),
    ).toBe(0);
    expect(formatReward('<think><think>r</think><answer>42</answer>', { answer: '' })).toBe(0);
  });
  it('tag count gives 0.25 per tag present exactly once', () => {
    expect(tagCountReward('<think>a</think>', { answer: '' })).toBe(0.5);
    expect(tagCountReward('<think>a</think><think>', { answer: '' })).toBe(0.25);
  });
});

describe('language consistency', () => {
  const fr = '<think>3 plus 4 égale 7. puis 7 moins 2 donne 5.</think><answer>5</answer>';
  const en = '<think>3 plus 4 equals 7. then 7 minus 2 gives 5.</think><answer>5</answer>';
  it('tells French from English in short arithmetic chains of thought', () => {
    expect(languageConsistencyReward(en, { answer: '5', lang: 'en' })).toBe(1);
    expect(languageConsistencyReward(fr, { answer: '5', lang: 'en' })).toBe(0);
    expect(languageConsistencyReward(fr, { answer: '5', lang: 'fr' })).toBe(1);
    expect(languageConsistencyReward(en, { answer: '5', lang: 'fr' })).toBe(0);
  });
  it('detects the target from the prompt when lang is absent', () => {
    expect(detectLanguage('Combien font trois plus quatre ?')).toBe('fr');
    expect(
      languageConsistencyReward(fr, {
        answer: '5',
        prompt: 'Combien font trois plus quatre, moins deux ?',
      }),
    ).toBe(1);
    expect(
      languageConsistencyReward(en, { answer: '5', prompt: 'What is three plus four minus two?' }),
    ).toBe(1);
  });
  it('gives partial credit on real mixed text', () => {
    const zhMix = '<think>First we add the numbers, 我们先计算 then we subtract the rest.</think>';
    const zh = languageConsistencyReward(zhMix, { answer: '', lang: 'en' });
    expect(zh).toBeGreaterThan(0.5);
    expect(zh).toBeLessThan(0.8);
    const frMix =
      '<think>We need the sum of the apples. La somme est 12, donc the answer is 12.</think>';
    const frShare = languageConsistencyReward(frMix, { answer: '', lang: 'en' });
    expect(frShare).toBeGreaterThan(0.5);
    expect(frShare).toBeLessThan(0.9);
    expect(languageConsistencyReward(zhMix, { answer: '', lang: 'zh' })).toBeCloseTo(1 - zh, 6);
  });
  it('tells scripts apart', () => {
    expect(detectLanguage('Сначала сложим числа три и четыре')).toBe('ru');
    expect(detectLanguage('まず三と四を足します')).toBe('ja');
    expect(detectLanguage('我们先计算三加四')).toBe('zh');
    expect(detectLanguage('먼저 숫자를 더합니다')).toBe('ko');
    expect(detectLanguage('أولا نجمع الأعداد')).toBe('ar');
    expect(detectLanguage('पहले हम संख्याएँ जोड़ते हैं')).toBe('hi');
    expect(detectLanguage('Primero sumamos los números: tres más cuatro.')).toBe('es');
    expect(detectLanguage('Zuerst addieren wir die Zahlen: drei plus vier ergibt sieben.')).toBe(
      'de',
    );
    expect(detectLanguage('12 + 7 = 19')).toBe('und');
  });
  it('scores 0 without a think block or words, with a reason', () => {
    expect(
      scoreWithReason(languageConsistencyReward, '<answer>5</answer>', { answer: '5', lang: 'en' }),
    ).toEqual({
      score: 0,
      reason: 'no <think>…</think> block',
    });
    expect(languageConsistencyReward('<think>3+4=7</think>', { answer: '7', lang: 'en' })).toBe(0);
  });
});

describe('countdown', () => {
  const sample = { answer: '80', meta: { numbers: [25, 5, 4, 9], target: 80 } };
  it('accepts a right expression using each number at most once', () => {
    expect(countdownReward('<answer>(25 - 5) * 4</answer>', sample)).toBe(1);
    expect(countdownReward('<answer>(25 − 5) × 4 = 80</answer>', sample)).toBe(1);
    expect(
      countdownReward('<answer>(25 - 5) * 4</answer>', { ...sample, meta: { ...sample.meta } }),
    ).toBe(1);
  });
  it('rejects reuse, foreign numbers, other operators, wrong values and division by zero', () => {
    expect(countdownReward('<answer>(25 - 5) * 4 * 1</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>20 * 4</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>25 + 25 + 25 + 5</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>(25 - 5) ** 4</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>25 * 4 - 9</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>25 / (5 - 5)</answer>', sample)).toBe(0);
    expect(countdownReward('<answer>Math.max(25)</answer>', sample)).toBe(0);
    expect(scoreWithReason(countdownReward, '<answer>20*4</answer>', sample).reason).toMatch(/20/);
  });
  it('uses exact rationals (no float slop) and can require every number', () => {
    expect(
      countdownReward('<answer>(4 / 9) * 9 * 25 - 20</answer>', {
        answer: '',
        meta: { numbers: [4, 9, 9, 25, 20], target: 80 },
      }),
    ).toBe(1);
    const all = createCountdownReward({ useAllNumbers: true });
    expect(all('<answer>(25 - 5) * 4</answer>', sample)).toBe(0);
    expect(
      all('<answer>(25 - 5) * 4 + 9 - 9</answer>', {
        ...sample,
        meta: { numbers: [25, 5, 4, 9, 9], target: 80 },
      }),
    ).toBe(1);
  });
});

describe('combineRewards and the registry', () => {
  it('weights rewards by name and returns the breakdown', () => {
    const reward = combineRewards({ accuracy: 1, format: 0.5, language: 0.25 }, REWARDS);
    const out = reward('<think>2 plus 2 equals 4</think><answer>4</answer>', {
      answer: '4',
      lang: 'en',
    });
    expect(out.scores).toEqual({ accuracy: 1, format: 1, language: 1 });
    expect(out.total).toBeCloseTo(1.75, 12);
    expect(reward.names).toEqual(['accuracy', 'format', 'language']);
  });
  it('accepts explicit functions, counts throwing ones as 0, rejects unknown names', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const out = combineRewards({
      boom: { fn: boom, weight: 2 },
      tag: { fn: tagCountReward, weight: 1 },
    })('<think>', { answer: '' });
    expect(out.scores).toEqual({ boom: 0, tag: 0.25 });
    expect(out.reasons.boom).toMatch(/boom/);
    expect(() => combineRewards({ nope: 1 }, REWARDS)).toThrow(/unknown reward/);
  });
  it('registry names the contract rewards with their ranges', () => {
    for (const name of [
      'accuracy',
      'format',
      'tag_count',
      'language',
      'length',
      'repetition',
      'countdown',
    ] as const) {
      const entry = REWARDS[name];
      const v = entry.fn('<think>a b a b a b</think><answer>4</answer>', {
        answer: '4',
        meta: { numbers: [4], target: 4 },
      });
      expect(v).toBeGreaterThanOrEqual(entry.range[0]);
      expect(v).toBeLessThanOrEqual(entry.range[1]);
    }
  });
});

describe('score over JSONL', () => {
  const lines = [
    JSON.stringify({
      completion: '<think>2 plus 2</think><answer>4</answer>',
      answer: '4',
      lang: 'en',
    }),
    '',
    'not json',
    JSON.stringify({ completion: 'just 5', answer: '4' }),
  ];
  it('scores async iterables of lines and reports bad lines without stopping', async () => {
    const rows = [];
    for await (const row of score(lines, { weights: { accuracy: 1, format: 1 } })) rows.push(row);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ answer: '4', rewards: { accuracy: 1, format: 1 }, reward: 2 });
    expect(rows[1]!.error).toMatch(/invalid JSON/);
    expect(rows[2]).toMatchObject({ rewards: { accuracy: 0, format: 0 }, reward: 0 });
  });
  it('works as a Web Streams transform across chunk boundaries', async () => {
    const text = `${lines.join('\n')}`;
    const source = new ReadableStream<string>({
      start(c) {
        for (let i = 0; i < text.length; i += 7) c.enqueue(text.slice(i, i + 7));
        c.close();
      },
    });
    const out = await new Response(
      source.pipeThrough(scoreStream()).pipeThrough(new TextEncoderStream()),
    ).text();
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[0].rewards.accuracy).toBe(1);
  });
});
