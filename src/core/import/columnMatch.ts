import type { ImportType } from './columnTypes';

/** A table column as matching needs it. */
export interface MatchableColumn {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly generated: boolean;
}

export interface ColumnMatch {
  /** Table columns the file fills: each with the file's field it takes. */
  readonly filled: readonly { readonly column: string; readonly type: string; readonly field: number }[];
  /** The file's fields no column takes (left out). */
  readonly leftOut: readonly number[];
  /** Table columns the file does not give: they get their default, or NULL. */
  readonly missing: readonly string[];
  /** Of those, the ones that are NOT NULL without a default: the import would fail. */
  readonly required: readonly string[];
}

const folded = (name: string): string => name.trim().toLowerCase();

/**
 * The file's columns matched to a table's by name: the same name first,
 * then the same name but for case and surrounding spaces. A generated
 * column is never filled; each table column takes at most one field.
 */
export function matchColumns(fileNames: readonly string[], columns: readonly MatchableColumn[]): ColumnMatch {
  const fieldOf = new Map<string, number>();
  const taken = new Set<number>();
  const open = columns.filter((c) => !c.generated);
  for (const exact of [true, false]) {
    for (const column of open) {
      if (fieldOf.has(column.name)) {
        continue;
      }
      const field = fileNames.findIndex((n, i) => !taken.has(i) && (exact ? n === column.name : folded(n) === folded(column.name)));
      if (field >= 0) {
        fieldOf.set(column.name, field);
        taken.add(field);
      }
    }
  }
  const filled = columns.flatMap((c) => (fieldOf.has(c.name) ? [{ column: c.name, type: c.type, field: fieldOf.get(c.name)! }] : []));
  const missing = columns.filter((c) => !c.generated && !fieldOf.has(c.name));
  return {
    filled,
    leftOut: fileNames.map((_, i) => i).filter((i) => !taken.has(i)),
    missing: missing.map((c) => c.name),
    required: missing.filter((c) => c.required).map((c) => c.name),
  };
}

/**
 * The import type a server type is read as on this side (to turn decimal
 * commas into points, and to tell a value that does not fit): the server
 * converts the text itself; anything not listed is read as text.
 */
export function importTypeOf(serverType: string): ImportType {
  const base = serverType.replace(/\(\d+(,\s*\d+)?\)/, '').replace(/\s+/g, ' ').trim();
  switch (base) {
    case 'boolean':
      return 'boolean';
    case 'smallint':
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'numeric':
    case 'real':
    case 'double precision':
      return 'numeric';
    case 'date':
      return 'date';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'timestamp with time zone';
    default:
      return 'text';
  }
}
