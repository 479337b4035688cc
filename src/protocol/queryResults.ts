import { z } from 'zod';
import type { PlanNode } from '../core/query/explainPlan';

/** Messages between a query document's results panel and its controller; validated at both ends. */

export const resultColumnSchema = z.object({ name: z.string(), type: z.string() });

/** What a statement came to: rows (kept on disk, read a page at a time), a command's tag, a failure, or nothing (an earlier one failed). */
export const statementOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('rows'), rows: z.number().int().nonnegative(), ms: z.number().nonnegative() }),
  z.object({ status: z.literal('done'), command: z.string(), rowCount: z.number().int().nullable(), ms: z.number().nonnegative() }),
  z.object({ status: z.literal('failed'), message: z.string(), reason: z.enum(['error', 'timeout', 'cancelled']), ms: z.number().nonnegative() }),
  z.object({ status: z.literal('not run') }),
]);
export type StatementOutcome = z.infer<typeof statementOutcomeSchema>;

/** A node of a plan (core/query/explainPlan.ts), as drawn. */
export const planNodeSchema: z.ZodType<PlanNode> = z.lazy(() =>
  z.object({
    label: z.string(),
    detail: z.string(),
    planRows: z.number(),
    totalCost: z.number(),
    ownCost: z.number(),
    actualRows: z.number().optional(),
    loops: z.number().optional(),
    totalMs: z.number().optional(),
    ownMs: z.number().optional(),
    costliest: z.boolean(),
    children: z.array(planNodeSchema),
  }),
);

/** A chart's PNG as a data URL is at most this long (a panel-sized chart is far smaller). */
export const PNG_DATA_URL_CHARS = 30_000_000;

export const queryResultsToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('rows'), runId: z.number().int(), index: z.number().int().nonnegative(), requestId: z.number().int(), from: z.number().int().nonnegative(), count: z.number().int().min(1).max(5000) }),
  z.object({ type: z.literal('openValue'), runId: z.number().int(), index: z.number().int().nonnegative(), row: z.number().int().nonnegative(), column: z.number().int().nonnegative() }),
  z.object({ type: z.literal('copy'), text: z.string(), rows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('cancel'), runId: z.number().int() }),
  /** The whole result of a statement as CSV, run again through COPY (not what the grid holds). */
  z.object({ type: z.literal('export'), runId: z.number().int(), index: z.number().int().nonnegative() }),
  z.object({ type: z.literal('cancelExport') }),
  /** The user picked a statement's tab: the editor shows where that statement is. */
  z.object({ type: z.literal('reveal'), runId: z.number().int(), index: z.number().int().nonnegative() }),
  /** A chart's two columns, from the first row on (at most CHART_ROWS). */
  z.object({ type: z.literal('chartRows'), runId: z.number().int(), index: z.number().int().nonnegative(), requestId: z.number().int(), label: z.number().int().nonnegative(), value: z.number().int().nonnegative() }),
  /** A query's result as a new table (editors and admins; the name is asked on the host's side). */
  z.object({ type: z.literal('copyToTable'), runId: z.number().int(), index: z.number().int().nonnegative() }),
  /** The chart drawn, as a PNG data URL, to save where the user picks. */
  z.object({ type: z.literal('saveChart'), png: z.string().startsWith('data:image/png;base64,').max(PNG_DATA_URL_CHARS), name: z.string().max(200) }),
]);
export type QueryResultsToHost = z.infer<typeof queryResultsToHostSchema>;

export const queryResultsToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), strings: z.record(z.string()), locale: z.string(), document: z.string(), workspace: z.string(), neutralizeFormulas: z.boolean(), canWrite: z.boolean() }),
  /** A run began: its statements (their first line, for the tabs), the document's mode, where the results are. */
  z.object({
    type: z.literal('runStarted'),
    runId: z.number().int(),
    mode: z.enum(['read-only', 'writes']),
    statements: z.array(z.object({ label: z.string(), line: z.number().int().nonnegative() })),
  }),
  z.object({ type: z.literal('columns'), runId: z.number().int(), index: z.number().int().nonnegative(), columns: z.array(resultColumnSchema) }),
  z.object({ type: z.literal('progress'), runId: z.number().int(), index: z.number().int().nonnegative(), rows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('statement'), runId: z.number().int(), index: z.number().int().nonnegative(), outcome: statementOutcomeSchema }),
  /** The run's end: committed, rolled back (read-only runs always are), cancelled, or failed before its statements. */
  z.object({ type: z.literal('runEnded'), runId: z.number().int(), ended: z.enum(['committed', 'rolled back', 'cancelled', 'failed']), ms: z.number().nonnegative(), message: z.string().optional() }),
  z.object({
    type: z.literal('rows'),
    runId: z.number().int(),
    index: z.number().int().nonnegative(),
    requestId: z.number().int(),
    from: z.number().int().nonnegative(),
    rows: z.array(z.array(z.string().nullable())),
    /** Cells cut for the grid: [row, column] pairs (Open value shows the whole). */
    truncated: z.array(z.tuple([z.number().int(), z.number().int()])),
  }),
  z.object({ type: z.literal('rowsError'), requestId: z.number().int(), message: z.string() }),
  /** A chart's `[label, value]` rows, the first CHART_ROWS at most; `more` when the result has more. */
  z.object({
    type: z.literal('chartRows'),
    runId: z.number().int(),
    index: z.number().int().nonnegative(),
    requestId: z.number().int(),
    rows: z.array(z.tuple([z.string().nullable(), z.string().nullable()])),
    more: z.boolean(),
  }),
  /** An Explain's statement: its plan drawn as a tree instead of the grid (Open value shows the JSON). */
  z.object({
    type: z.literal('plan'),
    runId: z.number().int(),
    index: z.number().int().nonnegative(),
    root: planNodeSchema,
    analyzed: z.boolean(),
    planningMs: z.number().optional(),
    executionMs: z.number().optional(),
  }),
  z.object({ type: z.literal('notice'), text: z.string(), error: z.boolean() }),
  z.object({ type: z.literal('exportProgress'), bytes: z.number().nonnegative() }),
  z.object({ type: z.literal('exportEnded'), outcome: z.enum(['done', 'cancelled', 'failed']), message: z.string() }),
]);
export type QueryResultsToWebview = z.infer<typeof queryResultsToWebviewSchema>;

// What the chart draws: OpenHEXA's rules, shared with the host's tests.
export { chartData, CHART_KINDS, conventionChart, MAX_BARS, suggestedChart, type ChartData, type ChartKind, type ChartSpec } from '../core/query/resultChart';

// What the grid copies: the host's own rules, shared.
export { toTsv } from '../core/tsv';
export { neutralized } from '../core/spreadsheetSafe';
