/**
 * The printed table: sections of rows (measure, value, target, verdict), aligned in plain text.
 * @module
 */

export interface Row {
  measure: string;
  value: string;
  target?: string;
  /** true = target met, false = missed, undefined = no target. */
  ok?: boolean;
}

export interface Section {
  title: string;
  rows: Row[];
}

/** Numbers as people read them: 12,345 / 1.2 / 0.034. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
export const mb = (value: number) => `${fmt(value)} MB`;

/** Renders the sections as one table. */
export function renderTable(sections: Section[]): string {
  const all = sections.flatMap((s) => s.rows);
  const w0 = Math.max(7, ...all.map((r) => r.measure.length + 2));
  const w1 = Math.max(5, ...all.map((r) => r.value.length));
  const w2 = Math.max(6, ...all.map((r) => (r.target ?? '').length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padEnd(w2)}  ${d}`.trimEnd();
  const out = [line('measure', 'value', 'target', ''), '-'.repeat(w0 + w1 + w2 + 12)];
  for (const section of sections) {
    out.push(`[${section.title}]`);
    for (const row of section.rows) {
      out.push(line(`  ${row.measure}`, row.value, row.target ?? '', row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED'));
    }
  }
  return out.join('\n');
}
