import type { ClientBase } from 'pg';

/** Runs `work` in one transaction on this client: committed when it returns, rolled back when it throws (and the error rethrown). */
export async function withTransaction<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
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
