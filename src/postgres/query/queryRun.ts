/**
 * A run of the member's SQL on the workspace database, as their own login:
 * one transaction the product opens and ends. READ ONLY unless the document
 * allows writes, and then committed only when every statement succeeded,
 * rolled back whole on the first error. Each statement's rows stream to a
 * ResultStore on disk in batches, so neither memory nor the connection is
 * held by a large result: a plain query is read through a server cursor
 * (DECLARE … FETCH, as psql's FETCH_COUNT does, so the statement timeout
 * applies to each fetch and a long read is not cut), anything else that may
 * return rows (INSERT … RETURNING, EXPLAIN, SHOW) through a portal read in
 * batches (pg-cursor).
 *
 * The statements were judged before (core/query/runRules.ts): nothing here
 * can end the transaction or leave state on the session. Names resolve in
 * `pg_catalog, public`: the login's "$user" schema is left out, so a schema
 * an editor named after another member cannot put tables in front of theirs.
 */
import type { ClientBase, CustomTypesConfig, FieldDef, QueryResult } from 'pg';
import type { ReadAs, RunMode } from '../../core/query/runRules';
import { SUPERUSER_SQL, SuperuserBrowsing } from '../readOnly';
import { ResultStore, type Row } from './resultStore';

/** Every value as the server's text: exact numbers, dates as written, nothing parsed in JavaScript. */
const AS_TEXT: CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/** The search path of a run: PostgreSQL's own functions first, then the workspace's tables. */
export const QUERY_SEARCH_PATH = 'pg_catalog, public';

/** Rows of the first fetch (the first screen, fast) and of the ones after (throughput). */
const FIRST_BATCH = 200;
const BATCH = 5_000;

/** At the end of a run whose transaction is still good: session advisory locks, prepared statements and LISTENs go (ROLLBACK keeps the first two). */
const TIDY_SQL = 'SELECT pg_catalog.pg_advisory_unlock_all(); DEALLOCATE ALL; UNLISTEN *';

/**
 * After each run, alone (it cannot run in a transaction block): the session as it was before the run, also
 * after a failed one. Through a pooler in transaction mode it may reach another of the login's server
 * connections: TIDY_SQL, sent inside the transaction, is what holds there.
 */
export const END_RUN_SQL = 'DISCARD ALL';

const CURSOR_NAME = 'openhexa_result';
const DECLARE_PREFIX = `DECLARE ${CURSOR_NAME} NO SCROLL CURSOR FOR `;

const TYPE_NAMES_SQL = 'SELECT t.oid::pg_catalog.int8 AS oid, pg_catalog.format_type(t.oid, NULL) AS name FROM pg_catalog.pg_type t WHERE t.oid OPERATOR(pg_catalog.=) ANY ($1::pg_catalog.oid[])';

export interface RunStatement {
  readonly text: string;
  readonly readAs: ReadAs;
}

export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

export type StatementResult =
  | { readonly status: 'rows'; readonly columns: readonly ResultColumn[]; readonly store: ResultStore; readonly rows: number; readonly command: string; readonly ms: number }
  | { readonly status: 'done'; readonly command: string; readonly rowCount: number | null; readonly ms: number }
  | {
      readonly status: 'failed';
      readonly message: string;
      readonly code: string | undefined;
      /** Character offset into the statement's text where the server pointed, if it did. */
      readonly position: number | undefined;
      readonly reason: 'error' | 'timeout' | 'cancelled';
      readonly ms: number;
    }
  | { readonly status: 'not run' };

export interface RunListener {
  /** A statement's columns are known: its rows will go to `store`. */
  columns?(index: number, columns: readonly ResultColumn[], store: ResultStore): void;
  /** More of a statement's rows are kept. */
  progress?(index: number, rows: number): void;
  finished?(index: number, result: StatementResult): void;
}

export interface RunSettings {
  readonly mode: RunMode;
  /** Per statement (per fetch for a server cursor); 0: none. */
  readonly statementTimeoutMs: number;
  /** Where result files go (resultStore.makeResultsFolder). */
  readonly folder: string;
  /** Rolled back whatever the mode (Explain Analyze runs the statement, keeps nothing). */
  readonly rollback?: boolean;
}

export interface RunOutcome {
  readonly results: StatementResult[];
  /** How the transaction ended: nothing is committed unless 'committed'. */
  readonly ended: 'committed' | 'rolled back';
  readonly ms: number;
}

const TIMEOUT_MESSAGE = /statement timeout/;

interface PgError extends Error {
  code?: string;
  position?: string;
}

