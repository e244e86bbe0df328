/**
 * A small LaTeX → mathjs expression translator for answer checking. It emits explicit `*`
 * for implicit products (`2x`, `xy`, `3\sqrt{2}`, `(a+5)(b+2)`), so mathjs never reads `x(…)`
 * as a function call. Unsupported input (commas, factorials, `\pm`, unknown commands) gives null:
 * the caller then compares the answers as text. Recursion is bounded by {@link MAX_DEPTH}.
 */
import { bracedContent } from './braced-content.ts';
import { FUNCTIONS, GREEK } from './latex-vocabulary.ts';

const MAX_DEPTH = 40;

type State = { text: string; i: number; out: string[]; operand: boolean; depth: number };

/** Emit an operand, with `*` before it when it follows another operand; returns true (handled). */
function pushOperand(st: State, token: string): true {
  if (st.operand) st.out.push('*');
  st.out.push(token);
  st.operand = true;
  return true;
}

/** Read one argument: `{…}` or a single character/command; returns its translation or null. */
function readArgument(st: State): string | null {
  while (st.text[st.i] === ' ') st.i++;
  const ch = st.text[st.i];
  if (ch === undefined) return null;
  if (ch === '{') {
    const inner = bracedContent(st.text, st.i);
    if (inner === null) return null;
    st.i += inner.length + 2;
    return translate(inner, st.depth + 1);
  }
  if (ch === '\\') return readAtom(st);
  st.i++;
  return /[0-9A-Za-z]/.test(ch) ? translate(ch, st.depth + 1) : null;
}

function readCommand(st: State, name: string): boolean {
  if (name === 'frac') {
    const num = readArgument(st);
    const den = num === null ? null : readArgument(st);
    if (num === null || den === null) return false;
    pushOperand(st, `((${num})/(${den}))`);
    return true;
  }
  if (name === 'sqrt') {
    let index: string | null = null;
    if (st.text[st.i] === '[') {
      const close = st.text.indexOf(']', st.i);
      if (close < 0) return false;
      index = translate(st.text.slice(st.i + 1, close), st.depth + 1);
      if (index === null) return false;
      st.i = close + 1;
    }
    const radicand = readArgument(st);
    if (radicand === null) return false;
    pushOperand(st, index === null ? `sqrt(${radicand})` : `nthRoot(${radicand}, ${index})`);
    return true;
  }
  if (name === 'pi') return pushOperand(st, 'pi');
  if (name === 'lfloor') return readDelimited(st, '\\rfloor', 'floor');
  if (name === 'lceil') return readDelimited(st, '\\rceil', 'ceil');
  if (name === 'infty' || name === 'infin') return pushOperand(st, 'Infinity');
  if (name === 'cdot' || name === 'times' || name === 'ast') {
    st.out.push('*');
    st.operand = false;
    return true;
  }
  if (name === 'div') {
    st.out.push('/');
    st.operand = false;
    return true;
  }
  const fn = FUNCTIONS[name];
  if (fn !== undefined) return readFunction(st, fn);
  if (GREEK.has(name)) return pushOperand(st, name.toLowerCase());
  return false;
}

/** One token of `st.text` at `st.i` (a command with its arguments, a number, a group), translated. */
function readAtom(st: State): string | null {
  const sub: State = { text: st.text, i: st.i, out: [], operand: false, depth: st.depth + 1 };
  if (sub.depth > MAX_DEPTH || !step(sub)) return null;
  st.i = sub.i;
  return sub.out.length === 0 ? null : sub.out.join('');
}

const INVERSE: Record<string, string> = { sin: 'asin', cos: 'acos', tan: 'atan' };

/**
 * A function's argument without parentheses: a group, or a number with the letter or command
 * glued to it (`\sin 2x` is sin(2x)), with a power that follows (`\sin x^2` is sin(x²)).
 */
function readBareArgument(st: State): string | null {
  while (st.text[st.i] === ' ') st.i++;
  const ch = st.text[st.i];
  if (ch === undefined) return null;
  if (ch === '{') return readArgument(st);
  let arg: string | null;
  if (/[0-9.]/.test(ch)) {
    const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(st.text.slice(st.i, st.i + 400));
    if (!m) return null;
    st.i += m[0].length;
    arg = m[0];
    const next = st.text[st.i];
    if (next !== undefined && (/[A-Za-z]/.test(next) || next === '\\')) {
      let factor: string | null = next;
      if (/[A-Za-z]/.test(next)) st.i++;
      else factor = readAtom(st);
      if (factor === null) return null;
      arg += `*${factor}`;
    }
  } else if (/[A-Za-z]/.test(ch)) {
    st.i++;
    arg = ch;
  } else if (ch === '\\') {
    arg = readAtom(st);
  } else return null;
  if (arg !== null && st.text[st.i] === '^') {
    st.i++;
    const power = readArgument(st);
    return power === null ? null : `(${arg})^(${power})`;
  }
  return arg;
}

/**
 * `\sin x`, `\cot(2x)`, `\ln{y}`, `\sin^2 x` (the square of sin x), `\sin^{-1} x` (arcsin),
 * `\log_2 8`: the argument is a parenthesized group or {@link readBareArgument}.
 */
