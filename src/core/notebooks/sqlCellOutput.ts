import { z } from 'zod';

/** The MIME type of a SQL cell's result, drawn by the extension's notebook renderer. */
export const SQL_RESULT_MIME = 'application/vnd.openhexa.sql-result+json';

/** Rows kept in a cell's output (the whole result opens in the results panel). */
export const OUTPUT_ROWS = 500;
const HTML_ROWS = 50;
const TEXT_ROWS = 20;
/** A cell value is cut to this in an output. */
const CELL_CHARS = 1000;

export const sqlResultSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.string().nullable())),
  rowCount: z.number().int().nonnegative(),
  /** A line that says the result: rows, time, workspace (in the member's language). */
  summary: z.string(),
  /** The label of the link that opens the whole result, when there is more than shown. */
  openLabel: z.string(),
  /** The cell's index, for the link. */
  cell: z.number().int().nonnegative(),
});
export type SqlResult = z.infer<typeof sqlResultSchema>;

function cut(value: string | null): string | null {
  return value !== null && value.length > CELL_CHARS ? `${value.slice(0, CELL_CHARS)}…` : value;
}

/** What a result's output keeps: its first rows, each value cut to a length an output can hold. */
export function sqlResult(columns: readonly { name: string; type: string }[], rows: readonly (readonly (string | null)[])[], rowCount: number, summary: string, openLabel: string, cell: number): SqlResult {
  return { columns: columns.map((c) => ({ name: c.name, type: c.type })), rows: rows.slice(0, OUTPUT_ROWS).map((r) => r.map(cut)), rowCount, summary, openLabel, cell };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The fallback GitHub and Jupyter show: a plain table of the first rows, every value escaped. */
export function sqlResultHtml(result: SqlResult): string {
  const head = result.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const body = result.rows
    .slice(0, HTML_ROWS)
    .map((r) => `<tr>${r.map((v) => (v === null ? '<td><i>NULL</i></td>' : `<td>${escapeHtml(v)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table><p>${escapeHtml(result.summary)}</p>`;
}

/** The plain-text fallback: aligned columns of the first rows, and the summary. */
export function sqlResultText(result: SqlResult): string {
  const shown = result.rows.slice(0, TEXT_ROWS).map((r) => r.map((v) => (v === null ? 'NULL' : v.replace(/[\r\n\t]+/g, ' ').slice(0, 60))));
  const names = result.columns.map((c) => c.name);
  const widths = names.map((n, i) => Math.max(n.length, ...shown.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(names), widths.map((w) => '-'.repeat(w)).join('-+-'), ...shown.map(line), result.summary].join('\n');
}
