import type { ClientBase } from 'pg';

/**
 * How every session the product opens resolves names: PostgreSQL's own
 * schema first, then the session's temporary schema, which PostgreSQL never
 * searches for functions or operators. A member's look-alike function in
 * `public` or in a schema of theirs is never found.
 */
export const PINNED_SEARCH_PATH = 'pg_catalog, pg_temp';
export const PIN_SEARCH_PATH_SQL = `SET search_path = ${PINNED_SEARCH_PATH}`;

// One round trip (simple protocol, two statements).
const BEGIN_READ_ONLY_SQL = `BEGIN READ ONLY; SET LOCAL search_path = ${PINNED_SEARCH_PATH}`;

/**
 * Runs `work` the way everything that reads workspace data must run:
 * inside a READ ONLY transaction with search_path pinned. Browsing runs code
 * that editors wrote (a view's functions, a row-level security policy): read
 * only, it cannot write, grant or change a password with the browser's
 * privileges. It ends with ROLLBACK, never COMMIT, so what such code changed
 * for the session (search_path, role, default_transaction_read_only through
 * set_config) is undone too.
 *
 * After a success the ROLLBACK is sent, not waited for: the rows are read,
 * and pg runs one client's queries in the order they were given, so
 * whatever this client runs next runs after it. That takes a round trip off
 * every page, which on a remote server is most of a page's time. Should the
 * ROLLBACK fail, the connection is gone and the client's next query says so.
 */
export async function readOnly<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query(BEGIN_READ_ONLY_SQL);
  let result: T;
  try {
    result = await work();
  } catch (err) {
    // After a failure the connection may be gone: the first error is the one to report.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  client.query('ROLLBACK').catch(() => undefined);
  return result;
}
