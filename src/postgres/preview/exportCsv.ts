import type { Readable, Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import type * as CopyStreams from 'pg-copy-streams';
import { quoteLiteral } from '../../core/identifiers';
import { beginReadOnly, endReadOnly, END_READ_ONLY_SQL } from '../readOnly';
import { exportSql, type Selection } from './previewSql';

export interface ExportProgress {
  readonly bytes: number;
}

export interface ExportResult {
  readonly rows: number;
  readonly bytes: number;
}

/** COPY takes no bind parameters: each value travels as a parameter of set_config and is read back by name. */
const SETTING_PREFIX = 'openhexa_export.p';
const SET_SETTING_SQL = 'SELECT pg_catalog.set_config($1, $2, true)';
// Fails with 25P02 when the transaction was aborted (a COPY that failed after its last data).
const STILL_GOOD_SQL = 'SELECT 1';

export interface ExportControl {
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Stops what the server runs now for this connection (a CancelRequest). */
  readonly interrupt?: () => Promise<void>;
  /** True once the caller gave up: a cancel that reached the server between two statements stopped nothing. */
  readonly stopped?: () => boolean;
  /** Text cells a spreadsheet would run as a formula get a leading ' (core/spreadsheetSafe). */
  readonly neutralizeFormulas?: boolean;
}

/** Why the export ended early when the caller stopped it; its caller reports its own reason. */
const STOPPED = 'The export was stopped';

/**
 * Streams the current view (sort and filters applied) as CSV with a header
 * through COPY, the server's own fast path. It runs in a read-only
 * transaction with search_path pinned, never as a superuser, ended by
 * ROLLBACK with the session's leftovers released (see readOnly.ts),
 * so the filter values, set as transaction-local settings, and whatever a
 * view's code changed for the session are gone when it ends, however it
 * ends. If the file fails (disk full, folder gone) or the caller stops, `interrupt` stops the COPY on the server and
 * what is still in flight is drained, so the connection is usable again.
 */
export async function exportCsv(client: ClientBase, selection: Selection, out: Writable, control: ExportControl = {}): Promise<ExportResult> {
  const { stopped = () => false, neutralizeFormulas = false } = control;
  const { text, values } = exportSql(selection, (i) => `pg_catalog.current_setting(${quoteLiteral(`${SETTING_PREFIX}${i}`)})`, neutralizeFormulas);
  const goOn = (): void => {
    if (stopped()) {
      throw new Error(STOPPED);
    }
  };
  goOn();
  // The database's own guard, not the pooled connection's 30 s: an export may take a while.
  await beginReadOnly(client, { statementTimeout: 'database' });
  try {
    for (const [i, value] of values.entries()) {
      goOn();
      await client.query(SET_SETTING_SQL, [`${SETTING_PREFIX}${i + 1}`, value]);
    }
    goOn();
    const result = await copyCsvOut(client, text, out, control);
    await endReadOnly(client);
    return result;
  } catch (err) {
    await client.query(END_READ_ONLY_SQL).catch(() => undefined);
    throw err;
  }
}

/**
 * Streams `query`'s rows as CSV with a header through COPY (query) TO STDOUT,
 * inside the transaction the caller opened, with progress, and stops cleanly
 * (see streamTo) when the file fails or the caller gives up. Asks the server
 * after the last data whether the COPY really ended well.
 */
export async function copyCsvOut(client: ClientBase, query: string, out: Writable, control: ExportControl = {}): Promise<ExportResult> {
  const { onProgress, interrupt = async () => undefined, stopped = () => false } = control;
  // Loaded on the first export, not at activation (see pgDriver.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { to: copyTo } = require('pg-copy-streams') as typeof CopyStreams;
  const copy = client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  // The stream may end before it reports the server's error (a cancel, a failure mid-COPY).
  let copyError: unknown;
  copy.on('error', (err: unknown) => (copyError = err));
  let bytes = 0;
  let reported = 0;
  await streamTo(copy, out, interrupt, (chunk) => {
    // A cancel sent just before the COPY began missed it: the first data says it runs, so stop it now.
    if (stopped()) {
      return new Error(STOPPED);
    }
    bytes += chunk.length;
    if (onProgress && bytes - reported >= 1 << 20) {
      reported = bytes;
      onProgress({ bytes });
    }
    return undefined;
  });
  if (copyError !== undefined) {
    throw copyError;
  }
  // The stream may end cleanly although the server aborted the COPY after its last data: ask.
  await client.query(STILL_GOOD_SQL).catch((err: unknown) => {
    throw (err as { code?: unknown }).code === '25P02' ? new Error('The server stopped the export before its end') : err;
  });
  onProgress?.({ bytes });
  return { rows: copy.rowCount, bytes };
}

/**
 * Copies with backpressure. Unlike stream.pipeline it never destroys the COPY
 * stream (that would leave the connection paused mid-COPY for good): on a
 * write failure, or a chunk `onChunk` refuses, it interrupts the server and
 * reads the rest into the void.
 */
function streamTo(copy: Readable, out: Writable, interrupt: () => Promise<void>, onChunk: (chunk: Buffer) => Error | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    let copyDone = false;
    const fail = (err: Error): void => {
      if (failure) {
        return;
      }
      failure = err;
      if (copyDone) {
        reject(err);
        return;
      }
      copy.resume();
      void interrupt();
    };
    out.on('error', fail);
    copy.on('data', (chunk: Buffer) => {
      if (failure) {
        return;
      }
      const refused = onChunk(chunk);
      if (refused) {
        fail(refused);
        return;
      }
      if (!out.write(chunk)) {
        copy.pause();
        out.once('drain', () => copy.resume());
      }
    });
    copy.on('error', (err: Error) => {
      copyDone = true;
      out.destroy();
      reject(failure ?? err);
    });
    copy.on('end', () => {
      copyDone = true;
      if (failure) {
        reject(failure);
        return;
      }
      out.end(() => (failure ? reject(failure) : resolve()));
    });
  });
}
