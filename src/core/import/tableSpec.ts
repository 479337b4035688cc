import { qualifiedName, quoteIdent } from '../identifiers';
import type { ImportType } from './columnTypes';

/** PostgreSQL's limit on an identifier: 63 bytes (longer names are cut by the server, silently). */
const NAME_BYTES = 63;

function cutToBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > bytes) {
      break;
    }
    out += ch;
  }
  return out;
}

/** A table name from a file's name: lower case letters, digits and underscores, starting with a letter, at most 63 bytes. */
export function tableNameFrom(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt|xlsx)$/i, '');
  const plain = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (plain === '') {
    return 'imported';
  }
  const named = /^[a-z]/.test(plain) ? plain : `t_${plain}`;
  return cutToBytes(named, NAME_BYTES).replace(/_+$/, '') || 'imported';
}

/** What is wrong with a table or column name, if anything (any text is allowed: it is quoted). */
export function nameProblem(name: string): 'empty' | 'too long' | 'nul' | undefined {
  if (name.trim() === '') {
    return 'empty';
  }
  if (name.includes('\u0000')) {
    return 'nul';
  }
  return Buffer.byteLength(name, 'utf8') > NAME_BYTES ? 'too long' : undefined;
}

/** The columns' names from a header row: trimmed, an empty one named column_N, a repeated one suffixed _2, _3…, each at most 63 bytes. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = cutToBytes(raw.trim() || `column_${i + 1}`, NAME_BYTES);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = `${cutToBytes(base, NAME_BYTES - suffix.length)}${suffix}`;
    }
    seen.add(name.toLowerCase());
    return name;
  });
}

export interface ImportColumn {
  readonly name: string;
  readonly type: ImportType;
  readonly nullable: boolean;
}

/** The table's primary key: one of its columns, a new `id` (identity), or none. */
export type PrimaryKey = { readonly kind: 'column'; readonly name: string } | { readonly kind: 'id' } | { readonly kind: 'none' };

/** The CREATE TABLE an import runs, as the panel shows it: every name quoted, nothing else in it. */
export function createTableSql(schema: string, table: string, columns: readonly ImportColumn[], key: PrimaryKey): string {
  const lines = [
    ...(key.kind === 'id' ? ['  "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY'] : []),
    ...columns.map((c) => `  ${quoteIdent(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}${key.kind === 'column' && key.name === c.name ? ' PRIMARY KEY' : ''}`),
  ];
  return `CREATE TABLE ${qualifiedName(schema, table)} (\n${lines.join(',\n')}\n)`;
}
