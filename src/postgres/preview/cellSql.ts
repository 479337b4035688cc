/**
 * How each type reaches the grid as text without loss: int8 and numeric stay
 * exact strings, timestamps keep their zone, bytea becomes a hex excerpt,
 * PostGIS geometry becomes WKT. Cells are cut on the server so a 50 MB value
 * never crosses the wire for a preview.
 */
function isBytea(type: string): boolean {
  return type === 'bytea';
}

/**
 * PostGIS's ST_AsText, qualified with the schema its type lives in
 * (format_type names it, as search_path is pinned): PostGIS is not in
 * pg_catalog. Undefined when the type is not PostGIS's.
 */
function spatialAsText(type: string): string | undefined {
  const match = /^("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\.(geometry|geography)\b/.exec(type);
  return match ? `${match[1]}.st_astext` : undefined;
}

/** A cell of the grid: at most `max` + 1 characters (one more says "cut"). */
export function cellSql(column: string, type: string, max: number): string {
  if (isBytea(type)) {
    // Two hex digits per byte, after the two-character "\x" prefix; || (not concat) keeps NULL as NULL.
    const bytes = Math.ceil(max / 2);
    return `'\\x' OPERATOR(pg_catalog.||) pg_catalog.encode(pg_catalog.substring(${column}, 1, ${bytes}), 'hex')`;
  }
  const spatial = spatialAsText(type);
  if (spatial) {
    return `pg_catalog.substr(${spatial}(${column}), 1, ${max + 1})`;
  }
  return `pg_catalog.substr(${column}::text, 1, ${max + 1})`;
}

/** The whole value of a cell, for "open value". */
export function fullValueSql(column: string, type: string): string {
  if (isBytea(type)) {
    return `'\\x' OPERATOR(pg_catalog.||) pg_catalog.encode(${column}, 'hex')`;
  }
  const spatial = spatialAsText(type);
  if (spatial) {
    return `${spatial}(${column})`;
  }
  return `${column}::text`;
}
