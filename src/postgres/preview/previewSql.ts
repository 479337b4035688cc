import { qualifiedName, quoteIdent, quoteLiteral } from '../../core/identifiers';
import type { Filter } from '../../core/preview/filters';
import { FORMULA_START_SQL, isTextType } from '../../core/spreadsheetSafe';
import { asText, cellSql, fullValueSql } from './cellSql';

/**
 * SQL for a table preview: keyset paging (WHERE (sort, key) beyond the last
 * row seen, never OFFSET, so row 9,000,000 costs what row 1 costs), sort with
 * a unique tie-breaker and NULLs where PostgreSQL puts them, filters as
 * parameters only. Pure: no I/O.
 */
export type { Filter, FilterOp } from '../../core/preview/filters';

export interface Sort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface PreviewColumn {
  readonly name: string;
  /** format_type() of the column. */
  readonly type: string;
  /**
   * What a text parameter compared with the column is read as (a domain's
   * base type: its CHECK may call an editor's function); null when reading
   * one would run an editor's code whatever the type; left out, `type`.
   */
  readonly paramType?: string | null;
  /** PostGIS's schema when the column is PostGIS's geometry or geography. */
  readonly spatialSchema?: string | null;
  /** May hold NULLs (left out: may). */
  readonly nullable?: boolean;
}

/** Sorting, filtering or paging by this column would read a value with code an editor wrote: refused, saying why. */
export class UnsafeParameter extends Error {
  constructor(
    readonly column: string,
    readonly type: string,
  ) {
    super(`Sorting, filtering or paging by "${column}" is not offered: reading a value of its type (${type}) runs code the workspace's editors wrote. Its values still show; sort or filter by another column.`);
    this.name = 'UnsafeParameter';
  }
}

/**
 * Where the previous page ended. Keyed tables: the sort value and the key
 * values of its last row, as text. Views (no key): the number of rows read.
 */
export interface Cursor {
  readonly sortValue?: string | null;
  readonly key: readonly string[];
  readonly offset?: number;
}

export interface Selection {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly PreviewColumn[];
  /** Unique, non-null key columns (the primary key), or ['ctid']; empty for a view, which pages by position. */
  readonly key: readonly PreviewColumn[];
  readonly sort?: Sort;
  readonly filters?: readonly Filter[];
  /** Read the order backwards (a page before a cursor, or the last page). */
  readonly reverse?: boolean;
}

/** Where a page starts without a cursor: at the first row whose seek column reaches this value (from a histogram). */
export interface SeekValue {
  readonly column: string;
  readonly value: string;
}

export interface PageRequest extends Selection {
  readonly after?: Cursor;
  readonly seek?: SeekValue;
  /** Longer values are cut on the server to this many characters. */
  readonly maxChars: number;
}

/** A statement of a page plan, given how many rows are still missing. */
export type PlannedStatement = (rows: number) => PageSql;

export interface PageSql {
  readonly text: string;
  readonly values: unknown[];
}

/** How a value reaches the SQL: `$n` for a statement, a session setting for COPY (which takes no parameters). */
export type Placeholder = (index: number) => string;
const bindParameter: Placeholder = (index) => `$${index}`;

/**
 * A comparison operator, schema-qualified: editors can create operators in
 * the workspace database, and one that matches the column's type better than
 * the built-in would otherwise be chosen (and run with the browser's rights).
 * OPERATOR(...) has one precedence for all: operands here are never compound.
 */
