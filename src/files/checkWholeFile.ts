import * as fs from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvDialect } from '../core/import/csvDialect';
import { WholeFileCheck, type CheckedColumn } from '../core/import/wholeFileCheck';
import { LineCounter, sheetRowStream, textRowStreams, type SourceRow } from './importRows';

/** The file as the import will read it. */
export interface CheckSource {
  readonly file: string;
  readonly bom: number;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly dialect: CsvDialect;
  readonly sheet?: string;
}

export interface WholeFileChecked {
  readonly rows: number;
  readonly columns: CheckedColumn[];
}

/**
 * Reads every row of the file once, before the import, to say per column
 * the type the whole file proposes and the first value each type could
 * not read (the panel's proposal comes from the first 4 MiB). In bounded
 * memory; `signal` stops it.
 */
export async function checkWholeFile(source: CheckSource, width: number, options: { readonly onProgress?: (bytes: number) => void; readonly signal?: AbortSignal } = {}): Promise<WholeFileChecked> {
  const check = new WholeFileCheck(width, source.dialect.decimalComma);
  let bytes = 0;
  let reported = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (options.onProgress && bytes - reported >= 4 << 20) {
        reported = bytes;
        options.onProgress(bytes);
      }
      done(null, chunk);
    },
  });
  const lines = new LineCounter(source.dialect.header);
  const sink = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(input: SourceRow | string[], _encoding, done) {
      const row = lines.row(input);
      check.see(row.values, row.line);
      done();
    },
  });
  const signal = options.signal ? [{ signal: options.signal }] : [];
  if (source.sheet !== undefined) {
    await pipeline(sheetRowStream(source.file, source.sheet, source.dialect.header, counter), sink, ...signal);
  } else {
    await pipeline(fs.createReadStream(source.file, { start: source.bom, highWaterMark: 1 << 20 }), counter, ...textRowStreams(source.encoding, source.dialect), sink, ...signal);
  }
  options.onProgress?.(bytes);
  return { rows: check.rows, columns: check.result() };
}
