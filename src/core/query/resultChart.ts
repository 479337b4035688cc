/**
 * Charts of a query's result, as OpenHEXA's Data Studio draws them
 * (docs/en/sql-widgets.md): a result whose columns are named `bar_label` and
 * `bar_quantity`, `line_x` and `line_y`, or `pie_label` and `pie_quantity`
 * is drawn as that chart (the first pair found, in that order; other columns
 * are left to the grid), so a query written for OpenHEXA's SQL widgets
 * draws the same chart here. The rows keep the query's order; a bar chart
 * shows 30 bars at most, a pie its first six positive slices and the rest
 * as one "Other"; a value column holding text draws nothing.
 */
export const CHART_KINDS = ['bar', 'line', 'pie'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const CHART_CONVENTIONS: readonly { readonly kind: ChartKind; readonly label: string; readonly value: string }[] = [
  { kind: 'bar', label: 'bar_label', value: 'bar_quantity' },
  { kind: 'line', label: 'line_x', value: 'line_y' },
  { kind: 'pie', label: 'pie_label', value: 'pie_quantity' },
];

/** What is drawn: a kind and the two columns (their indexes in the result). */
export interface ChartSpec {
  readonly kind: ChartKind;
  readonly label: number;
  readonly value: number;
}

/** The rows a chart reads at most (a chart of more is read from a GROUP BY, not drawn from raw rows). */
export const CHART_ROWS = 10_000;
export const MAX_BARS = 30;
export const MAX_LINE_POINTS = 2_000;
export const PIE_SLICES = 6;

/** The chart OpenHEXA would draw for these column names, if any. */
export function conventionChart(columns: readonly string[]): ChartSpec | undefined {
  for (const c of CHART_CONVENTIONS) {
    const label = columns.indexOf(c.label);
    const value = columns.indexOf(c.value);
    if (label >= 0 && value >= 0) {
      return { kind: c.kind, label, value };
    }
  }
  return undefined;
}

const NUMERIC_TYPES = /^(smallint|integer|bigint|numeric|real|double precision|money)\b/;

/** A chart to offer for any result: the first column as labels, the first numeric column after it as values. */
export function suggestedChart(columns: readonly { name: string; type: string }[]): ChartSpec | undefined {
  const value = columns.findIndex((c, i) => i > 0 && NUMERIC_TYPES.test(c.type));
  return columns.length >= 2 ? { kind: 'bar', label: 0, value: value >= 0 ? value : 1 } : undefined;
}

/** A value as the server wrote it, if it is a number (numeric and bigint come as text). */
export function numberOf(text: string | null): number | undefined {
  if (text === null || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) {
    return undefined;
  }
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export interface ChartPoint {
  readonly label: string;
  readonly value: number;
}

export type ChartData =
  | { readonly drawn: true; readonly kind: ChartKind; readonly points: readonly ChartPoint[]; readonly hidden: number; readonly other?: number }
  | { readonly drawn: false; readonly reason: 'text values' | 'no rows' };

/**
 * The points of a chart from `[label, value]` rows, in the rows' order:
 * NULL values are left out; any other value that is not a number draws
 * nothing (a misleading chart is worse than none).
 */
export function chartData(kind: ChartKind, rows: readonly (readonly [string | null, string | null])[]): ChartData {
  const points: ChartPoint[] = [];
  for (const [label, text] of rows) {
    if (text === null) {
      continue;
    }
    const value = numberOf(text);
    if (value === undefined) {
      return { drawn: false, reason: 'text values' };
    }
    points.push({ label: label === null || label.trim() === '' ? '—' : label, value });
  }
  if (points.length === 0) {
    return { drawn: false, reason: 'no rows' };
  }
  if (kind === 'pie') {
    const positive = points.filter((p) => p.value > 0);
    if (positive.length === 0) {
      return { drawn: false, reason: 'no rows' };
    }
    const rest = positive.slice(PIE_SLICES);
    return { drawn: true, kind, points: positive.slice(0, PIE_SLICES), hidden: points.length - positive.length, ...(rest.length > 0 ? { other: rest.reduce((sum, p) => sum + p.value, 0) } : {}) };
  }
  const limit = kind === 'bar' ? MAX_BARS : MAX_LINE_POINTS;
  return { drawn: true, kind, points: points.slice(0, limit), hidden: Math.max(0, points.length - limit) };
}
