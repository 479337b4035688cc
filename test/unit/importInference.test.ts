// Reading the files teams import: their encoding, dialect and column types, as the import panel proposes them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cellText } from '../../src/core/import/cellText';
import { importTypeOf, matchColumns } from '../../src/core/import/columnMatch';
import { convertible, inferColumns } from '../../src/core/import/columnTypes';
import { sniffDialect } from '../../src/core/import/csvDialect';
import { detectEncoding } from '../../src/core/import/fileEncoding';
import { columnNames, createTableSql, nameProblem, tableNameFrom } from '../../src/core/import/tableSpec';
import { sheetRows, workbookSheetNames } from '../../src/files/workbookSheets';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');

/** A fixture as the panel reads it: its encoding, its text, its dialect, its rows and the inferred columns. */
function read(name: string) {
  const bytes = fs.readFileSync(path.join(FIXTURES, name));
  const { encoding, bom } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom));
  const dialect = sniffDialect(text);
  const rows = parse(text, { delimiter: dialect.delimiter, relax_column_count: true }) as string[][];
  const header = dialect.header ? rows[0] : undefined;
  const data = dialect.header ? rows.slice(1) : rows;
  const width = rows[0]!.length;
  return { encoding, bom, text, dialect, header, data, columns: inferColumns(data, width, dialect.decimalComma) };
}

const typesOf = (columns: readonly { type: string; nullable: boolean }[]) => columns.map((c) => `${c.type}${c.nullable ? '?' : ''}`);

describe('reading a file to import', () => {
  it("a DHIS2 analytics export: commas, CRLF, a quoted comma, a header, the period a number, an empty value", () => {
    const f = read('dhis2-analytics.csv');
    assert.deepEqual(f.dialect, { delimiter: ',', quote: '"', header: true, decimalComma: false });
    assert.equal(f.encoding, 'utf-8');
    assert.deepEqual(f.header, ['Data', 'Data ID', 'Period', 'Period ID', 'Organisation unit', 'Organisation unit ID', 'Value']);
    assert.deepEqual(typesOf(f.columns), ['text', 'text', 'text', 'integer', 'text', 'text', 'numeric?']);
    assert.equal(f.data[2]![4], 'Bombali, North');
  });

  it('semicolons and decimal commas; codes with leading zeros stay text; a date column widens to a timestamp', () => {
    const f = read('semicolon-decimal-comma.csv');
    assert.deepEqual(f.dialect, { delimiter: ';', quote: '"', header: true, decimalComma: true });
    assert.deepEqual(typesOf(f.columns), ['text', 'integer?', 'numeric', 'timestamp with time zone', 'text']);
  });

  it('Latin-1 (Windows-1252) bytes are read as such, accents kept', () => {
    const f = read('latin1.csv');
    assert.equal(f.encoding, 'windows-1252');
    assert.deepEqual(f.header, ['nom', 'région', 'cas']);
    assert.equal(f.data[0]![0], 'Kéré');
    assert.deepEqual(typesOf(f.columns), ['text', 'text', 'integer']);
  });

  it('a byte order mark is skipped, not read into the first column\'s name; booleans are found', () => {
    const f = read('bom.csv');
    assert.deepEqual([f.encoding, f.bom], ['utf-8', 3]);
    assert.deepEqual(f.header, ['id', 'name', 'active']);
    assert.deepEqual(typesOf(f.columns), ['integer', 'text', 'boolean']);
  });

  it('quoted newlines and doubled quotes stay inside their value', () => {
    const f = read('quoted-newlines.csv');
    assert.deepEqual(f.data, [['1', 'line one\nline two'], ['2', 'she said "hi", then left']]);
  });

  it('an empty column, and one without a name, are text and nullable, named by their place', () => {
    const f = read('empty-column.csv');
    assert.deepEqual(typesOf(f.columns), ['integer', 'text?', 'text', 'text?']);
    assert.deepEqual(columnNames(['id', 'empty', 'name', '']), ['id', 'empty', 'name', 'column_4']);
  });
});

