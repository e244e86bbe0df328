/**
 * Word-level language identification for chain-of-thought text. Scripts are told apart by
 * Unicode script (Han, Kana, Hangul, Cyrillic, Arabic, Devanagari, Greek, Hebrew, Thai, Latin);
 * Latin words are labelled from lexicons (en/fr/es/de) and accents, and words the lexicons do not
 * know take the language of their sentence. Numbers, math symbols, LaTeX commands and
 * one-letter tokens (variables) belong to no language and are ignored.
 */
import { ACCENT_HINTS, LATIN_LEXICONS } from './language-lexicons.ts';

/** Labels of words: ISO 639-1 codes, `han` (Chinese or Japanese), or `latin` (an unidentified Latin word). */
export type WordLabel = string;

/** How much of a word belongs to each label (weights sum to 1). */
export type LabelledWords = { total: number; weights: Map<WordLabel, number> };

/** Script-wide languages: a word in this script matches any of these targets. */
const SCRIPT_LANGUAGES: Record<string, readonly string[]> = {
  han: ['zh', 'ja'],
  ja: ['ja'],
  ko: ['ko'],
  ru: ['ru', 'uk', 'bg', 'sr', 'be', 'kk', 'mk', 'mn'],
  ar: ['ar', 'fa', 'ur', 'ps'],
  hi: ['hi', 'mr', 'ne', 'sa'],
  el: ['el'],
  he: ['he', 'yi'],
  th: ['th'],
};

const LATIN_CODES = ['en', 'fr', 'es', 'de'] as const;

// One alternative per script; each is a simple character-class run, so the scan is linear.
const TOKEN_RE =
  /(\p{Script=Han})|([\p{Script=Hiragana}\p{Script=Katakana}ー])|(\p{Script=Hangul}+)|(\p{Script=Latin}[\p{Script=Latin}\p{M}]*)|(\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}]*)|(\p{Script=Arabic}[\p{Script=Arabic}\p{M}]*)|(\p{Script=Devanagari}[\p{Script=Devanagari}\p{M}]*)|(\p{Script=Greek}[\p{Script=Greek}\p{M}]*)|(\p{Script=Hebrew}[\p{Script=Hebrew}\p{M}]*)|(\p{Script=Thai}[\p{Script=Thai}\p{M}]*)|([.!?;:。！？\n])/gu;
const GROUP_LABELS = ['han', 'ja', 'ko', 'latin', 'ru', 'ar', 'hi', 'el', 'he', 'th'] as const;
const LATEX_COMMAND_RE = /\\[A-Za-z]+/g;

function latinCandidates(word: string): readonly string[] {
  const fromLexicon = LATIN_CODES.filter((code) => LATIN_LEXICONS[code].has(word));
  if (fromLexicon.length > 0) return fromLexicon;
  for (const [re, codes] of ACCENT_HINTS) if (re.test(word)) return codes;
  return [];
}

type Token = { label: WordLabel; candidates?: readonly string[] };

function addWeight(weights: Map<WordLabel, number>, label: WordLabel, w: number): void {
  weights.set(label, (weights.get(label) ?? 0) + w);
}

function sentenceLatinVote(tokens: Token[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const t of tokens) {
    const c = t.candidates;
    if (c && c.length > 0) for (const code of c) addWeight(votes, code, 1 / c.length);
  }
  return votes;
}

function argmax(votes: Map<string, number>): string | null {
  let best: string | null = null;
  let bestVote = 0;
  for (const [code, vote] of votes) {
    if (vote > bestVote + 1e-9) {
      best = code;
      bestVote = vote;
    } else if (Math.abs(vote - bestVote) <= 1e-9) best = null;
  }
  return best;
}

/**
 * Label every word of a text with its language (see the module comment for the rules).
 *
 * @example
 * labelWords('3 plus 4 égale 7.').weights; // Map { 'fr' => 2 }
 */
