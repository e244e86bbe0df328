/**
 * A small LaTeX → mathjs expression translator for answer checking. It emits explicit `*`
 * for implicit products (`2x`, `xy`, `3\sqrt{2}`, `(a+5)(b+2)`), so mathjs never reads `x(…)`
 * as a function call. Unsupported input (commas, factorials, `\pm`, unknown commands) gives null:
 * the caller then compares the answers as text. Recursion is bounded by {@link MAX_DEPTH}.
 */
import { bracedContent } from './extract-answer.ts';

const MAX_DEPTH = 40;

/** Functions the checker evaluates; mathjs names on the right. */
const FUNCTIONS: Record<string, string> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  cot: 'cot',
  sec: 'sec',
  csc: 'csc',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  log: 'log10',
  ln: 'log',
  exp: 'exp',
  sqrt: 'sqrt',
};

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Sigma',
  'Phi',
  'Psi',
  'Omega',
]);

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
  if (ch === '\\') {
    const m = /^\\[A-Za-z]+/.exec(st.text.slice(st.i, st.i + 40));
    if (!m) return null;
    st.i += m[0].length;
    return translate(m[0], st.depth + 1);
  }
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

/** `\sin x`, `\cot(2x)`, `\ln{y}`: the argument is a group or the next atom. */
function readFunction(st: State, fn: string): boolean {
  while (st.text[st.i] === ' ') st.i++;
  if (st.text[st.i] === '(') {
    if (st.operand) st.out.push('*');
    st.out.push(fn);
    st.operand = false;
    return true;
  }
  const arg = readArgument(st);
  if (arg === null) return false;
  pushOperand(st, `${fn}(${arg})`);
  return true;
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
  return translate(latex, depth);
}

function translate(text: string, depth: number): string | null {
  if (depth > MAX_DEPTH || text.length > 2000) return null;
  const st: State = { text, i: 0, out: [], operand: false, depth };
  while (st.i < text.length) {
    const ch = text[st.i]!;
    if (ch === ' ') {
      st.i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(st.i, st.i + 400));
      if (!m) return null;
      st.i += m[0].length;
      pushOperand(st, m[0]);
    } else if (/[A-Za-z]/.test(ch)) {
      if (!readLetters(st)) return null;
    } else if (ch === '\\') {
      const m = /^\\([A-Za-z]+)/.exec(text.slice(st.i, st.i + 40));
      if (!m) return null;
      st.i += m[0].length;
      if (!readCommand(st, m[1]!)) return null;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      const close = ch === '(' ? ')' : ch === '[' ? ']' : '}';
      const inner = ch === '{' ? bracedContent(text, st.i) : matchingClose(text, st.i, ch, close);
      if (inner === null) return null;
      const translated = translate(inner, depth + 1);
      if (translated === null) return null;
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
      return null;
    }
  }
  return st.out.length === 0 ? null : st.out.join('');
}

function matchingClose(text: string, open: number, openCh: string, closeCh: string): string | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === openCh) depth++;
    else if (text[i] === closeCh && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}