function failure(err: unknown, offsetShift: number, started: number, stopped: boolean): StatementResult {
  const error = err as PgError;
  const position = error.position ? Number(error.position) - 1 - offsetShift : undefined;
  const reason = error.code === '57014' ? (TIMEOUT_MESSAGE.test(error.message) && !stopped ? 'timeout' : 'cancelled') : 'error';
  return {
    status: 'failed',
    message: error instanceof Error ? error.message : String(err),
    code: error.code,
    position: position !== undefined && position >= 0 ? position : undefined,
    reason: stopped && reason !== 'timeout' ? 'cancelled' : reason,
    ms: performance.now() - started,
  };
}

/** PostgreSQL's own types by OID (pg_type.dat): named without asking. */
const BUILT_IN_TYPES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'], [17, 'bytea'], [18, '"char"'], [19, 'name'], [20, 'bigint'], [21, 'smallint'], [23, 'integer'], [25, 'text'], [26, 'oid'],
  [114, 'json'], [142, 'xml'], [700, 'real'], [701, 'double precision'], [790, 'money'], [869, 'inet'], [650, 'cidr'], [829, 'macaddr'],
  [1042, 'character'], [1043, 'character varying'], [1082, 'date'], [1083, 'time without time zone'], [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'], [1186, 'interval'], [1266, 'time with time zone'], [1700, 'numeric'], [2950, 'uuid'], [3802, 'jsonb'],
  [1000, 'boolean[]'], [1005, 'smallint[]'], [1007, 'integer[]'], [1016, 'bigint[]'], [1009, 'text[]'], [1015, 'character varying[]'],
  [1021, 'real[]'], [1022, 'double precision[]'], [1231, 'numeric[]'], [3807, 'jsonb[]'], [2951, 'uuid[]'], [2249, 'record'], [2278, 'void'],
]);

/** Column types by name: PostgreSQL's own known here, others asked once per run. */
class TypeNames {
  private readonly names = new Map<number, string>(BUILT_IN_TYPES);

  /** The names known without asking (a type of the workspace's own shows as its OID until asked). */
  known(fields: readonly FieldDef[]): ResultColumn[] {
    return fields.map((f) => ({ name: f.name, type: this.names.get(f.dataTypeID) ?? String(f.dataTypeID) }));
  }

  async columns(client: ClientBase, fields: readonly FieldDef[]): Promise<ResultColumn[]> {
    const missing = [...new Set(fields.map((f) => f.dataTypeID).filter((oid) => !this.names.has(oid)))];
    if (missing.length > 0) {
      const { rows } = await client.query<{ oid: string; name: string }>(TYPE_NAMES_SQL, [missing]);
      for (const row of rows) {
        this.names.set(Number(row.oid), row.name);
      }
    }
    return this.known(fields);
  }
}

async function readThroughCursor(client: ClientBase, statement: RunStatement, index: number, settings: RunSettings, listener: RunListener, types: TypeNames, stopped: () => boolean): Promise<StatementResult> {
  const started = performance.now();
  let store: ResultStore | undefined;
  try {
    await client.query(DECLARE_PREFIX + statement.text);
  } catch (err) {
    return failure(err, DECLARE_PREFIX.length, started, stopped());
  }
  try {
    let size = FIRST_BATCH;
    let batch = await client.query<Row>({ text: `FETCH FORWARD ${size} FROM ${CURSOR_NAME}`, rowMode: 'array', types: AS_TEXT });
    const columns = await types.columns(client, batch.fields);
    store = await ResultStore.create(settings.folder);
    listener.columns?.(index, columns, store);
    for (;;) {
      const more = batch.rows.length === size && !stopped();
      size = BATCH;
      // The next batch is read while this one is written.
      const next = more ? client.query<Row>({ text: `FETCH FORWARD ${size} FROM ${CURSOR_NAME}`, rowMode: 'array', types: AS_TEXT }) : undefined;
      next?.catch(() => undefined);
      await store.append(batch.rows);
      listener.progress?.(index, store.rows);
      if (!next) {
        break;
      }
      batch = await next;
    }
    if (stopped()) {
      throw Object.assign(new Error('canceling statement due to user request'), { code: '57014' });
    }
    await client.query(`CLOSE ${CURSOR_NAME}`);
    return { status: 'rows', columns, store, rows: store.rows, command: 'SELECT', ms: performance.now() - started };
  } catch (err) {
    await store?.dispose();
    return failure(err, 0, started, stopped());
  }
}

