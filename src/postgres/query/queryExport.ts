/**
 * A query's whole result as CSV, whatever the grid holds: COPY (query) TO
 * STDOUT, the server's fast path (psql's \copy), in a READ ONLY transaction
 * as the member's own login with the run's search path, under the
 * database's own statement_timeout guard (an export may take long), never
 * as a superuser. The session is reset after (DISCARD ALL), as after a run.
 */
import type { Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import { copyCsvOut, type ExportControl, type ExportResult } from '../preview/exportCsv';
import { beginReadOnly, END_READ_ONLY_SQL } from '../readOnly';
import { END_RUN_SQL, QUERY_SEARCH_PATH } from './queryRun';

export async function exportQueryCsv(client: ClientBase, query: string, out: Writable, control: ExportControl = {}): Promise<ExportResult> {
  await beginReadOnly(client, { statementTimeout: 'database', searchPath: QUERY_SEARCH_PATH });
  try {
    const result = await copyCsvOut(client, query, out, control);
    await client.query(END_READ_ONLY_SQL);
    return result;
  } catch (err) {
    await client.query(END_READ_ONLY_SQL).catch(() => undefined);
    throw err;
  } finally {
    await client.query(END_RUN_SQL).catch(() => undefined);
  }
}
