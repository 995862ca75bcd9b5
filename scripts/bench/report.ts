// How the benchmarks print: Markdown tables (so a run pastes straight into BENCHMARKS.md) and the few
// statistics they use.

/** Prints a section heading, a Markdown table and notes under it. */
export function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  if (notes.length) console.log('');
  for (const note of notes) console.log(`- ${note}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const max = (values: number[]): number => Math.max(...values);
export const min = (values: number[]): number => Math.min(...values);
export const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Milliseconds as seconds with one decimal, e.g. `1.2 s`. */
export const seconds = (ms: number, digits = 1): string => `${(ms / 1000).toFixed(digits)} s`;

/** A ratio such as `3.4×`. */
export const times = (ratio: number): string => `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×`;

/** `met` or `MISSED`, for a figure against its target. */
export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