describe('reading an Excel workbook to import', () => {
  const book = path.join(FIXTURES, 'two-sheets.xlsx');
  const rowsOf = async (sheet: string) => {
    const rows: { line: number; values: string[] }[] = [];
    for await (const row of sheetRows(book, sheet)) {
      rows.push(row);
    }
    return rows;
  };

  it('offers its sheets by name, in the workbook\'s order', async () => {
    assert.deepEqual(await workbookSheetNames(book), ['Districts', 'Visits 2024']);
  });

  it('reads a sheet\'s dates as ISO dates, numbers exactly, a formula\'s result, and infers the date column', async () => {
    const rows = await rowsOf('Districts');
    assert.deepEqual(rows[1], { line: 2, values: ['Bo', '575478', '2024-03-14', '98123', '0.873', 'false'] });
    assert.deepEqual(rows[4]!.values, ['Koinadugu', '409372', '', '60111', '0.5', 'false']);
    assert.deepEqual(rows[5], { line: 6, values: ['Bo + Kenema', '', '', '199155'] });
    assert.deepEqual(typesOf(inferColumns(rows.slice(1).map((r) => r.values), 6, false)), ['text', 'integer?', 'date?', 'integer', 'numeric?', 'boolean?']);
  });

  it('reads the other sheet by name: date-times, rich text, a hyperlink\'s text, an error as written, a quoted line break', async () => {
    const rows = await rowsOf('Visits 2024');
    assert.deepEqual(
      rows.map((r) => r.values),
      [
        ['Visit id', 'Started at', 'Clinic', 'Cost (Le)', 'Note'],
        ['1', '2024-01-05 08:30:00', 'Clinique Saint-Joseph', '1250.5', 'first "visit"\nwith a line break'],
        ['2', '2024-01-06 14:05:30', 'Kailahun CHC', '#N/A', ''],
        ['3', '2024-01-07', 'Ngala PHU', '980', 'ünïcødé ✓'],
      ],
    );
    await assert.rejects(rowsOf('visits 2024'), /No sheet is named "visits 2024"/);
  });

  it('turns any cell value into the text COPY reads', () => {
    assert.equal(cellText({ formula: 'A1+1', result: 45366.5 }, true), '2024-03-15 12:00:00');
    assert.equal(cellText({ formula: 'A1+1', result: 0 }, true, true), '1904-01-01');
    assert.equal(cellText({ sharedFormula: 'B2', result: 'x' }), 'x');
    assert.equal(cellText(0.1 + 0.2), '0.30000000000000004');
    assert.equal(cellText(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 700))), '2024-03-01');
    assert.equal(cellText({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'https://x' }), 'ab');
    assert.equal(cellText(Number.NaN), '');
    assert.equal(cellText(true), 'true');
  });
});

describe('an import into an existing table', () => {
  it('matches the file\'s columns by name, exact first, then case and spaces aside; a generated column is never filled', () => {
    const columns = [
      { name: 'Code', type: 'text', required: true, generated: false },
      { name: 'code', type: 'text', required: false, generated: false },
      { name: 'total', type: 'integer', required: false, generated: true },
      { name: 'when', type: 'date', required: true, generated: false },
    ];
    const m = matchColumns(['code', ' CODE ', 'total', 'other'], columns);
    assert.deepEqual(m.filled, [{ column: 'Code', type: 'text', field: 1 }, { column: 'code', type: 'text', field: 0 }]);
    assert.deepEqual(m.leftOut, [2, 3]);
    assert.deepEqual([m.missing, m.required], [['when'], ['when']]);
  });

  it('reads a server type as the import type that converts it', () => {
    assert.deepEqual(
      ['numeric(6,2)', 'timestamp(3) with time zone', 'timestamp without time zone', 'smallint', 'character varying(20)', 'uuid', 'double precision'].map(importTypeOf),
      ['numeric', 'timestamp with time zone', 'timestamp with time zone', 'integer', 'text', 'text', 'numeric'],
    );
  });
});

describe('values that do not fit, when made NULL', () => {
  it('are told apart from what the server reads, leading zeros and ISO forms kept', () => {
    const fit = (value: string, type: Parameters<typeof convertible>[1], comma = false) => convertible(value, type, comma);
    assert.deepEqual(['007', ' 12 ', '2147483648', 'n/a', ''].map((v) => fit(v, 'integer')), [true, true, false, false, true]);
    assert.deepEqual(['1,5', '1.5', 'NaN', '-Infinity', '#N/A'].map((v) => fit(v, 'numeric', true)), [true, false, true, true, false]);
    assert.deepEqual(['2024-02-29', '2023-02-29', '31/01/2024', '2024-01-05 08:30'].map((v) => fit(v, 'date')), [true, false, false, true]);
    assert.deepEqual(['2024-01-05', '2024-01-05T08:30:00Z', 'soon'].map((v) => fit(v, 'timestamp with time zone')), [true, true, false]);
    assert.deepEqual(['yes', 'off', '1', 'maybe'].map((v) => fit(v, 'boolean')), [true, true, true, false]);
    assert.equal(fit('anything at all', 'text'), true);
  });
});

describe('the table an import creates', () => {
  it('is named from the file, as an identifier a user can type unquoted', () => {
    assert.equal(tableNameFrom('/home/me/Données 2026 (v2).CSV'), 'donnees_2026_v2');
    assert.equal(tableNameFrom('2026-cases.csv'), 't_2026_cases');
    assert.equal(tableNameFrom('🎯.xlsx'), 'imported');
    assert.equal(Buffer.byteLength(tableNameFrom(`${'x'.repeat(100)}.csv`)), 63);
  });

  it('keeps any column name, quoted, and names repeated ones apart', () => {
    assert.deepEqual(columnNames(['Value', 'value', ' Value ', 'select']), ['Value', 'value_2', 'Value_3', 'select']);
    assert.equal(nameProblem('é'.repeat(32)), 'too long');
    assert.equal(nameProblem('  '), 'empty');
    assert.equal(nameProblem('a"b'), undefined);
  });

  it('shows the CREATE TABLE it runs, every name quoted', () => {
    const sql = createTableSql('Données "brutes"', 'select', [{ name: 'Period ID', type: 'integer', nullable: false }, { name: 'a"b', type: 'numeric', nullable: true }], { kind: 'id' });
    assert.equal(sql, 'CREATE TABLE "Données ""brutes"""."select" (\n  "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  "Period ID" integer NOT NULL,\n  "a""b" numeric\n)');
    assert.match(createTableSql('public', 't', [{ name: 'code', type: 'text', nullable: false }], { kind: 'column', name: 'code' }), /"code" text NOT NULL PRIMARY KEY/);
  });
});
