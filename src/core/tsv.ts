/**
 * Tab-separated text as spreadsheets paste it: a field with a tab, newline or
 * quote is quoted, quotes doubled; NULL is an empty field.
 */
export function tsvField(value: string | null): string {
  if (value === null) {
    return '';
  }
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toTsv(rows: readonly (readonly (string | null)[])[]): string {
  return rows.map((row) => row.map(tsvField).join('\t')).join('\n');
}
