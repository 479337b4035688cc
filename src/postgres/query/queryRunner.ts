/**
 * The runs of one query document: its SQL cut into statements and judged
 * (core/query), then run one run at a time on a connection leased from the
 * window's pools for that run only, within the member's budget, and
 * stoppable on the server (QueryLane). A new run replaces the results of
 * the one before.
 */
import { judgeStatement, type ReadAs, type RunMode } from '../../core/query/runRules';
import { loadSqlParser } from '../../core/query/sqlParser';
import { splitStatements, type SqlStatement } from '../../core/query/statements';
import type { Said } from '../../core/said';
import type { LeaseSource } from '../pools';
import { Cancelled, QueryLane } from '../preview/queryLane';
import type { Writable } from 'node:stream';
import type { ExportProgress, ExportResult } from '../preview/exportCsv';
import { exportQueryCsv } from './queryExport';
import { runStatements, type RunListener, type RunOutcome, type RunSettings } from './queryRun';

/** A statement refused before anything was sent: why, and where in the script (character offsets). */
export interface Refusal {
  readonly statement: SqlStatement;
  readonly reason: Said;
  /** Where the parser stopped, as an offset into the script; else the statement's start. */
  readonly at: number;
}

/** A statement judged fit to run, and how its rows are read (runRules.ts): what a run is made of. */
export interface PreparedStatement extends SqlStatement {
  readonly readAs: ReadAs;
}

export type Prepared = { readonly ok: true; readonly statements: readonly PreparedStatement[] } | { readonly ok: false; readonly refusals: readonly Refusal[] };

/** Cuts `sql` (offsets counted from `base` in the document) and judges each statement for `mode`: all run, or none. */
export async function prepareRun(sql: string, mode: RunMode, base = 0): Promise<Prepared> {
  await loadSqlParser();
  const refusals: Refusal[] = [];
  const statements: PreparedStatement[] = [];
  for (const cut of splitStatements(sql)) {
    const statement = { ...cut, start: cut.start + base, end: cut.end + base, reach: cut.reach + base };
    const judgement = judgeStatement(statement, mode);
    if (judgement.ok) {
      statements.push({ ...statement, readAs: judgement.readAs });
    } else {
      refusals.push({ statement, reason: judgement.reason, at: statement.start + (judgement.offset ?? 0) });
    }
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, statements };
}

export class QueryRunner {
  private readonly lane: QueryLane;
  /** Exports wait behind the window's pages and runs, and never take its last connection. */
  private readonly exports: QueryLane;

  constructor(source: LeaseSource) {
    // 'interactive': a run is what the user waits for, like a visible page.
    this.lane = new QueryLane(source, 'interactive', undefined, 'own');
    this.exports = new QueryLane(source, 'background', undefined, 'own');
  }

  /** A plain query's whole result as CSV (COPY), with progress; stopped by cancelExport. */
  exportCsv(statement: Pick<SqlStatement, 'text'>, out: Writable, onProgress?: (progress: ExportProgress) => void): Promise<ExportResult> {
    return this.exports.run((client, stopped) => exportQueryCsv(client, statement.text, out, { onProgress, interrupt: () => this.exports.interrupt(), stopped }));
  }

  cancelExport(): Promise<void> {
    return this.exports.cancel(new Cancelled('user'));
  }

  /** Runs statements prepared for the run's mode (prepareRun); rejects with Cancelled when stopped before it began. */
  run(statements: readonly PreparedStatement[], settings: RunSettings, listener: RunListener): Promise<RunOutcome> {
    return this.lane.run((client, stopped) => runStatements(client, statements, settings, listener, stopped));
  }

  /** Stops the run: the server stops its statement, the transaction is rolled back. */
  cancel(): Promise<void> {
    return this.lane.cancel(new Cancelled('user'));
  }

  async close(): Promise<void> {
    await Promise.all([this.lane.close(), this.exports.close()]);
  }
}
