import type { ClientBase } from 'pg';

/**
 * How every transaction the product runs resolves names: PostgreSQL's own
 * schema first, then the session's temporary schema, which PostgreSQL never
 * searches for functions or operators. A member's look-alike function in
 * `public` or in a schema of theirs is never found. Set per transaction
 * (SET LOCAL), never per session: through a pooler in transaction mode a
 * session setting would stay on a server connection that the login's other
 * clients get next, and would not be there for the product's next
 * transaction. A statement outside a transaction needs no pin: every
 * function and operator the product sends is schema-qualified.
 */
export const PINNED_SEARCH_PATH = 'pg_catalog, pg_temp';

/**
 * One round trip (simple protocol, three statements): the transaction, the
 * pinned path, and whether the login is a superuser (session_user: a role
 * a superuser's session acts as can be left again by any code it runs).
 */
const BEGIN_SQL = `BEGIN READ ONLY; SET LOCAL search_path = ${PINNED_SEARCH_PATH}`;
export const SUPERUSER_SQL = 'SELECT r.rolsuper AS superuser FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) session_user';
export const BEGIN_READ_ONLY_SQL = `${BEGIN_SQL};\n${SUPERUSER_SQL}`;

/**
 * What a planted function can leave on a connection that outlives ROLLBACK:
 * session advisory locks (held against every other session) and prepared
 * statements. Sent after the ROLLBACK, in the same round trip, so a pooled
 * connection goes back clean.
 */
export const END_READ_ONLY_SQL = 'ROLLBACK; SELECT pg_catalog.pg_advisory_unlock_all(); DEALLOCATE ALL';

/**
 * Browsing refuses a superuser login: code an editor wrote (a view's
 * function, a policy, a planted function) would run with superuser power,
 * and no role a superuser's session switches to holds, since that code can
 * switch back (RESET ROLE). Connect with a login that is not a superuser.
 */
export class SuperuserBrowsing extends Error {
  constructor() {
    super(
      'This login is a superuser, so the extension does not read workspace data with it: the views, policies and functions that editors wrote would run with full power over the server. Connect with a login that is not a superuser (the platform login, with CREATEDB and CREATEROLE, or a member\'s own).',
    );
    this.name = 'SuperuserBrowsing';
  }
}

/**
 * How long each statement of a read may run, set for its transaction only (a
 * pooled connection keeps nothing): milliseconds, or 'database' for the
 * workspace database's own guard (its statement_timeout, OpenHEXA's 90min,
 * none if unset), which counts and exports get.
 */
export type StatementTimeout = number | 'database';

/** The database's own statement_timeout (ALTER DATABASE … SET), or 0: the connection's startup default does not apply. */
const DATABASE_TIMEOUT_SQL = `SELECT pg_catalog.set_config('statement_timeout', COALESCE((
  SELECT pg_catalog.split_part(c, '=', 2)
    FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) c
   WHERE s.setrole OPERATOR(pg_catalog.=) 0
     AND s.setdatabase OPERATOR(pg_catalog.=) (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database())
     AND pg_catalog.starts_with(c, 'statement_timeout=')), '0'), true)`;

function timeoutSql(timeout: StatementTimeout | undefined): string {
  if (timeout === undefined) {
    return '';
  }
  return timeout === 'database' ? `;\n${DATABASE_TIMEOUT_SQL}` : `; SET LOCAL statement_timeout = ${Math.max(0, Math.floor(timeout))}`;
}

/** The rows of the last statement of a multi-statement simple query. */
function lastRows(result: unknown): { superuser?: boolean }[] {
  const results = (Array.isArray(result) ? result : [result]) as { rows?: { superuser?: boolean }[] }[];
  return results.at(-1)?.rows ?? [];
}

/**
 * Starts what `readOnly` runs in: a READ ONLY transaction with search_path
 * pinned, refused (and ended) for a superuser login. For work that ends the
 * transaction itself (an export streamed through COPY).
 */
export async function beginReadOnly(client: ClientBase, options: { readonly statementTimeout?: StatementTimeout; /** A member's own SQL (Data Studio) names the workspace's tables: postgres/query/queryRun.ts's path. */ readonly searchPath?: string } = {}): Promise<void> {
  const begin = options.searchPath ? `BEGIN READ ONLY; SET LOCAL search_path = ${options.searchPath}` : BEGIN_SQL;
  const results = await client.query(`${begin}${timeoutSql(options.statementTimeout)};\n${SUPERUSER_SQL}`);
  const superuser = lastRows(results)[0]?.superuser === true;
  if (superuser) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new SuperuserBrowsing();
  }
}

/** Ends what `beginReadOnly` started, returning the connection clean (see END_READ_ONLY_SQL); waited for. */
export async function endReadOnly(client: ClientBase): Promise<void> {
  await client.query(END_READ_ONLY_SQL);
}

/**
 * Runs `work` the way everything that reads workspace data must run:
 * inside a READ ONLY transaction with search_path pinned, never as a
 * superuser. Browsing runs code that editors wrote (a view's functions, a
 * row-level security policy): read only, it cannot write, grant or change a
 * password with the browser's privileges. It ends with ROLLBACK, never
 * COMMIT, so what such code changed for the session (search_path, role,
 * default_transaction_read_only through set_config) is undone too, and
 * what ROLLBACK does not undo (advisory locks, prepared statements) is
 * released.
 *
 * After a success the end is sent, not waited for: the rows are read, and
 * pg runs one client's queries in the order they were given, so whatever
 * this client runs next runs after it. That takes a round trip off every
 * page, which on a remote server is most of a page's time. Should it fail,
 * the connection is gone and the client's next query says so.
 */
export async function readOnly<T>(client: ClientBase, work: () => Promise<T>, options: { readonly statementTimeout?: StatementTimeout } = {}): Promise<T> {
  await beginReadOnly(client, options);
  let result: T;
  try {
    result = await work();
  } catch (err) {
    // After a failure the connection may be gone: the first error is the one to report.
    await client.query(END_READ_ONLY_SQL).catch(() => undefined);
    throw err;
  }
  client.query(END_READ_ONLY_SQL).catch(() => undefined);
  return result;
}
