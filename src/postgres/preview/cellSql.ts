import { quoteIdent } from '../../core/identifiers';
import type { PreviewColumn } from './previewSql';

/**
 * How each type reaches the grid as text without loss: int8 and numeric stay
 * exact strings, timestamps keep their zone, bytea becomes a hex excerpt,
 * PostGIS geometry becomes WKT. Cells are cut on the server so a 50 MB value
 * never crosses the wire for a preview.
 *
 * Text comes from the type's own output function (format's %s), never from
 * a cast: an editor who owns a type (a composite, a domain, an enum) can
 * CREATE CAST from it to text, and `::text` would run that function as
 * whoever previews.
 */
function isBytea(type: string): boolean {
  return type === 'bytea';
}

/** An expression's text by its type's output function; NULL stays NULL (num_nulls, not IS NULL, which is true for a row of NULLs). */
export function asText(expression: string): string {
  return `CASE WHEN pg_catalog.num_nulls(${expression}) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.format('%s', ${expression}) END`;
}

/**
 * PostGIS's ST_AsText, in the schema the extension is installed in, for
 * PostGIS's own geometry and geography only (the column given as that base
 * type, so a look-alike ST_AsText taking an editor's domain is never the
 * better match). Undefined for any other type.
 */
function spatialAsText(column: string, c: PreviewColumn): string | undefined {
  if (!c.spatialSchema) {
    return undefined;
  }
  const base = /geography/.test(c.paramType ?? '') ? 'geography' : 'geometry';
  const schema = quoteIdent(c.spatialSchema);
  return `${schema}.st_astext(${column}::${schema}.${base})`;
}

/** A cell of the grid: at most `max` + 1 characters (one more says "cut"). */
export function cellSql(column: string, c: PreviewColumn, max: number): string {
  if (isBytea(c.type)) {
    // Two hex digits per byte, after the two-character "\x" prefix; || (not concat) keeps NULL as NULL.
    const bytes = Math.ceil(max / 2);
    return `'\\x' OPERATOR(pg_catalog.||) pg_catalog.encode(pg_catalog.substring(${column}, 1, ${bytes}), 'hex')`;
  }
  return `pg_catalog.substr(${spatialAsText(column, c) ?? asText(column)}, 1, ${max + 1})`;
}

/** The whole value of a cell, for "open value". */
export function fullValueSql(column: string, c: PreviewColumn): string {
  if (isBytea(c.type)) {
    return `'\\x' OPERATOR(pg_catalog.||) pg_catalog.encode(${column}, 'hex')`;
  }
  return spatialAsText(column, c) ?? asText(column);
}
