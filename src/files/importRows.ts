import { Readable, Transform } from 'node:stream';
import type { CsvDialect } from '../core/import/csvDialect';
import { sheetRows } from './workbookSheets';

/**
 * The rows of a file as the import reads them on this side (to write them
 * again for COPY, or to check the whole file's values): each row's fields
 * as text and the file's line (or the sheet's row) it began on, the header
 * row left out.
 */
export interface SourceRow {
  readonly values: readonly string[];
  readonly line: number;
}

/** The streams that turn a delimited file's bytes into its records (csv-parse), for a pipeline after the file; see `LineCounter` for their lines. */
export function textRowStreams(encoding: 'utf-8' | 'windows-1252', dialect: Pick<CsvDialect, 'delimiter' | 'quote' | 'header'>): Transform[] {
  // Loaded on the first import, not at activation.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('csv-parse') as typeof import('csv-parse');
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  return [decode, parse({ delimiter: dialect.delimiter, quote: dialect.quote, from_line: dialect.header ? 2 : 1, relax_column_count: true })];
}

/**
 * The line each record of a delimited file began on, counted by whoever
 * reads the records: csv-parse's own (`info`) copies an object for every
 * record, and one more stream for it halves the speed. Each physical line
 * is in exactly one record, so a record's first line follows the previous
 * record's line breaks.
 */
export class LineCounter {
  private next: number;

  constructor(header: boolean) {
    this.next = header ? 2 : 1;
  }

  /** A record from `textRowStreams` as a row with its line; a sheet's row (which knows its own) as it is. */
  row(input: SourceRow | string[]): SourceRow {
    if (!Array.isArray(input)) {
      return input;
    }
    const line = this.next++;
    for (const value of input) {
      for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) {
        this.next++;
      }
    }
    return { values: input, line };
  }
}

/** A workbook sheet's rows as a stream; `through` sees the file's bytes on their way. */
export function sheetRowStream(file: string, sheet: string, header: boolean, through: Transform): Readable {
  const rows = async function* (): AsyncGenerator<SourceRow> {
    let first = header;
    for await (const row of sheetRows(file, sheet, through)) {
      if (first) {
        first = false;
        continue;
      }
      yield row;
    }
  };
  return Readable.from(rows());
}
