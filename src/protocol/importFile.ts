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
  z.object({ type: z.literal('progress'), bytes: z.number().nonnegative(), total: z.number().nonnegative() }),
  z.object({ type: z.literal('done'), rows: z.number().int().nonnegative(), ms: z.number().nonnegative() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('cancelled') }),
]);
export type ImportToWebview = z.infer<typeof importToWebviewSchema>;

export { IMPORT_TYPES };