export function labelWords(text: string): LabelledWords {
  const sentences: Token[][] = [[]];
  const clean = text.replace(LATEX_COMMAND_RE, ' ');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(clean); m !== null; m = TOKEN_RE.exec(clean)) {
    if (m[11] !== undefined) {
      sentences.push([]);
      continue;
    }
    const group = m.findIndex((g, k) => k > 0 && g !== undefined);
    const label = GROUP_LABELS[group - 1]!;
    const word = m[0];
    // One-letter tokens in spaced scripts are variables (x, π), not words.
    if (label !== 'han' && label !== 'ja' && label !== 'ko' && [...word].length < 2) continue;
    const current = sentences[sentences.length - 1]!;
    if (label === 'latin') current.push({ label, candidates: latinCandidates(word.toLowerCase()) });
    else current.push({ label });
  }
  const documentLatin = argmax(sentenceLatinVote(sentences.flat()));
  const weights = new Map<WordLabel, number>();
  let total = 0;
  for (const tokens of sentences) {
    const sentenceLatin = argmax(sentenceLatinVote(tokens)) ?? documentLatin;
    for (const t of tokens) {
      total++;
      if (t.label !== 'latin') {
        addWeight(weights, t.label, 1);
        continue;
      }
      const c = t.candidates ?? [];
      if (c.length === 1) addWeight(weights, c[0]!, 1);
      else if (sentenceLatin !== null && (c.length === 0 || c.includes(sentenceLatin))) {
        addWeight(weights, sentenceLatin, 1);
      } else if (c.length > 1) for (const code of c) addWeight(weights, code, 1 / c.length);
      else addWeight(weights, 'latin', 1);
    }
  }
  return { total, weights };
}

/** `zh-CN` → `zh`, `EN` → `en`. */
export function primaryLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The share of words (in [0, 1]) that belong to language `lang`. Han characters count for both
 * Chinese and Japanese; for Latin-script languages without a lexicon (it, pt, nl…), any Latin
 * word counts. Returns null when the text has no words.
 *
 * @example
 * languageShare('3 plus 4 equals 7. puis 7 moins 2 donne 5.', 'en'); // 0.5
 */
export function languageShare(text: string, lang: string): number | null {
  const { total, weights } = labelWords(text);
  if (total === 0) return null;
  const target = primaryLanguage(lang);
  const latinCodes: readonly string[] = LATIN_CODES;
  // A Latin-script target we have no lexicon for (it, pt, nl…): every Latin word counts.
  const latinByScript = !latinCodes.includes(target) && !isScriptTarget(target);
  let matched = 0;
  for (const [label, w] of weights) {
    const isLatin = label === 'latin' || latinCodes.includes(label);
    if (
      label === target ||
      SCRIPT_LANGUAGES[label]?.includes(target) ||
      (latinByScript && isLatin)
    ) {
      matched += w;
    }
  }
  return Math.min(1, matched / total);
}

function isScriptTarget(target: string): boolean {
  return Object.values(SCRIPT_LANGUAGES).some((codes) => codes.includes(target));
}

/**
 * The dominant language of a text as an ISO 639-1 code (`en`, `fr`, `es`, `de`, `zh`, `ja`, `ko`,
 * `ru`, `ar`, `hi`, `el`, `he`, `th`), `latin` for Latin text the lexicons do not know,
 * or `und` when there are no words. Han text with any Kana is Japanese.
 *
 * @example
 * detectLanguage('Combien font trois plus quatre ?'); // 'fr'
 * detectLanguage('我们先计算三加四'); // 'zh'
 */
export function detectLanguage(text: string): string {
  if (typeof text !== 'string') return 'und';
  const { weights } = labelWords(text);
  if (weights.has('han')) {
    const hanLabel = weights.has('ja') ? 'ja' : 'zh';
    addWeight(weights, hanLabel, weights.get('han')!);
    weights.delete('han');
  }
  let best = 'und';
  let bestWeight = 0;
  for (const [label, w] of weights) {
    if (w > bestWeight) {
      best = label;
      bestWeight = w;
    }
  }
  return best;
}
