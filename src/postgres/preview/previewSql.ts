import { qualifiedName, quoteIdent } from '../../core/identifiers';

/**
 * SQL for one page of a table preview: keyset paging (WHERE (sort, key) after
 * the last row seen, never OFFSET), sort with a unique tie-breaker and NULLs
 * where PostgreSQL puts them, filters as parameters only. Pure: no I/O.
 */
export type FilterOp = 'eq' | 'ne' | 'lt' | 'gt' | 'contains' | 'startsWith' | 'isNull' | 'isNotNull' | 'in';

export interface Filter {
  readonly column: string;
  readonly op: FilterOp;
  readonly value?: string;
  readonly values?: readonly string[];
}

export interface Sort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface PreviewColumn {
  readonly name: string;
  /** format_type() of the column, used to cast text parameters. */
  readonly type: string;
}

/** Where the previous page ended: the sort value and the key values of its last row, as text. */
export interface Cursor {
  readonly sortValue?: string | null;
  readonly key: readonly string[];
}

export interface PageRequest {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly PreviewColumn[];
  /** Unique, non-null key columns (the primary key), or ['ctid']. */
  readonly key: readonly PreviewColumn[];
  readonly sort?: Sort;
  readonly filters?: readonly Filter[];
  readonly after?: Cursor;
  readonly pageSize: number;
  /** Longer values are cut on the server to this many characters. */
  readonly maxChars: number;
}

export interface PageSql {
  readonly text: string;
  readonly values: unknown[];
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function pageSql(request: PageRequest): PageSql {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const byName = new Map(request.columns.map((c) => [c.name, c]));
  const column = (name: string): PreviewColumn => {
    const found = name === 'ctid' ? { name: 'ctid', type: 'tid' } : byName.get(name);
    if (!found) {
      throw new Error(`Unknown column "${name}"`);
    }
    return found;
  };
  const typed = (c: PreviewColumn, value: unknown): string => `${param(value)}::${c.type}`;

  const where: string[] = [];
  for (const filter of request.filters ?? []) {
    const c = column(filter.column);
    const col = quoteIdent(c.name);
    switch (filter.op) {
      case 'eq':
        where.push(`${col} = ${typed(c, filter.value)}`);
        break;
      case 'ne':
        where.push(`${col} <> ${typed(c, filter.value)}`);
        break;
      case 'lt':
        where.push(`${col} < ${typed(c, filter.value)}`);
        break;
      case 'gt':
        where.push(`${col} > ${typed(c, filter.value)}`);
        break;
      case 'contains':
        where.push(`${col}::text ILIKE '%' || ${param(escapeLike(filter.value ?? ''))} || '%' ESCAPE '\\'`);
        break;
      case 'startsWith':
        where.push(`${col}::text ILIKE ${param(escapeLike(filter.value ?? ''))} || '%' ESCAPE '\\'`);
        break;
      case 'isNull':
        where.push(`${col} IS NULL`);
        break;
      case 'isNotNull':
        where.push(`${col} IS NOT NULL`);
        break;
      case 'in':
        where.push(`${col} = ANY(${param([...(filter.values ?? [])])}::${c.type}[])`);
        break;
    }
  }

  const keyCols = request.key.map((k) => quoteIdent(k.name));
  const keyTuple = keyCols.length === 1 ? keyCols[0]! : `(${keyCols.join(', ')})`;
  const afterKey = (cursor: Cursor): string => {
    const params = request.key.map((k, i) => typed(k, cursor.key[i]));
    return `${keyTuple} > ${params.length === 1 ? params[0] : `(${params.join(', ')})`}`;
  };

  const order: string[] = [];
  if (request.sort) {
    const c = column(request.sort.column);
    const col = quoteIdent(c.name);
    const asc = request.sort.direction === 'asc';
    // PostgreSQL's own default: NULLS LAST ascending, NULLS FIRST descending.
    order.push(`${col} ${asc ? 'ASC NULLS LAST' : 'DESC NULLS FIRST'}`);
    if (request.after) {
      const last = request.after.sortValue;
      if (last === null || last === undefined) {
        // Inside the NULL group: further NULLs by key; descending, the non-NULL values come after.
        where.push(asc ? `(${col} IS NULL AND ${afterKey(request.after)})` : `((${col} IS NULL AND ${afterKey(request.after)}) OR ${col} IS NOT NULL)`);
      } else {
        const v = typed(c, last);
        const beyond = asc ? `${col} > ${v}` : `${col} < ${v}`;
        const tie = `(${col} = ${v} AND ${afterKey(request.after)})`;
        where.push(asc ? `(${beyond} OR ${tie} OR ${col} IS NULL)` : `(${beyond} OR ${tie})`);
      }
    }
  } else if (request.after) {
    where.push(afterKey(request.after));
  }
  order.push(...keyCols.map((k) => `${k} ASC`));

  const max = Math.max(1, Math.floor(request.maxChars));
  const select = [
    // Positional aliases: an output column named like a table column would make ORDER BY sort the text copy.
    ...request.columns.map((c, i) => `substr(${quoteIdent(c.name)}::text, 1, ${max + 1}) AS "c${i}"`),
    ...request.key.map((k, i) => `${quoteIdent(k.name)}::text AS "k${i}"`),
    ...(request.sort ? [`${quoteIdent(column(request.sort.column).name)}::text AS "s"`] : []),
  ];
  const text = [
    `SELECT ${select.join(', ')}`,
    `FROM ${qualifiedName(request.schema, request.table)}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${order.join(', ')}`,
    `LIMIT ${Math.max(1, Math.floor(request.pageSize))}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { text, values };
}
