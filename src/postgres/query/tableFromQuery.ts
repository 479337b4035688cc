/**
 * Copy to New Table: a query's result as a new table of the workspace
 * (`CREATE TABLE … AS`), as the member's own login in one transaction with
 * the run's search path (the query names tables as it did when it ran).
 * The statement was judged a plain query when the run was prepared, so it
 * is one statement. The writer group owns the new table: the readers read it
 * at once; a viewer is refused by PostgreSQL.
 */
import type { ClientBase } from 'pg';
import { qualifiedName } from '../../core/identifiers';
import { END_RUN_SQL, QUERY_SEARCH_PATH } from './queryRun';

export async function createTableFromQuery(client: ClientBase, query: string, table: { readonly schema: string; readonly name: string }): Promise<number> {
  await client.query(`BEGIN; SET LOCAL search_path = ${QUERY_SEARCH_PATH}; SET LOCAL lock_timeout = '5s'`);
  try {
    const result = await client.query(`CREATE TABLE ${qualifiedName(table.schema, table.name)} AS ${query}`);
    await client.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.query(END_RUN_SQL).catch(() => undefined);
  }
}
