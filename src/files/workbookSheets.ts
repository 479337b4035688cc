import * as fs from 'node:fs';
import type { Transform } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { cellText } from '../core/import/cellText';

/** A sheet's row as the import reads it: its values as text, and the row number Excel shows. */
export interface SheetRow {
  readonly line: number;
  readonly values: string[];
}

/** What the streaming reader gives, as far as the import relies on it (exceljs's own types leave these out). */
interface StreamedCell {
  readonly value: unknown;
  readonly numFmt?: string;
}
interface StreamedRow {
  readonly number: number;
  readonly cellCount: number;
  getCell(column: number): StreamedCell;
}
interface StreamedSheet extends AsyncIterable<StreamedRow> {
  readonly name: string;
  /** The sheet's raw chunks: drained without parsing to pass over a sheet. */
  readonly iterator: AsyncIterable<unknown>;
}
interface StreamedWorkbook extends AsyncIterable<StreamedSheet> {
  readonly model?: { readonly sheets?: readonly { readonly name: string }[] };
  readonly properties?: { readonly model?: { readonly date1904?: boolean } };
}

/** What Excel's own number formats would show as a date or time (as exceljs judges it, quoted text and [colours] aside). */
function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhsb]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** The workbook's reader over the file (through `through`, to count its bytes), and how to close both. */
function open(file: string, through?: Transform): { book: StreamedWorkbook; close(): void } {
  // Loaded on the first workbook read, not at activation (see the build's drivers apart).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const excel = require('exceljs') as typeof ExcelJS;
  const bytes = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const input = through ? bytes.pipe(through) : bytes;
  // Styles are read to tell a date from a number; hyperlinks and everything else are left aside.
  const book = new excel.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as StreamedWorkbook;
  return {
    book,
    close: () => {
      bytes.destroy();
      through?.destroy();
    },
  };
}

/** The sheets of an .xlsx workbook by name, in the workbook's order; reads no further than the first sheet's start. */
export async function workbookSheetNames(file: string): Promise<string[]> {
  const { book, close } = open(file);
  const seen: string[] = [];
  try {
    for await (const sheet of book) {
      // The workbook's own list comes before its sheets in files Excel and others write.
      const listed = book.model?.sheets?.map((s) => s.name);
      if (listed && listed.length > 0) {
        return listed;
      }
      seen.push(sheet.name);
      for await (const chunk of sheet.iterator) {
        void chunk;
      }
    }
    return seen;
  } finally {
    close();
  }
}

export class SheetNotFoundError extends Error {
  constructor(readonly sheet: string) {
    super(`No sheet is named "${sheet}" in this workbook.`);
    this.name = 'SheetNotFoundError';
  }
}

/**
 * One sheet's rows, streamed (the sheets before it passed over unparsed):
 * each row's cells as text up to its last cell, empty cells ''. Stopping
 * early closes the file. `through` sees the file's bytes on their way (a counter).
 */
export async function* sheetRows(file: string, sheetName: string, through?: Transform): AsyncGenerator<SheetRow> {
  const { book, close } = open(file, through);
  try {
    for await (const sheet of book) {
      if (sheet.name !== sheetName) {
        for await (const chunk of sheet.iterator) {
          void chunk;
        }
        continue;
      }
      const date1904 = book.properties?.model?.date1904 === true;
      for await (const row of sheet) {
        const values: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) {
          const cell = row.getCell(c);
          values.push(cellText(cell.value, isDateFormat(cell.numFmt), date1904));
        }
        yield { line: row.number, values };
      }
      return;
    }
    throw new SheetNotFoundError(sheetName);
  } finally {
    close();
  }
}

/** A sheet's first rows (for the panel's proposal), and whether they are all of it. */
export async function readSheetSample(file: string, sheetName: string, limit: number): Promise<{ rows: string[][]; whole: boolean }> {
  const rows: string[][] = [];
  for await (const row of sheetRows(file, sheetName)) {
    if (rows.length === limit) {
      return { rows, whole: false };
    }
    rows.push(row.values);
  }
  return { rows, whole: true };
}
