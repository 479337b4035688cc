import { z } from 'zod';
import { FILTER_OPS, type FilterOp } from '../core/preview/filters';
import { VALUE_KINDS } from '../core/preview/filterValue';

/** Messages between a table preview panel and its controller; validated at both ends. */
export const filterOpSchema = z.enum(FILTER_OPS);

export const filterSchema = z
  .object({
    column: z.string().min(1),
    op: filterOpSchema,
    value: z.string().max(100_000).optional(),
    values: z.array(z.string().max(100_000)).max(10_000).optional(),
  })
  .refine((f) => (f.op === 'in' ? f.values !== undefined : ['isNull', 'isNotNull'].includes(f.op) || f.value !== undefined), {
    message: 'This filter needs a value',
  });

export const sortSchema = z.object({ column: z.string().min(1), direction: z.enum(['asc', 'desc']) });

/** What the grid shows: the sort and filters that every page, count and export applies. */
export const viewSchema = z.object({ sort: sortSchema.optional(), filters: z.array(filterSchema).max(50) });
export type PreviewView = z.infer<typeof viewSchema>;

export const cursorSchema = z.object({
  sortValue: z.string().nullable().optional(),
  key: z.array(z.string()),
  offset: z.number().int().nonnegative().optional(),
});

export const previewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  // From the start (no cursor), after a row, before a row (read backwards), or the last page.
  z.object({
    type: z.literal('page'),
    requestId: z.number().int(),
    view: viewSchema,
    after: cursorSchema.optional(),
    before: cursorSchema.optional(),
    last: z.boolean().optional(),
    pageSize: z.number().int().min(1).max(5000),
  }),
  // The scroll bar dragged: a page near that fraction of the view.
  z.object({
    type: z.literal('jump'),
    requestId: z.number().int(),
    view: viewSchema,
    fraction: z.number().min(0).max(1),
    position: z.number().int().nonnegative(),
    landmark: cursorSchema.optional(),
    pageSize: z.number().int().min(1).max(5000),
  }),
  // `viewId` comes back with the answer, so a count of a view the user has since changed is dropped.
  // An estimate is asked for each new view: it also stops a count of the previous one.
  z.object({ type: z.literal('estimate'), view: viewSchema, viewId: z.number().int() }),
  z.object({ type: z.literal('count'), view: viewSchema, viewId: z.number().int() }),
  z.object({ type: z.literal('openValue'), view: viewSchema, column: z.string(), at: cursorSchema }),
  z.object({ type: z.literal('copy'), text: z.string(), rows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('export'), view: viewSchema }),
  z.object({ type: z.literal('cancelExport') }),
]);
export type PreviewToHost = z.infer<typeof previewToHostSchema>;

/**
 * A column as the grid knows it. `text`: its values are text a spreadsheet
 * could read as a formula; `kind`: how a filter's value is checked as typed;
 * `nullable`: whether it may hold NULLs (a sort says where they go only then).
 */
export const previewColumnSchema = z.object({ name: z.string(), type: z.string(), text: z.boolean(), kind: z.enum(VALUE_KINDS), nullable: z.boolean() });

export const previewToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string()),
    locale: z.string(),
    table: z.object({ schema: z.string(), name: z.string(), workspace: z.string() }),
    columns: z.array(previewColumnSchema),
    keyKind: z.enum(['primary key', 'ctid', 'position', 'api']),
    /** Copies put a leading ' before text cells that start a formula (the setting openhexa.preview.neutralizeFormulas). */
    neutralizeFormulas: z.boolean(),
  }),
  z.object({
    type: z.literal('page'),
    requestId: z.number().int(),
    rows: z.array(z.array(z.string().nullable())),
    truncated: z.array(z.tuple([z.number().int(), z.number().int()])),
    at: z.array(cursorSchema),
    next: cursorSchema.optional(),
    atStart: z.boolean(),
    atEnd: z.boolean(),
    /** For a jump: how its first row was found. */
    jumped: z.enum(['distribution', 'blocks', 'offset', 'landmark', 'start', 'end']).optional(),
    /** The column whose distribution placed a jump. */
    jumpColumn: z.string().optional(),
  }),
  /** `retry`: trying again may work (the server was unreachable or busy); a refusal that would repeat has none. */
  z.object({ type: z.literal('pageError'), requestId: z.number().int(), message: z.string(), retry: z.boolean() }),
  /** The strings too: the error and its Retry are said in the user's language. */
  z.object({ type: z.literal('initError'), message: z.string(), retry: z.boolean(), strings: z.record(z.string()) }),
  z.object({ type: z.literal('rowCount'), viewId: z.number().int(), rows: z.number().nonnegative(), exact: z.boolean() }),
  z.object({ type: z.literal('countError'), viewId: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('exportProgress'), bytes: z.number().nonnegative() }),
  z.object({ type: z.literal('exportEnded'), outcome: z.enum(['done', 'cancelled', 'failed']), message: z.string() }),
  z.object({ type: z.literal('notice'), text: z.string(), error: z.boolean() }),
]);
export type PreviewToWebview = z.infer<typeof previewToWebviewSchema>;

// What the grid copies: the host's own rules, shared.
export { toTsv } from '../core/tsv';
export { neutralized } from '../core/spreadsheetSafe';
export { filterProblem, FILTER_VALUE_TEXTS, type ValueKind } from '../core/preview/filterValue';
export type { FilterOp };
