/**
 * A workbook cell's value as the text COPY reads, the way the import reads
 * a CSV field: '' for an empty cell (NULL); numbers as JavaScript writes
 * them back exactly; dates and times as ISO (a date alone when the time is
 * midnight); a formula's cached result; a rich text's or hyperlink's text;
 * an error (`#N/A`) as written, so a numeric column holding one is seen,
 * not silently emptied.
 */
export function cellText(value: unknown, dateFormat = false, date1904 = false): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    // A formula's result keeps the serial number even where its cell is formatted as a date.
    return !Number.isFinite(value) ? '' : dateFormat ? isoDateTime(excelSerialDate(value, date1904)) : String(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return isoDateTime(value);
  }
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) {
      return cell.richText.map((run: unknown) => (typeof run === 'object' && run !== null && typeof (run as { text?: unknown }).text === 'string' ? (run as { text: string }).text : '')).join('');
    }
    if ('formula' in cell || 'sharedFormula' in cell) {
      return cellText(cell.result, dateFormat, date1904);
    }
    if (typeof cell.error === 'string') {
      return cell.error;
    }
    if ('text' in cell) {
      return cellText(cell.text, false, date1904);
    }
  }
  return '';
}

/** Excel's day number (days since 1899-12-30, or 1904-01-01 in the 1904 system) as the wall-clock time it shows. */
function excelSerialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/**
 * A cell's date (a wall-clock time read as UTC) to the second: `2024-01-31`
 * at midnight, else `2024-01-31 08:30:00`. A workbook has no time zone; the
 * server reads a time without one in its own.
 */
function isoDateTime(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    return '';
  }
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
