import * as fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import type * as CopyStreams from 'pg-copy-streams';
import type { CsvDialect } from '../../core/import/csvDialect';
import { SERVER_ENCODING } from '../../core/import/fileEncoding';
import { createTableSql, type ImportColumn, type PrimaryKey } from '../../core/import/tableSpec';
import { qualifiedName, quoteIdent, quoteLiteral } from '../../core/identifiers';
import { withTransaction } from '../transaction';

/** What an import does, as the panel shows it before it runs. */
export interface CsvImportPlan {
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

/**
 * A file whose numbers are written 1,5: read on this side (csv-parse) and
 * written again for COPY as UTF-8 CSV with commas between fields, the
 * numeric columns' decimal commas made points; an empty value is NULL. The
 * file's line of each row is kept (4 bytes a row) to say where a bad one is.
 */
function decimalPoints(plan: CsvImportPlan): { streams: Transform[]; fileLine(copyLine: number): number | undefined } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('csv-parse') as typeof import('csv-parse');
  const decoder = new TextDecoder(plan.encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({ delimiter: plan.dialect.delimiter, quote: plan.dialect.quote, from_line: plan.dialect.header ? 2 : 1, info: true });
  const numeric = plan.columns.map((c) => c.type === 'numeric');
  let starts = new Uint32Array(1 << 16);
  let count = 0;
  let nextStart = plan.dialect.header ? 2 : 1;
  const quote = (v: string): string => (v === '' ? '' : `"${v.replace(/"/g, '""')}"`);
  const write = new Transform({
    writableObjectMode: true,
    transform(row: { record: string[]; info: { lines: number } }, _encoding, done) {
      if (count === starts.length) {
        const bigger = new Uint32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[count++] = nextStart;
      nextStart = row.info.lines + 1;
      done(null, `${row.record.map((v, i) => quote(numeric[i] ? v.trim().replace(',', '.') : v)).join(',')}\n`);
    },
  });
  return { streams: [decode, parser, write], fileLine: (copyLine) => (copyLine >= 1 && copyLine <= count ? starts[copyLine - 1] : undefined) };
}

/** COPY's context line: `COPY t, line 812345, column n: "oops"`. */
function rowErrorOf(err: unknown): unknown {
  const where = (err as { where?: unknown }).where;
  const m = typeof where === 'string' ? /COPY [^,]+, line (\d+)(?:, column ([^:]+))?(?:: "(.*)")?/s.exec(where) : null;
  if (!m || !(err instanceof Error)) {
    return err;
  }
  return new ImportRowError(err.message, Number(m[1]), m[2], m[3]);
}

/** The COPY statement of a plan: the file's own dialect and encoding, parsed by the server. */
export function copySql(plan: CsvImportPlan): string {
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
  readonly bytes: number;
}

/**
 * Imports a delimited file as the member's own login, all or nothing: in
 * one transaction, the table created (or its rows deleted, for replace:
 * readers see the old rows until the commit, then the new ones), then the
 * file streamed as it is to `COPY … FROM STDIN`, which parses it on the
 * server (psql's `\copy` way, as fast). A row that does not fit stops it
 * with the server's line, column and value; a cancel (`signal`) too;
 * nothing is left either way. The table is created by the writer group
 * (the member's session acts as it), so the readers read it at once.
 */
export async function importCsv(client: ClientBase, plan: CsvImportPlan, options: { readonly onProgress?: (p: ImportProgress) => void; readonly signal?: AbortSignal } = {}): Promise<{ rows: number }> {
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
    const rewrite = plan.dialect.decimalComma ? decimalPoints(plan) : undefined;
    const copy = client.query(copyFrom(rewrite ? copySql({ ...plan, encoding: 'utf-8', dialect: { ...plan.dialect, delimiter: ',', header: false } }) : copySql(plan)));
    let bytes = 0;
    let reported = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (options.onProgress && bytes - reported >= 1 << 20) {
          reported = bytes;
          options.onProgress({ bytes });
        }
        done(null, chunk);
      },
    });
    try {
      const file = fs.createReadStream(plan.file, { start: plan.bom, highWaterMark: 1 << 20 });
      const signal = options.signal ? [{ signal: options.signal }] : [];
      await (rewrite ? pipeline(file, counting, ...rewrite.streams, copy, ...signal) : pipeline(file, counting, copy, ...signal));
    } catch (err) {
      const found = rowErrorOf(err);
      // COPY counts the rewritten rows: the file's own line is the one the row began on.
      throw rewrite && found instanceof ImportRowError && found.line !== undefined ? new ImportRowError(found.message, rewrite.fileLine(found.line), found.column, found.value) : found;
    }
    options.onProgress?.({ bytes });
    return { rows: Number((copy as unknown as { rowCount?: number }).rowCount ?? 0) };
  });
}