function readFunction(st: State, fn: string): boolean {
  let power: string | null = null;
  let base: string | null = null;
  for (let k = 0; k < 2; k++) {
    while (st.text[st.i] === ' ') st.i++;
    const mark = st.text[st.i];
    if (mark !== '^' && !(mark === '_' && fn === 'log10')) break;
    st.i++;
    const value = readArgument(st);
    if (value === null) return false;
    if (mark === '^') power = value;
    else base = value;
  }
  if (power === '-1' && INVERSE[fn] !== undefined) {
    fn = INVERSE[fn]!;
    power = null;
  }
  while (st.text[st.i] === ' ') st.i++;
  let arg: string | null;
  if (st.text[st.i] === '(') {
    const inner = matchingClose(st.text, st.i, '(', ')');
    arg = inner === null ? null : translate(inner, st.depth + 1);
    if (inner !== null) st.i += inner.length + 2;
  } else arg = readBareArgument(st);
  if (arg === null) return false;
  const call = base === null ? `${fn}(${arg})` : `log(${arg}, ${base})`;
  pushOperand(st, power === null ? call : `(${call})^(${power})`);
  return true;
}

/** `|x|`, `\lfloor x \rfloor`, `\lceil x \rceil`: the text up to the closing mark, wrapped in `fn`. */
function readDelimited(st: State, close: string, fn: string): boolean {
  const end = st.text.indexOf(close, st.i);
  if (end < 0) return false;
  const inner = translate(st.text.slice(st.i, end), st.depth + 1);
  if (inner === null) return false;
  st.i = end + close.length;
  return pushOperand(st, `${fn}(${inner})`);
}

function readLetters(st: State): boolean {
  const m = /^[A-Za-z]+/.exec(st.text.slice(st.i, st.i + 64));
  if (!m) return false;
  const word = m[0];
  st.i += word.length;
  const fn = FUNCTIONS[word];
  if (fn !== undefined && word.length > 1) return readFunction(st, fn);
  if (word === 'pi') return pushOperand(st, 'pi');
  if (word === 'infty' || word === 'inf' || word === 'infinity') return pushOperand(st, 'Infinity');
  // LaTeX juxtaposition: `xy` is x times y.
  for (const letter of word) pushOperand(st, letter);
  // A subscript names a variable: x_1, a_{n}.
  if (st.text[st.i] === '_') {
    st.i++;
    const sub = st.text[st.i] === '{' ? bracedContent(st.text, st.i) : (st.text[st.i] ?? null);
    if (sub === null || !/^[A-Za-z0-9]+$/.test(sub)) return false;
    st.i += st.text[st.i] === '{' ? sub.length + 2 : sub.length;
    st.out[st.out.length - 1] += `_${sub}`;
  }
  return true;
}

/**
 * Translate a normalized LaTeX answer into a mathjs expression string, or null if unsupported.
 *
 * @example
 * latexToExpression('3\\sqrt{13}'); // '3*sqrt((13))'
 * latexToExpression('\\frac{x+1}{2}'); // '((x+1)/(2))'
 */
export function latexToExpression(latex: string, depth = 0): string | null {
  return translate(latex.replace(/\\rvert|\\vert/g, '|').replace(/\\lvert/g, '|'), depth);
}

function translate(text: string, depth: number): string | null {
  if (depth > MAX_DEPTH || text.length > 2000) return null;
  const st: State = { text, i: 0, out: [], operand: false, depth };
  while (st.i < text.length) if (!step(st)) return null;
  return st.out.length === 0 ? null : st.out.join('');
}

/** Translate the token at `st.i` and advance past it; false when unsupported. */
function step(st: State): boolean {
  const text = st.text;
  const ch = text[st.i]!;
  if (ch === ' ') {
    st.i++;
  } else if (/[0-9.]/.test(ch)) {
    const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(st.i, st.i + 400));
    if (!m) return false;
    st.i += m[0].length;
    pushOperand(st, m[0]);
  } else if (/[A-Za-z]/.test(ch)) {
    return readLetters(st);
  } else if (ch === '\\') {
    const m = /^\\([A-Za-z]+)/.exec(text.slice(st.i, st.i + 40));
    if (!m) return false;
    st.i += m[0].length;
    return readCommand(st, m[1]!);
  } else if (ch === '|') {
    st.i++;
    return readDelimited(st, '|', 'abs');
  } else if (ch === '(' || ch === '[' || ch === '{') {
    const close = ch === '(' ? ')' : ch === '[' ? ']' : '}';
    const inner = ch === '{' ? bracedContent(text, st.i) : matchingClose(text, st.i, ch, close);
    if (inner === null) return false;
    const translated = translate(inner, st.depth + 1);
    if (translated === null) return false;
    st.i += inner.length + 2;
    // `^{…}` groups an exponent: no product before it.
    const isExponent = st.out[st.out.length - 1] === '^';
    if (isExponent) {
      st.out.push(`(${translated})`);
      st.operand = true;
    } else pushOperand(st, `(${translated})`);
  } else if ('+-*/^'.includes(ch)) {
    st.out.push(ch);
    st.operand = false;
    st.i++;
  } else {
    return false;
  }
  return true;
}

function matchingClose(text: string, open: number, openCh: string, closeCh: string): string | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === openCh) depth++;
    else if (text[i] === closeCh && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}
