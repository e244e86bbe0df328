// Plain aligned text tables for the CLI's listings (runs, metrics, evaluations).

/**
 * @example
 * textTable([{ id: 'a', status: 'ok' }], ['id', 'status']); // 'id  status\n--  ------\na   ok'
 */
export function textTable(rows: Array<Record<string, unknown>>, columns: string[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined
      ? '–'
      : typeof v === 'number' && !Number.isInteger(v)
        ? v.toFixed(4)
        : String(v);
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
