import { z } from 'zod';
import { IMPORT_TYPES } from '../core/import/columnTypes';

/** Messages between the import panel and its controller; validated at both ends. */

export const importColumnSchema = z.object({ name: z.string().max(200), type: z.enum(IMPORT_TYPES), nullable: z.boolean() });
export type ImportColumnDraft = z.infer<typeof importColumnSchema>;

export const DELIMITER_CHOICES = [',', ';', '\t', '|'] as const;

/** What the user decides in the panel. */
export const importDraftSchema = z.object({
  schema: z.string().max(200),
  table: z.string().max(200),
  delimiter: z.enum(DELIMITER_CHOICES),
  header: z.boolean(),
  columns: z.array(importColumnSchema).max(1600),
  /** '' none, '*id' a new identity column, else a column's name. */
  key: z.string().max(200),
  /** A workbook's sheet, by name ('' for a text file). */
  sheet: z.string().max(300),
  /** A new table, or an existing one's rows added to or replaced. */
  into: z.enum(['new', 'append', 'replace']),
  /** The existing table, when not new. */
  existing: z.string().max(200),
  /** Values that do not fit their column's type become NULL (counted and listed) rather than stopping the import. */
  nullInconvertible: z.boolean(),
});
export type ImportDraft = z.infer<typeof importDraftSchema>;

export const importToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('change'), draft: importDraftSchema }),
  z.object({ type: z.literal('import') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('preview') }),
]);
export type ImportToHost = z.infer<typeof importToHostSchema>;

const stateSchema = z.object({
  draft: importDraftSchema,
  /** The file's names for its columns (or column_N), and its first rows, as the dialect reads them. */
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  ddl: z.string(),
  /** What the whole file says against the draft (the import may still run): each for its field, with the change that answers it. */
  warnings: z.array(z.object({ field: z.string(), message: z.string(), type: z.enum(IMPORT_TYPES).optional(), nullable: z.boolean().optional() })),
  /** The whole file's check: not needed (the sample was all of it), running, done over this many rows, or failed. */
  check: z.discriminatedUnion('state', [
    z.object({ state: z.literal('whole') }),
    z.object({ state: z.literal('checking') }),
    z.object({ state: z.literal('checked'), rows: z.number().int().nonnegative() }),
    z.object({ state: z.literal('failed'), message: z.string() }),
  ]),
  /** A workbook's sheets by name (none for a text file). */
  sheets: z.array(z.string()),
  /** The schema's tables rows can be added to (undefined while read, or when they could not be). */
  targets: z.array(z.object({ name: z.string(), columns: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), generated: z.boolean() })) })).optional(),
  /** The file's columns matched to the existing table's, when importing into one. */
  match: z
    .object({
      /** Each table column, with the file's column it takes ('' when none: it gets its default or NULL). */
      columns: z.array(z.object({ name: z.string(), type: z.string(), from: z.string(), generated: z.boolean() })),
      /** The file's columns no table column takes. */
      leftOut: z.array(z.string()),
    })
    .optional(),
  /** What stops the import, each said for the field it is about ('table', 'column:N', 'key', 'file'). */
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ImportState = z.infer<typeof stateSchema>;

export const importToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: z.record(z.string()),
    locale: z.string(),
    file: z.object({ name: z.string(), bytes: z.number().nonnegative(), encoding: z.string() }),
    workspace: z.string(),
    state: stateSchema,
  }),
  z.object({ type: z.literal('state'), state: stateSchema }),
  z.object({ type: z.literal('checking'), bytes: z.number().nonnegative(), total: z.number().nonnegative() }),
  z.object({ type: z.literal('progress'), bytes: z.number().nonnegative(), total: z.number().nonnegative(), rows: z.number().int().nonnegative(), ms: z.number().nonnegative() }),
  z.object({
    type: z.literal('done'),
    rows: z.number().int().nonnegative(),
    ms: z.number().nonnegative(),
    /** Values made NULL: all counted, the first listed with the file's line. */
    nulled: z.object({ count: z.number().int().nonnegative(), listed: z.array(z.object({ line: z.number().int(), column: z.string(), value: z.string() })) }),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('cancelled') }),
]);
export type ImportToWebview = z.infer<typeof importToWebviewSchema>;

export { IMPORT_TYPES };
