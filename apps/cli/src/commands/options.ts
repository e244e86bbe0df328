/** Parses an integer option, naming the flag when it is not one. */
export function positiveInt(flag: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${flag} must be an integer ≥ ${min}, got "${value}"`);
  }
  return n;
}
