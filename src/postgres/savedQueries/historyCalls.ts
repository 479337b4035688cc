import type { ClientBase } from 'pg';
import { z } from 'zod';
import { catalogCall } from '../catalog/catalogError';
import { HISTORY_SQL } from './sql';

export const RUN_STATUSES = ['success', 'error', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunOrigin = 'console' | 'notebook';

/** One run, as the member's client logs it once the run has ended. */
export interface RunRecord {
  readonly sql: string;
  readonly origin: RunOrigin;
  readonly writes: boolean;
  readonly status: RunStatus;
  /** The SQLSTATE of the failure (57014 for a cancel). */
  readonly errorCode?: string;
  readonly durationMs: number;
  readonly rows?: number;
  /** The saved query the run came from, when it did. */
  readonly savedQuery?: string;
}

const historyRow = z.object({
  id: z.string(),
  at: z.date(),
  sql: z.string().nullable(),
  sql_truncated: z.boolean(),
  origin: z.enum(['console', 'notebook']),
  writes: z.boolean(),
  status: z.enum(RUN_STATUSES),
  error_code: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  row_count: z.string().nullable(),
});

/** A run in the history. `sql` is undefined in an admin's log for another member's run of their private query. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: Date;
  readonly login?: string;
  readonly sql: string | undefined;
  readonly sqlTruncated: boolean;
  readonly origin: RunOrigin;
  readonly writes: boolean;
  readonly status: RunStatus;
  readonly errorCode: string | undefined;
  readonly durationMs: number | undefined;
  readonly rows: number | undefined;
  readonly savedQuery?: string;
}

function entryOf(row: z.infer<typeof historyRow>): HistoryEntry {
  return {
    id: row.id,
    at: row.at,
    sql: row.sql ?? undefined,
    sqlTruncated: row.sql_truncated,
    origin: row.origin,
    writes: row.writes,
    status: row.status,
    errorCode: row.error_code ?? undefined,
    durationMs: row.duration_ms ?? undefined,
    rows: row.row_count === null ? undefined : Number(row.row_count),
  };
}

/** Logs a run on the catalog's connection (autocommit: the row stays whatever the run's own transaction did). */
export function logRun(catalog: ClientBase, workspace: string, run: RunRecord): Promise<void> {
  return catalogCall(async () => {
    const params = [workspace, run.sql, run.origin, run.writes, run.status, run.errorCode ?? null, Math.round(run.durationMs), run.rows ?? null, run.savedQuery ?? null];
    await catalog.query(HISTORY_SQL.log, params);
  });
}

/** The caller's own runs in a workspace, newest first; `search` is plain text found in the SQL. */
export function myHistory(catalog: ClientBase, workspace: string, search: string, limit = 200): Promise<HistoryEntry[]> {
  return catalogCall(async () => {
    const { rows } = await catalog.query(HISTORY_SQL.mine, [workspace, search, limit]);
    return rows.map((r) => {
      const row = historyRow.extend({ query: z.string().nullable() }).parse(r);
      return { ...entryOf(row), ...(row.query ? { savedQuery: row.query } : {}) };
    });
  });
}

/** Workspace admins: every member's runs; `search` is found in the SQL or the login. */
export function workspaceLog(catalog: ClientBase, workspace: string, search: string, limit = 200): Promise<HistoryEntry[]> {
  return catalogCall(async () => {
    const { rows } = await catalog.query(HISTORY_SQL.workspace, [workspace, search, limit]);
    return rows.map((r) => {
      const row = historyRow.extend({ login: z.string() }).parse(r);
      return { ...entryOf(row), login: row.login };
    });
  });
}

/** How many days the server keeps the history. */
export function historyRetention(catalog: ClientBase): Promise<number> {
  return catalogCall(async () => z.number().int().parse((await catalog.query(HISTORY_SQL.retention)).rows[0]?.days));
}

/** Platform admins. */
export function setHistoryRetention(catalog: ClientBase, days: number): Promise<void> {
  return catalogCall(async () => void (await catalog.query(HISTORY_SQL.setRetention, [days])));
}
