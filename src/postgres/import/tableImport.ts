import * as fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import type * as CopyStreams from 'pg-copy-streams';
import type { CsvDialect } from '../../core/import/csvDialect';
import { convertible } from '../../core/import/columnTypes';
import { SERVER_ENCODING } from '../../core/import/fileEncoding';
import { createTableSql, type ImportColumn, type PrimaryKey } from '../../core/import/tableSpec';
import { qualifiedName, quoteIdent, quoteLiteral } from '../../core/identifiers';
import { LineCounter, sheetRowStream, textRowStreams, type SourceRow } from '../../files/importRows';
import { withTransaction } from '../transaction';

/** What an import does, as the panel shows it before it runs. */
export interface ImportPlan {
  readonly file: string;
  /** Bytes of byte order mark to skip. */
  readonly bom: number;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly dialect: CsvDialect;
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly ImportColumn[];
  readonly key: PrimaryKey;
  /** A new table; rows added to an existing one; or its rows replaced (in the same transaction). */
  readonly mode: 'create' | 'append' | 'replace';
  /** A workbook's sheet, by name: its rows are read (the first as the header when `dialect.header`) rather than the file as text. */
  readonly sheet?: string;
  /** For each column, the file's field it takes (an existing table's columns matched by name); the file's order when absent. */
  readonly fields?: readonly number[];
  /** A value that does not fit its column's type becomes NULL, counted and listed, rather than stopping the import. */
  readonly nullInconvertible?: boolean;
}

/** A row that does not fit: where, as the server said it (COPY counts a quoted line break as part of its row). */
export class ImportRowError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    readonly value: string | undefined,
  ) {
    super(message);
    this.name = 'ImportRowError';
  }
}

/** A value made NULL because it did not fit its column's type: where, and what it was. */
export interface NulledValue {
  readonly line: number;
  readonly column: string;
  readonly value: string;
}

/** Values made NULL are all counted; this many are listed. */
const NULLED_LISTED = 100;

/**
 * Rows read on this side written again for COPY as UTF-8 CSV with commas
 * between fields: each column from its field of the file, numeric columns'
 * decimal commas made points, an empty value NULL, and (if asked) a value
 * that does not fit its column's type made NULL, counted and listed. The
 * source line of each row is kept (4 bytes a row) to say where a bad one is.
 */
function rowsForCopy(plan: ImportPlan): { stream: Transform; fileLine(copyLine: number): number | undefined; nulled: { count: number; listed: NulledValue[] } } {
  const fields = plan.fields ?? plan.columns.map((_, i) => i);
  const numeric = plan.columns.map((c) => plan.dialect.decimalComma && c.type === 'numeric');
  let starts = new Uint32Array(1 << 16);
  let count = 0;
  const nulled = { count: 0, listed: [] as NulledValue[] };
  const quote = (v: string): string => (v === '' ? '' : `"${v.replace(/"/g, '""')}"`);
  const lines = new LineCounter(plan.dialect.header);
  const stream = new Transform({
    writableObjectMode: true,
    transform(input: SourceRow | string[], _encoding, done) {
      const row = lines.row(input);
      if (count === starts.length) {
        const bigger = new Uint32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[count++] = row.line;
      const out = plan.columns.map((column, i) => {
        const raw = row.values[fields[i]!] ?? '';
        const value = numeric[i] ? raw.trim().replace(',', '.') : raw;
        if (plan.nullInconvertible && !convertible(raw, column.type, plan.dialect.decimalComma)) {
          nulled.count++;
          if (nulled.listed.length < NULLED_LISTED) {
            nulled.listed.push({ line: row.line, column: column.name, value: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw });
          }
          return '';
        }
        return quote(value);
      });
      done(null, `${out.join(',')}\n`);
    },
  });
  return { stream, fileLine: (copyLine) => (copyLine >= 1 && copyLine <= count ? starts[copyLine - 1] : undefined), nulled };
}

/**
 * Rows must be read on this side (not streamed as they are for the server
 * to parse): decimal commas, a sheet, values to make NULL, or columns
 * matched to an existing table's (the file may hold fields no column takes,
 * which COPY would refuse as extra data).
 */
function readHere(plan: ImportPlan): boolean {
  return plan.dialect.decimalComma || plan.sheet !== undefined || plan.nullInconvertible === true || plan.fields !== undefined;
}

/** COPY's context line: `COPY t, line 812345, column n: "oops"`. */
function rowErrorOf(err: unknown): unknown {
  const where = (err as { where?: unknown }).where;
  const m = typeof where === 'string' ? /COPY [^,]+, line (\d+)(?:, column ([^:]+))?(?:: "(.*)")?/s.exec(where) : null;
  if (!m || !(err instanceof Error)) {
    return err;
  }
  // A NOT NULL violation names its column in the error's own field, not in the context.
  const column = m[2] ?? (err as { column?: unknown }).column;
  return new ImportRowError(err.message, Number(m[1]), typeof column === 'string' ? column : undefined, m[3]);
}

/** The COPY statement of a plan: the file's own dialect and encoding, parsed by the server. */
export function copySql(plan: ImportPlan): string {
  const options = [
    'FORMAT csv',
    `DELIMITER ${quoteLiteral(plan.dialect.delimiter)}`,
    `QUOTE ${quoteLiteral(plan.dialect.quote)}`,
    `HEADER ${plan.dialect.header ? 'true' : 'false'}`,
    `ENCODING ${quoteLiteral(SERVER_ENCODING[plan.encoding])}`,
  ];
  return `COPY ${qualifiedName(plan.schema, plan.table)} (${plan.columns.map((c) => quoteIdent(c.name)).join(', ')}) FROM STDIN WITH (${options.join(', ')})`;
}

export interface ImportProgress {
  /** Bytes of the file read so far. */
  readonly bytes: number;
  /** Rows sent so far (lines, where the server parses the file: a quoted line break counts). */
  readonly rows: number;
}

export interface ImportResult {
  readonly rows: number;
  /** Values made NULL (when asked): all counted, the first ones listed. */
  readonly nulled: { readonly count: number; readonly listed: readonly NulledValue[] };
}

/** Counts bytes and line breaks going through, and reports them about once a MiB. */
function counter(onProgress: ((p: ImportProgress) => void) | undefined, header: boolean): { stream: Transform; totals(): ImportProgress } {
  let bytes = 0;
  let lines = 0;
  let reported = 0;
  const totals = (): ImportProgress => ({ bytes, rows: Math.max(0, lines - (header ? 1 : 0)) });
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
        lines++;
      }
      if (onProgress && bytes - reported >= 1 << 20) {
        reported = bytes;
        onProgress(totals());
      }
      done(null, chunk);
    },
  });
  return { stream, totals };
}

