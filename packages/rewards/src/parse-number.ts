/**
 * Plain numeric answers: integers and decimals (thousands separators, an unambiguous decimal
 * comma, leading +, trailing zeros, scientific notation, repeating decimals `0.\overline{3}`), fractions (`a/b`, `\frac{a}{b}`, `\frac12`), mixed numbers (`2\frac{1}{2}`,
 * `2 1/2`) and percentages. Anything else is left to the symbolic checker.
 */

export type ParsedNumber = { value: number; percent: boolean };

const DECIMAL = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const SIGNED_DECIMAL_RE = new RegExp(String.raw`^[+-]?${DECIMAL}(?:[eE][+-]?\d+)?$`);
const THOUSANDS_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/**
 * `1000,99` and `1.000,5`: a decimal comma where no thousands grouping or list could be meant
 * (four or more digits before it and not three after it, or `.` thousands before it).
 */
export const DECIMAL_COMMA_RE = /^[+-]?(?:\d{4,},(?:\d{1,2}|\d{4,})|\d{1,3}(?:\.\d{3})+,\d+)$/;
const SLASH_FRACTION_RE = new RegExp(String.raw`^([+-]?${DECIMAL})\/([+-]?${DECIMAL})$`);
const LATEX_FRACTION_RE = new RegExp(
  String.raw`^\\frac(?:\{\s*([+-]?${DECIMAL})\s*\}|\s*(\d))(?:\{\s*([+-]?${DECIMAL})\s*\}|\s*(\d))$`,
);
const MIXED_LATEX_RE = /^(\d+)\s*\\frac(?:\{\s*(\d+)\s*\}|\s*(\d))(?:\{\s*(\d+)\s*\}|\s*(\d))$/;
const MIXED_SLASH_RE = /^(\d+)\s+(\d+)\/(\d+)$/;
/** `0.\overline{3}`, `1.2\overline{34}`: a repeating decimal. */
const REPEATING_RE = /^(\d*)\.(\d*)\\overline\s*\{?(\d{1,12})\}?$/;
const SCIENTIFIC_RE = new RegExp(
  String.raw`^([+-]?${DECIMAL})\s*(?:\\times|\\cdot|\*|x)\s*10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?$`,
);

function unsigned(text: string): number | null {
  let m = MIXED_LATEX_RE.exec(text.trim());
  if (m) return Number(m[1]) + Number(m[2] ?? m[3]) / Number(m[4] ?? m[5]);
  m = MIXED_SLASH_RE.exec(text.trim());
  if (m) return Number(m[1]) + Number(m[2]) / Number(m[3]);
  const compact = text.replace(/\s+/g, '');
  if (SIGNED_DECIMAL_RE.test(compact)) return Number(compact);
  if (THOUSANDS_RE.test(compact)) return Number(compact.replace(/,/g, ''));
  if (DECIMAL_COMMA_RE.test(compact)) return Number(compact.replace(/\./g, '').replace(',', '.'));
  m = SLASH_FRACTION_RE.exec(compact);
  if (m) return Number(m[1]) / Number(m[2]);
  m = LATEX_FRACTION_RE.exec(text.trim());
  if (m) return Number(m[1] ?? m[2]) / Number(m[3] ?? m[4]);
  m = REPEATING_RE.exec(compact);
  if (m) {
    const [whole, fixed, repeating] = [m[1] || '0', m[2]!, m[3]!];
    const tail = Number(fixed || '0') + Number(repeating) / (10 ** repeating.length - 1);
    return Number(whole) + tail / 10 ** fixed.length;
  }
  m = SCIENTIFIC_RE.exec(text.trim());
  if (m) return Number(m[1]) * 10 ** Number(m[2]);
  return null;
}

/**
 * Parse a plain numeric answer (already passed through `normalizeAnswer`), or null.
 * The sign may precede a fraction or mixed number; a trailing `%` marks a percentage.
 *
 * @example
 * parseNumber('1,234.50'); // { value: 1234.5, percent: false }
 * parseNumber('-\\frac{3}{4}'); // { value: -0.75, percent: false }
 * parseNumber('2 1/2'); // { value: 2.5, percent: false }
 * parseNumber('50%'); // { value: 50, percent: true }
 */
export function parseNumber(text: string): ParsedNumber | null {
  let s = text.trim();
  if (s.length === 0 || s.length > 200) return null;
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  } else if (/\s*percent$/i.test(s)) {
    percent = true;
    s = s.replace(/\s*percent$/i, '').trim();
  }
  let sign = 1;
  if (
    (s.startsWith('-') || s.startsWith('+')) &&
    /^[+-]\s*[\\\d.]/.test(s) &&
    !SIGNED_DECIMAL_RE.test(s.replace(/\s+/g, ''))
  ) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1).trim();
  }
  const value = unsigned(s);
  if (value === null || Number.isNaN(value)) return null;
  return { value: sign * value, percent };
}

/**
 * Whether two numbers agree within a relative tolerance (and a tiny absolute one, so 0 ≡ 1e-15).
 *
 * @example
 * numbersClose(0.1 + 0.2, 0.3, 1e-6); // true
 * numbersClose(0.51, 0.5, 1e-6); // false
 */
export function numbersClose(a: number, b: number, relTol: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= relTol * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}
