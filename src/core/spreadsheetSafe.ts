/**
 * OWASP's neutralisation of "CSV injection": a spreadsheet opening an
 * exported or pasted cell that starts with =, +, -, @, a tab or a carriage
 * return runs it as a formula (=HYPERLINK(…) sends data away,
 * +cmd|' /C calc'!A0 ran programs in older Excel). With the option on, such a
 * text cell gets a leading ' so it shows as text. Only text columns: a
 * number, a date or another typed value is never changed (-5 stays -5).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The same test as a PostgreSQL regular expression (for the COPY export). */
export const FORMULA_START_SQL = '^[=+@\\t\\r-]';

/** Whether a column of this type (format_type, or a domain's base type) holds text a spreadsheet could read as a formula. */
export function isTextType(type: string): boolean {
  return /^(text|character varying|character|varchar|char|bpchar|name|citext)(\(\d+\))?$/.test(type.replace(/^.*\./, '').replace(/^"|"$/g, ''));
}

/** A text cell as the option writes it. */
export function neutralized(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}
