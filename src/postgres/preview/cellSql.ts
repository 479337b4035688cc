/**
 * How each type reaches the grid as text without loss: int8 and numeric stay
 * exact strings, timestamps keep their zone, bytea becomes a hex excerpt,
 * PostGIS geometry becomes WKT. Cells are cut on the server so a 50 MB value
 * never crosses the wire for a preview.
 */
function isBytea(type: string): boolean {
  return type === 'bytea';
}

function isSpatial(type: string): boolean {
  return /^(geometry|geography)\b/.test(type);
}

/** A cell of the grid: at most `max` + 1 characters (one more says "cut"). */
export function cellSql(column: string, type: string, max: number): string {
  if (isBytea(type)) {
    // Two hex digits per byte, after the two-character "\x" prefix.
    const bytes = Math.ceil(max / 2);
    return `'\\x' || encode(substring(${column} FROM 1 FOR ${bytes}), 'hex')`;
  }
  if (isSpatial(type)) {
    return `substr(ST_AsText(${column}), 1, ${max + 1})`;
  }
  return `substr(${column}::text, 1, ${max + 1})`;
}

/** The whole value of a cell, for "open value". */
export function fullValueSql(column: string, type: string): string {
  if (isBytea(type)) {
    return `'\\x' || encode(${column}, 'hex')`;
  }
  if (isSpatial(type)) {
    return `ST_AsText(${column})`;
  }
  return `${column}::text`;
}
