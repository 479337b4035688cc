/**
 * The one way identifiers enter SQL text: double-quoted, embedded quotes
 * doubled. Values never go through here; they are always parameters.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) {
    throw new Error('An SQL identifier cannot be empty');
  }
  if (name.includes('\u0000')) {
    throw new Error('An SQL identifier cannot contain a NUL character');
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** schema.name, each part quoted. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal, for the few statements that take no parameters
 * (ALTER ... SET, CREATE ROLE ... PASSWORD). Everywhere else values are
 * parameters.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new Error('A string literal cannot contain a NUL character');
  }
  return `'${value.replace(/'/g, "''")}'`;
}
