/**
 * The runs of one query document: its SQL cut into statements and judged
 * (core/query), then run one run at a time on a connection leased from the
 * window's pools for that run only, within the member's budget, and
 * stoppable on the server (QueryLane). A new run replaces the results of
 * the one before.
 */
import { judgeStatement, type RunMode } from '../../core/query/runRules';
import { loadSqlParser } from '../../core/query/sqlParser';
import { splitStatements, type SqlStatement } from '../../core/query/statements';
import type { Said } from '../../core/said';
import type { LeaseSource } from '../pools';
import { Cancelled, QueryLane } from '../preview/queryLane';
import { runStatements, type RunListener, type RunOutcome } from './queryRun';

/** A statement refused before anything was sent: why, and where in the script (character offsets). */
export interface Refusal {
  readonly statement: SqlStatement;
  readonly reason: Said;
  /** Where the parser stopped, as an offset into the script; else the statement's start. */
  readonly at: number;
}

export type Prepared = { readonly ok: true; readonly statements: readonly SqlStatement[] } | { readonly ok: false; readonly refusals: readonly Refusal[] };

/** Cuts `sql` (offsets counted from `base` in the document) and judges each statement for `mode`: all run, or none. */
export async function prepareRun(sql: string, mode: RunMode, base = 0): Promise<Prepared & { readonly judged?: ReturnType<typeof judgeStatement>[] }> {
  await loadSqlParser();
  const statements = splitStatements(sql).map((s) => ({ ...s, start: s.start + base, end: s.end + base, reach: s.reach + base }));
  const refusals: Refusal[] = [];
  const judged = statements.map((statement) => {
    const judgement = judgeStatement(statement, mode);
    if (!judgement.ok) {
      refusals.push({ statement, reason: judgement.reason, at: statement.start + (judgement.offset ?? 0) });
    }
    return judgement;
  });
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, statements, judged };
}

export class QueryRunner {
  private readonly lane: QueryLane;

  constructor(source: LeaseSource) {
    // 'interactive': a run is what the user waits for, like a visible page.
    this.lane = new QueryLane(source, 'interactive', undefined, 'own');
  }

  /** Runs statements already prepared; rejects with Cancelled when stopped before it began. */
  run(statements: readonly SqlStatement[], settings: { mode: RunMode; statementTimeoutMs: number; folder: string }, listener: RunListener): Promise<RunOutcome> {
    return this.lane.run(async (client, stopped) => {
      await loadSqlParser();
      const readAs = statements.map((s) => {
        const judged = judgeStatement(s, settings.mode);
        if (!judged.ok) {
          throw new Error(`A statement was not judged before its run: ${judged.reason.text}`);
        }
        return judged.readAs;
      });
      return runStatements(client, statements.map((s, i) => ({ text: s.text, readAs: readAs[i]! })), settings, listener, stopped);
    });
  }

  /** Stops the run: the server stops its statement, the transaction is rolled back. */
  cancel(): Promise<void> {
    return this.lane.cancel(new Cancelled('user'));
  }

  close(): Promise<void> {
    return this.lane.close();
  }
}
