/**
 * What a run of the member's SQL may contain, judged on PostgreSQL's own
 * parse tree before anything is sent. A run is one transaction the product
 * opens and ends (READ ONLY and rolled back, or with Allow writes committed
 * at the end and rolled back whole on an error), on a connection shared
 * with the window's browsing and, through a pooler, with the login's other
 * clients. So what would step out of that transaction (COMMIT, ROLLBACK,
 * BEGIN, a change of its read-only mode) or leave state on the session
 * (SET without LOCAL, SET ROLE, RESET ALL, DISCARD, PREPARE, LISTEN, a
 * cursor WITH HOLD) is refused with the reason. What the member's role may
 * not do is not judged here: PostgreSQL refuses it.
 */
import { said, type Said } from '../said';
import { parseSql, SqlSyntaxError } from './sqlParser';
import type { SqlStatement } from './statements';

export type RunMode = 'read-only' | 'writes';

/** How a statement's rows are read: a server cursor fetched in batches (a plain query), or a portal read in batches (anything else that may return rows). */
export type ReadAs = 'cursor' | 'portal';

export type Judgement =
  | { readonly ok: true; readonly readAs: ReadAs; readonly kind: string }
  | { readonly ok: false; readonly reason: Said; /** Character offset into the statement's text, when the parser gave one. */ readonly offset?: number };

/** Settings that make the transaction's mode: the product's, not the script's. */
const TRANSACTION_MODE_SETTINGS = new Set([
  'transaction',
  'session characteristics',
  'transaction_read_only',
  'default_transaction_read_only',
  'transaction_isolation',
  'default_transaction_isolation',
  'transaction_deferrable',
  'default_transaction_deferrable',
]);

/** CURSOR_OPT_HOLD in PostgreSQL's parsenodes.h. */
const CURSOR_OPT_HOLD = 0x0020;

type Tree = Record<string, unknown>;

function nodeOf(tree: unknown): { kind: string; body: Tree } {
  const [kind, body] = Object.entries((tree ?? {}) as Tree)[0] ?? ['', {}];
  return { kind, body: (body ?? {}) as Tree };
}

/** A SELECT whose WITH holds an INSERT, UPDATE, DELETE or MERGE cannot be a server cursor (DECLARE refuses it). */
function modifiesData(select: Tree): boolean {
  const withClause = select.withClause as { ctes?: unknown[] } | undefined;
  return (withClause?.ctes ?? []).some((cte) => {
    const query = nodeOf(cte).body.ctequery;
    const inner = nodeOf(query);
    return inner.kind !== 'SelectStmt' || modifiesData(inner.body);
  });
}

function judgeTree(kind: string, body: Tree, mode: RunMode): Judgement {
  const refuse = (reason: Said): Judgement => ({ ok: false, reason });
  switch (kind) {
    case 'TransactionStmt':
      return refuse(
        mode === 'writes'
          ? said('Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT) is not run: a run is one transaction that OpenHEXA opens, commits at its end and rolls back whole on an error.')
          : said('Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT) is not run: a read-only run is one transaction that OpenHEXA opens and rolls back at its end.'),
      );
    case 'VariableSetStmt': {
      const name = String(body.name ?? '').toLowerCase();
      if (TRANSACTION_MODE_SETTINGS.has(name)) {
        return refuse(said('The transaction\'s mode is set by OpenHEXA: switch "Allow writes" on the document instead of setting {0}.', name));
      }
      if (body.kind === 'VAR_RESET_ALL') {
        return refuse(said('RESET ALL is not run: it would reset the session the window shares. Use SET LOCAL for a setting that lasts for the run.'));
      }
      if (!body.is_local) {
        return refuse(said('SET and RESET without LOCAL are not run: the setting would stay on a connection the window shares. Write SET LOCAL {0} …: it lasts for the run.', name || '…'));
      }
      return { ok: true, readAs: 'portal', kind };
    }
    case 'DiscardStmt':
    case 'PrepareStmt':
    case 'ExecuteStmt':
    case 'DeallocateStmt':
    case 'ListenStmt':
    case 'UnlistenStmt':
      return refuse(said('{0} is not run: it works on the session, and the connection is shared by the window (and, through a pooler, by your other clients).', kind.replace(/Stmt$/, '').toUpperCase()));
    case 'DeclareCursorStmt':
      if ((Number(body.options ?? 0) & CURSOR_OPT_HOLD) !== 0) {
        return refuse(said('A cursor WITH HOLD is not run: it would outlive the run on a shared connection. Declare it without HOLD and fetch from it in the same run.'));
      }
      return { ok: true, readAs: 'portal', kind };
    case 'CopyStmt':
      if (!body.filename && !body.is_program) {
        return refuse(
          body.is_from
            ? said('COPY … FROM STDIN is not run here: import a file into a table instead.')
            : said('COPY … TO STDOUT is not run here: run the query, then export its result as CSV.'),
        );
      }
      return { ok: true, readAs: 'portal', kind };
    case 'SelectStmt':
      return { ok: true, readAs: body.intoClause || modifiesData(body) ? 'portal' : 'cursor', kind };
    default:
      return { ok: true, readAs: 'portal', kind };
  }
}

/** Whether `statement` may run in a run of `mode`, and how its rows are read. */
export function judgeStatement(statement: Pick<SqlStatement, 'text' | 'unterminated'>, mode: RunMode): Judgement {
  let stmts;
  try {
    stmts = parseSql(statement.text).stmts ?? [];
  } catch (err) {
    if (err instanceof SqlSyntaxError) {
      // The parser is PostgreSQL 18's: what it cannot read, an older server cannot either, and what is not read cannot be judged.
      return { ok: false, reason: said('Syntax error: {0}', err.message), offset: err.offset };
    }
    throw err;
  }
  if (stmts.length !== 1) {
    return { ok: false, reason: said('Not one statement: {0} found here.', String(stmts.length)) };
  }
  const { kind, body } = nodeOf(stmts[0]!.stmt);
  return judgeTree(kind, body, mode);
}
