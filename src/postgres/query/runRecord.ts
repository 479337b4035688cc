import type { RunOrigin, RunRecord } from '../savedQueries/historyCalls';
import type { RunOutcome } from './queryRun';
import type { RunMode } from '../../core/query/runRules';

export interface RunContext {
  readonly sql: string;
  readonly mode: RunMode;
  readonly origin: RunOrigin;
  /** How long the run took as its caller saw it (a cancelled run has no outcome to say). */
  readonly durationMs: number;
  readonly savedQuery?: string;
}

/** The history's row for a run that reached the server: success, its first failure's SQLSTATE, or a cancel (57014). */
export function runRecord(outcome: RunOutcome | 'cancelled' | Error, context: RunContext): RunRecord {
  const base = { sql: context.sql, origin: context.origin, writes: context.mode === 'writes', ...(context.savedQuery ? { savedQuery: context.savedQuery } : {}) };
  if (outcome === 'cancelled') {
    return { ...base, status: 'cancelled', errorCode: '57014', durationMs: context.durationMs };
  }
  if (outcome instanceof Error) {
    const code = (outcome as { code?: unknown }).code;
    return { ...base, status: 'error', ...(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { errorCode: code } : {}), durationMs: context.durationMs };
  }
  let rows = 0;
  for (const result of outcome.results) {
    if (result.status === 'failed') {
      const status = result.reason === 'cancelled' ? 'cancelled' : 'error';
      const code = result.code ?? (result.reason === 'cancelled' ? '57014' : undefined);
      return { ...base, status, ...(code ? { errorCode: code } : {}), durationMs: outcome.ms, rows };
    }
    rows += result.status === 'rows' ? result.rows : result.status === 'done' ? (result.rowCount ?? 0) : 0;
  }
  return { ...base, status: 'success', durationMs: outcome.ms, rows };
}
