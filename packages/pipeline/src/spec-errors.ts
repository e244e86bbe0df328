// Spec errors a person can act on: each names the field at fault, and an unknown key comes with the
// closest key the schema knows (`stages.1.epsHi: unknown key (did you mean epsHigh?)`), because a
// misspelt knob must fail loudly instead of training with the default. Pure zod: the API imports it.
import type { z } from 'zod';

/** One problem with a spec: the dotted path of the field (`(root)` for the top level) and why. */
export interface SpecIssue {
  path: string;
  message: string;
}

/** A spec error that names the field at fault (`stages.2.lr: …`). */
export class SpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(`invalid pipeline spec: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'SpecError';
  }
}

/**
 * The closest of `known` to `key`: the one with the fewest edits (case ignored), or the one `key`
 * begins, when that is near enough to be a typo or an abbreviation; undefined otherwise.
 *
 * @example
 * closestKey('epsHi', ['epsLow', 'epsHigh', 'beta']); // 'epsHigh'
 * closestKey('zzz', ['epsLow', 'epsHigh']); // undefined
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    // An abbreviation (`epsHi`) counts as one edit, whatever it leaves out.
    const d = c.startsWith(lower) && lower.length >= 3 ? 1 : editDistance(lower, c);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * A zod error on `input` as spec issues: one per unknown key, at the key's own path, with a
 * suggestion from the keys `schema` accepts there.
 *
 * @example
 * const res = PipelineSpec.safeParse(raw);
 * if (!res.success) throw new SpecError(specIssues(res.error, PipelineSpec, raw));
 */
export function specIssues(error: z.ZodError, schema: z.ZodType, input: unknown): SpecIssue[] {
  return error.issues.flatMap((issue): SpecIssue[] => {
    if (issue.code !== 'unrecognized_keys') {
      return [{ path: dotted(issue.path), message: issue.message }];
    }
    const known = keysAt(schema, issue.path, input);
    return issue.keys.map((key) => {
      const hint = closestKey(key, known);
      const message = hint
        ? `unknown key (did you mean ${hint}?)`
        : `unknown key (known: ${known.join(', ')})`;
      return { path: dotted([...issue.path, key]), message };
    });
  });
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  keyType?: z.ZodType & { options?: string[] };
  shape?: Record<string, z.ZodType>;
};

/** The keys the object (or enum-keyed record) schema at `path` accepts, following `input`. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  const def = schema._zod.def as unknown as Def;
  const at = (s: z.ZodType | undefined) => (s ? keysAt(s, path, input) : []);
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return at(def.innerType);
    case 'pipe':
      return at(def.in);
    case 'union': {
      // A discriminated union: the option whose discriminator matches the input's.
      const value = (input as Record<string, unknown> | null)?.[def.discriminator ?? ''];
      const option = def.options?.find((o) => literalOf(o, def.discriminator ?? '') === value);
      return at(option);
    }
    case 'record':
      return path.length === 0 ? [...(def.keyType?.options ?? [])] : [];
    case 'array': {
      const [head, ...rest] = path;
      const item = Array.isArray(input) ? input[Number(head)] : undefined;
      return def.element ? keysAt(def.element, rest, item) : [];
    }
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      if (path.length === 0) return Object.keys(shape);
      const [head, ...rest] = path;
      const child = shape[String(head)];
      const value = (input as Record<string, unknown> | null)?.[String(head)];
      return child ? keysAt(child, rest, value) : [];
    }
    default:
      return [];
  }
}

/** The literal value an object option of a discriminated union holds in `key`. */
function literalOf(option: z.ZodType, key: string): unknown {
  const def = option._zod.def as unknown as Def;
  if (def.type === 'pipe') return def.in ? literalOf(def.in, key) : undefined;
  const field = (option as unknown as { shape?: Record<string, z.ZodType> }).shape?.[key];
  return (field?._zod.def as { values?: unknown[] } | undefined)?.values?.[0];
}
