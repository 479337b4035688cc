import type { ClientBase } from 'pg';
import { PINNED_SEARCH_PATH } from './readOnly';

/**
 * The transaction and its pinned search_path in one round trip. LOCAL: the
 * product sets nothing on a session, so a pooler's server connection goes
 * on to the login's next client (a notebook, a BI tool) as it came.
 */
const BEGIN_SQL = `BEGIN; SET LOCAL search_path = ${PINNED_SEARCH_PATH}`;

/** Runs `work` in one transaction on this client: committed when it returns, rolled back when it throws (and the error rethrown). */
export async function withTransaction<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query(BEGIN_SQL);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that broke mid-transaction cannot roll back; the server does when it notices.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