export function op(symbol: '=' | '<>' | '<' | '>' | '<=' | '>=' | '~~*' | '~'): string {
  return `OPERATOR(pg_catalog.${symbol})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function paramTypeOf(c: PreviewColumn): string {
  const type = c.paramType === undefined ? c.type : c.paramType;
  if (type === null) {
    throw new UnsafeParameter(c.name, c.type);
  }
  return type;
}

/** Alias of the relation in FROM, so `ROW(r.*)` names the whole row even when a column is called "r". */
const ROW_ALIAS = 'r';

class SqlBuilder {
  readonly values: unknown[] = [];
  private readonly byName: Map<string, PreviewColumn>;

  constructor(
    readonly selection: Selection,
    private readonly placeholder: Placeholder = bindParameter,
  ) {
    this.byName = new Map(selection.columns.map((c) => [c.name, c]));
  }

  param(value: unknown): string {
    this.values.push(value);
    return this.placeholder(this.values.length);
  }

  column(name: string): PreviewColumn {
    const found = name === 'ctid' ? { name: 'ctid', type: 'tid' } : this.byName.get(name);
    if (!found) {
      throw new Error(`Unknown column "${name}"`);
    }
    return found;
  }

  /** A text parameter read as the column's parameter type (never through a domain's CHECK). */
  typed(c: PreviewColumn, value: unknown): string {
    return `${this.param(value)}::${paramTypeOf(c)}`;
  }

  filters(): string[] {
    const where: string[] = [];
    for (const filter of this.selection.filters ?? []) {
      const c = this.column(filter.column);
      const col = quoteIdent(c.name);
      switch (filter.op) {
        case 'eq':
          where.push(`${col} ${op('=')} ${this.typed(c, filter.value)}`);
          break;
        case 'ne':
          where.push(`${col} ${op('<>')} ${this.typed(c, filter.value)}`);
          break;
        case 'lt':
          where.push(`${col} ${op('<')} ${this.typed(c, filter.value)}`);
          break;
        case 'gt':
          where.push(`${col} ${op('>')} ${this.typed(c, filter.value)}`);
          break;
        // ILIKE's operator; backslash is LIKE's default escape character.
        case 'contains':
          where.push(`${asText(col)} ${op('~~*')} pg_catalog.concat('%', ${this.param(escapeLike(filter.value ?? ''))}::text, '%')`);
          break;
        case 'startsWith':
          where.push(`${asText(col)} ${op('~~*')} pg_catalog.concat(${this.param(escapeLike(filter.value ?? ''))}::text, '%')`);
          break;
        case 'isNull':
          where.push(`${col} IS NULL`);
          break;
        case 'isNotNull':
          where.push(`${col} IS NOT NULL`);
          break;
        case 'in':
          where.push(`${col} ${op('=')} ANY(${this.param([...(filter.values ?? [])])}::${paramTypeOf(c)}[])`);
          break;
      }
    }
    return where;
  }

  /** The full order: sort column, then the key in the sort's direction (so one index scan serves both). */
  orderBy(): string {
    const { sort, key } = this.selection;
    const direction = descending(this.selection) ? 'DESC' : 'ASC';
    const order: string[] = [];
    if (sort) {
      // PostgreSQL's own default: NULLS LAST ascending, NULLS FIRST descending.
      order.push(`${quoteIdent(this.column(sort.column).name)} ${direction === 'ASC' ? 'ASC NULLS LAST' : 'DESC NULLS FIRST'}`);
    }
    if (key.length > 0) {
      order.push(...key.map((k) => `${quoteIdent(k.name)} ${direction}`));
    } else if (sort) {
      // A sorted view has no key: the whole row as text breaks ties, so positions are stable (the sort reads every row anyway).
      // Its text by the row's output function (a row is never NULL), not by a cast an editor may have made.
      order.push(`pg_catalog.format('%s', ROW(${ROW_ALIAS}.*)) ${direction}`);
    }
    // An unsorted view keeps its own order: ordering by the whole row would compute every row before the first page.
    return order.join(', ');
  }

  from(): string {
    return `FROM ${qualifiedName(this.selection.schema, this.selection.table)} AS ${ROW_ALIAS}`;
  }
}

/** The order read, reversal included: backwards, ASC NULLS LAST is exactly DESC NULLS FIRST. */
function descending(selection: Selection): boolean {
  return (selection.sort?.direction === 'desc') !== Boolean(selection.reverse);
}

function tuple(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `ROW(${items.join(', ')})`;
}

function assemble(select: string[], b: SqlBuilder, where: string[], order: string, tail: string): string {
  return [`SELECT ${select.join(', ')}`, b.from(), where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', order ? `ORDER BY ${order}` : '', tail].filter(Boolean).join('\n');
}

/**
 * The statements for one page, run in order until the page is full. A sorted
 * page past the first is at most two index-friendly range scans: the rest of
 * the current group (non-NULL values, or the NULL group), then the other
 * group. One `(sort, key) > (…)` row comparison per scan lets PostgreSQL seek
 * straight to the cursor instead of filtering everything before it.
 */
export function pagePlan(request: PageRequest): PlannedStatement[] {
  const statement = (extra: (b: SqlBuilder) => string[], order?: (b: SqlBuilder) => string, offset?: number): PlannedStatement => (rows) => {
    const b = new SqlBuilder(request);
    const where = [...b.filters(), ...extra(b)];
    const max = Math.max(1, Math.floor(request.maxChars));
    const select = [
      // Positional aliases: an output column named like a table column would make ORDER BY sort the text copy.
      ...request.columns.map((c, i) => `${cellSql(quoteIdent(c.name), c, max)} AS "c${i}"`),
      ...request.key.map((k, i) => `${asText(quoteIdent(k.name))} AS "k${i}"`),
      ...(request.sort ? [`${asText(quoteIdent(b.column(request.sort.column).name))} AS "s"`] : []),
    ];
    const limit = `LIMIT ${Math.max(1, Math.floor(rows))}${offset ? ` OFFSET ${Math.floor(offset)}` : ''}`;
    return { text: assemble(select, b, where, order ? order(b) : b.orderBy(), limit), values: b.values };
  };

  const { after, sort, key, seek } = request;
  if (key.length === 0) {
    return [statement(() => [], undefined, after?.offset ?? 0)];
  }
  const asc = !descending(request);
  const cmp = asc ? '>' : '<';
  const nullGroupOf = (column: string) => (): string[] => [`${quoteIdent(column)} IS NULL`];
  if (!after && seek) {
    // From the first row at or beyond the value; ascending, the NULL group follows the values.
    const from = statement((b) => {
      const c = b.column(seek.column);
      return [`${quoteIdent(c.name)} ${op(asc ? '>=' : '<=')} ${b.typed(c, seek.value)}`];
    });
    return sort && asc ? [from, statement(nullGroupOf(sort.column), () => key.map((k) => `${quoteIdent(k.name)} ASC`).join(', '))] : [from];
  }
  if (!after) {
    return [statement(() => [])];
  }
  const keyCols = key.map((k) => quoteIdent(k.name));
  const afterKey = (b: SqlBuilder, cmp: '>' | '<'): string => `${tuple(keyCols)} ${op(cmp)} ${tuple(key.map((k, i) => b.typed(k, after.key[i])))}`;
  if (!sort) {
    return [statement((b) => [afterKey(b, cmp)])];
  }
  // An unknown column is refused by each statement's ORDER BY (SqlBuilder.column).
  const sortCol = quoteIdent(sort.column);
  const keyOrder = (): string => keyCols.map((k) => `${k} ${asc ? 'ASC' : 'DESC'}`).join(', ');
  if (after.sortValue === null || after.sortValue === undefined) {
    const restOfNulls = statement((b) => [`${sortCol} IS NULL`, afterKey(b, cmp)], keyOrder);
    // Descending, the NULL group comes first and every non-NULL value follows it.
    return asc ? [restOfNulls] : [restOfNulls, statement(() => [`${sortCol} IS NOT NULL`])];
  }
  const beyond = statement((b) => {
    const c = b.column(sort.column);
    const sortValue = b.typed(c, after.sortValue);
    return [`${tuple([sortCol, ...keyCols])} ${op(cmp)} ${tuple([sortValue, ...key.map((k, i) => b.typed(k, after.key[i]))])}`];
  });
  return asc ? [beyond, statement(nullGroupOf(sort.column), keyOrder)] : [beyond];
}

/**
 * One statement for the whole current view (sort and filters), for COPY.
 * `neutralizeFormulas`: text cells that a spreadsheet would run as a formula
 * get a leading ' (core/spreadsheetSafe); other types are never changed.
 */
export function exportSql(selection: Selection, placeholder: Placeholder, neutralizeFormulas = false): PageSql {
  const b = new SqlBuilder(selection, placeholder);
  const where = b.filters();
  const select = selection.columns.map((c) => {
    const col = quoteIdent(c.name);
    if (!neutralizeFormulas || !isTextType(c.paramType ?? c.type)) {
      return col;
    }
    return `CASE WHEN ${col} ${op('~')} ${quoteLiteral(FORMULA_START_SQL)} THEN '''' OPERATOR(pg_catalog.||) ${col} ELSE ${col} END AS ${col}`;
  });
  return { text: assemble(select, b, where, b.orderBy(), ''), values: b.values };
}

/** Rows matching the filters: the exact count, or only the planner's estimate through EXPLAIN. */
export function countSql(selection: Selection, estimate: boolean): PageSql {
  const b = new SqlBuilder(selection);
  const where = b.filters();
  const text = [`${estimate ? 'EXPLAIN (FORMAT JSON) SELECT 1' : 'SELECT pg_catalog.count(*)::text AS n'}`, b.from(), where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''].filter(Boolean).join('\n');
  return { text, values: b.values };
}

/** The whole of one cell, found by the row's key (or its position in a view). */
export function wholeValueSql(selection: Selection, column: string, at: Cursor): PageSql {
  const b = new SqlBuilder(selection);
  const c = b.column(column);
  const select = [`${fullValueSql(quoteIdent(c.name), c)} AS v`];
  if (selection.key.length === 0) {
    return { text: assemble(select, b, b.filters(), b.orderBy(), `LIMIT 1 OFFSET ${Math.max(0, Math.floor(at.offset ?? 0))}`), values: b.values };
  }
  const where = [`${tuple(selection.key.map((k) => quoteIdent(k.name)))} ${op('=')} ${tuple(selection.key.map((k, i) => b.typed(k, at.key[i])))}`];
  return { text: [`SELECT ${select[0]}`, b.from(), `WHERE ${where.join(' AND ')}`].join('\n'), values: b.values };
}
