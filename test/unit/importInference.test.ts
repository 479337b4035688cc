// Reading the files teams import: their encoding, dialect and column types, as the import panel proposes them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { inferColumns } from '../../src/core/import/columnTypes';
import { sniffDialect } from '../../src/core/import/csvDialect';
import { detectEncoding } from '../../src/core/import/fileEncoding';
import { columnNames, createTableSql, nameProblem, tableNameFrom } from '../../src/core/import/tableSpec';

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