/**
 * Imports a delimited file or a workbook's sheet as the member's own login,
 * all or nothing: in one transaction, the table created (or its rows
 * deleted, for replace: readers see the old rows until the commit, then the
 * new ones), then the rows sent to `COPY … FROM STDIN`. A plain file
 * streams as it is and the server parses it (psql's `\copy` way, as fast);
 * decimal commas, a sheet, columns matched to an existing table's or values
 * to make NULL are read here and written again. A row that does not fit
 * stops it with the file's line, the column and the value; a cancel
 * (`signal`) too; nothing is left either way. The table is created by the
 * writer group (the member's session acts as it), so readers read it at once.
 */
export async function importIntoTable(client: ClientBase, plan: ImportPlan, options: { readonly onProgress?: (p: ImportProgress) => void; readonly signal?: AbortSignal } = {}): Promise<ImportResult> {
  // Loaded on the first import, not at activation (see pgDriver.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { from: copyFrom } = require('pg-copy-streams') as typeof CopyStreams;
  return withTransaction(client, async () => {
    await client.query("SET LOCAL lock_timeout = '5s'");
    if (plan.mode === 'create') {
      await client.query(createTableSql(plan.schema, plan.table, plan.columns, plan.key));
    } else if (plan.mode === 'replace') {
      await client.query(`DELETE FROM ${qualifiedName(plan.schema, plan.table)}`);
    }
    const rewrite = readHere(plan) ? rowsForCopy(plan) : undefined;
    const copy = client.query(copyFrom(rewrite ? copySql({ ...plan, encoding: 'utf-8', dialect: { ...plan.dialect, delimiter: ',', header: false } }) : copySql(plan)));
    const counting = counter(options.onProgress, plan.dialect.header);
    let sent = 0;
    const signal = options.signal ? [{ signal: options.signal }] : [];
    try {
      if (plan.sheet !== undefined && rewrite) {
        // The workbook is read through the counter for its bytes; its rows are counted as they go.
        const rows = sheetRowStream(plan.file, plan.sheet, plan.dialect.header, counting.stream);
        const tally = new Transform({
          objectMode: true,
          transform(row: SourceRow, _encoding, done) {
            sent++;
            if (sent % 10_000 === 0) {
              options.onProgress?.({ bytes: counting.totals().bytes, rows: sent });
            }
            done(null, row);
          },
        });
        await pipeline(rows, tally, rewrite.stream, copy, ...signal);
      } else {
        const file = fs.createReadStream(plan.file, { start: plan.bom, highWaterMark: 1 << 20 });
        await (rewrite ? pipeline(file, counting.stream, ...textRowStreams(plan.encoding, plan.dialect), rewrite.stream, copy, ...signal) : pipeline(file, counting.stream, copy, ...signal));
      }
    } catch (err) {
      const found = rowErrorOf(err);
      // COPY counts the rows it was sent: the file's own line is the one the row began on.
      throw rewrite && found instanceof ImportRowError && found.line !== undefined ? new ImportRowError(found.message, rewrite.fileLine(found.line), found.column, found.value) : found;
    }
    const rows = Number((copy as unknown as { rowCount?: number }).rowCount ?? 0);
    options.onProgress?.({ bytes: counting.totals().bytes, rows });
    return { rows, nulled: rewrite?.nulled ?? { count: 0, listed: [] } };
  });
}