async function readThroughPortal(client: ClientBase, statement: RunStatement, index: number, settings: RunSettings, listener: RunListener, types: TypeNames, stopped: () => boolean): Promise<StatementResult> {
  const started = performance.now();
  // Required on first use, like pg (see the build's drivers apart).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cursor = require('pg-cursor') as typeof import('pg-cursor');
  const cursor = client.query(new Cursor<Row>(statement.text, [], { rowMode: 'array', types: AS_TEXT }));
  let store: ResultStore | undefined;
  const read = (rows: number): Promise<{ rows: Row[]; result: QueryResult }> =>
    new Promise((resolve, reject) => cursor.read(rows, (err, got, result) => (err ? reject(err) : resolve({ rows: got, result }))));
  try {
    let size = FIRST_BATCH;
    let { rows, result } = await read(size);
    let columns: ResultColumn[] = [];
    if (result.fields.length > 0) {
      // The portal holds the connection until closed: the workspace's own types are named after it.
      columns = types.known(result.fields);
      store = await ResultStore.create(settings.folder);
      listener.columns?.(index, columns, store);
    }
    while (store) {
      await store.append(rows);
      listener.progress?.(index, store.rows);
      if (rows.length < size || stopped()) {
        break;
      }
      size = BATCH;
      ({ rows, result } = await read(size));
    }
    await cursor.close();
    if (stopped()) {
      throw Object.assign(new Error('canceling statement due to user request'), { code: '57014' });
    }
    if (store && columns.some((c, i) => c.type === String(result.fields[i]?.dataTypeID))) {
      columns = await types.columns(client, result.fields);
      listener.columns?.(index, columns, store);
    }
    const command = result.command ?? '';
    if (store) {
      return { status: 'rows', columns, store, rows: store.rows, command, ms: performance.now() - started };
    }
    return { status: 'done', command, rowCount: result.rowCount ?? null, ms: performance.now() - started };
  } catch (err) {
    await store?.dispose();
    await cursor.close().catch(() => undefined);
    return failure(err, 0, started, stopped());
  }
}

/**
 * Runs `statements` in one transaction on `client` (leased for the run),
 * stopping at the first that fails; the ones after are 'not run'. `stopped`
 * turns true on the user's Cancel (a CancelRequest goes to the server too).
 */
export async function runStatements(client: ClientBase, statements: readonly RunStatement[], settings: RunSettings, listener: RunListener, stopped: () => boolean): Promise<RunOutcome> {
  const started = performance.now();
  const timeout = Math.max(0, Math.floor(settings.statementTimeoutMs));
  const begin = `BEGIN ${settings.mode === 'writes' ? 'READ WRITE' : 'READ ONLY'}; SET LOCAL search_path = ${QUERY_SEARCH_PATH}; SET LOCAL statement_timeout = ${timeout};\n${SUPERUSER_SQL}`;
  const began = (await client.query(begin)) as unknown as QueryResult<{ superuser: boolean }>[];
  if (began.at(-1)?.rows[0]?.superuser === true) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new SuperuserBrowsing();
  }
  const results: StatementResult[] = statements.map(() => ({ status: 'not run' }));
  const types = new TypeNames();
  let failed = false;
  try {
    for (const [index, statement] of statements.entries()) {
      if (stopped()) {
        failed = true;
        break;
      }
      const read = statement.readAs === 'cursor' ? readThroughCursor : readThroughPortal;
      const result = await read(client, statement, index, settings, listener, types, stopped);
      results[index] = result;
      listener.finished?.(index, result);
      if (result.status === 'failed') {
        failed = true;
        break;
      }
    }
    const committing = settings.mode === 'writes' && !failed && !settings.rollback;
    if (!failed) {
      // Inside the transaction, on its own server connection even through a pooler: what the run's code
      // left on the session that ROLLBACK would not undo, and, before a COMMIT, its session-level settings.
      await client.query(committing ? `RESET ALL; ${TIDY_SQL}` : TIDY_SQL);
    }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  let ended: RunOutcome['ended'] = 'rolled back';
  if (settings.mode === 'writes' && !failed && !settings.rollback) {
    try {
      await client.query('COMMIT');
      ended = 'committed';
    } catch (err) {
      // A deferred constraint, a serialization failure: COMMIT fails and nothing is kept.
      let last = results.length - 1;
      while (last > 0 && results[last]!.status === 'not run') {
        last -= 1;
      }
      results[last] = failure(err, 0, started, false);
    }
  } else {
    await client.query('ROLLBACK');
  }
  // What the run's code left on the session outside the transaction (a committed set_config(…, false),
  // a session advisory lock, a statement PREPAREd through dynamic SQL, a LISTEN) goes with it: the
  // connection goes back to the window's pool, and through a pooler to the login's other clients.
  await client.query(END_RUN_SQL);
  return { results, ended, ms: performance.now() - started };
}
