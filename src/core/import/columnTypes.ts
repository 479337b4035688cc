/** The PostgreSQL types an import offers for a column, from the narrowest. */
export const IMPORT_TYPES = ['boolean', 'integer', 'bigint', 'numeric', 'date', 'timestamp with time zone', 'text'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export interface InferredColumn {
  readonly type: ImportType;
  /** An empty value was seen (it becomes NULL). */
  readonly nullable: boolean;
}

const BOOLEAN = /^(true|false|t|f|yes|no)$/i;
const INTEGER = /^[-+]?\d+$/;
const NUMERIC_DOT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const NUMERIC_COMMA = /^[-+]?(\d+(,\d*)?|,\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** An integer's digits within the type's range (BigInt only past 9 or 18 digits, which every shorter value is within). */
function inRange(value: string, type: 'integer' | 'bigint'): boolean {
  const digits = value.length - (value[0] === '-' || value[0] === '+' ? 1 : 0);
  if (digits <= (type === 'integer' ? 9 : 18)) {
    return true;
  }
  const n = BigInt(value);
  return type === 'integer' ? n >= -2147483648n && n <= 2147483647n : n >= -9223372036854775808n && n <= 9223372036854775807n;
}

function realDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** What a value could be, narrowest first; a code with leading zeros ("007") stays text, whatever it looks like. */
function fits(value: string, type: ImportType, decimalComma: boolean): boolean {
  switch (type) {
    case 'boolean':
      return BOOLEAN.test(value);
    case 'integer':
    case 'bigint': {
      return INTEGER.test(value) && !/^[-+]?0\d/.test(value) && inRange(value, type);
    }
    case 'numeric':
      return (decimalComma ? NUMERIC_COMMA : NUMERIC_DOT).test(value) && !/^[-+]?0\d/.test(value.replace(',', '.').split('.')[0] ?? '');
    case 'date': {
      const m = DATE.exec(value);
      return m !== null && realDate(m[1]!, m[2]!, m[3]!);
    }
    case 'timestamp with time zone': {
      // A date alone is midnight (a workbook writes a datetime at midnight so).
      const m = TIMESTAMP.exec(value) ?? DATE.exec(value);
      return m !== null && realDate(m[1]!, m[2]!, m[3]!);
    }
    default:
      return true;
  }
}

const BOOLEAN_INPUT = /^(t|tr|tru|true|f|fa|fal|fals|false|y|ye|yes|n|no|on|of|off|1|0)$/i;
const NUMERIC_SPECIAL = /^([-+]?(inf|infinity)|nan)$/i;

/**
 * Whether the server will read a value as the column's type, as the import
 * writes it (ISO dates and times; numbers with a point, or the file's
 * decimal comma; leading zeros allowed): the rule for "values that do not
 * fit become NULL". Looser than the inference above, which keeps codes like
 * "007" as text; stricter than the server in places (a date written
 * 31/01/2024 does not fit), and then the value becomes NULL, listed.
 */
export function convertible(raw: string, type: ImportType, decimalComma: boolean): boolean {
  const value = raw.trim();
  if (value === '' || type === 'text') {
    return true;
  }
  switch (type) {
    case 'boolean':
      return BOOLEAN_INPUT.test(value);
    case 'integer':
    case 'bigint': {
      return INTEGER.test(value) && inRange(value, type);
    }
    case 'numeric':
      return NUMERIC_SPECIAL.test(value) || (decimalComma ? NUMERIC_COMMA : NUMERIC_DOT).test(value);
    default:
      // The server reads a date from a date and time (the time dropped).
      return fits(value, type, decimalComma) || (type === 'date' && fits(value, 'timestamp with time zone', decimalComma));
  }
}

/** What a type widens to when a value does not fit it: every value seen so far fits the wider type too. */
const WIDER: Readonly<Partial<Record<ImportType, ImportType>>> = { integer: 'bigint', bigint: 'numeric', date: 'timestamp with time zone' };

/**
 * Follows a column's values one by one and keeps the narrowest type they all
 * fit (an empty value fits every type, as NULL): the first value's narrowest
 * type, widened along its own line (integer, bigint, numeric; date,
 * timestamp) while later values need it, else text. Feed it a sample for the
 * panel, then the whole file where a wrong guess would stop the import.
 */
export class ColumnTypeGuess {
  private type: ImportType | undefined;
  private nullable = false;

  constructor(private readonly decimalComma: boolean) {}

  see(raw: string): void {
    const value = raw.trim();
    if (value === '') {
      this.nullable = true;
      return;
    }
    if (this.type === undefined) {
      this.type = IMPORT_TYPES.find((t) => fits(value, t, this.decimalComma)) ?? 'text';
      return;
    }
    let type: ImportType | undefined = this.type;
    while (type !== undefined && !fits(value, type, this.decimalComma)) {
      type = WIDER[type];
    }
    this.type = type ?? 'text';
  }

  /** The column as seen so far; a column with no value at all is text. */
  result(): InferredColumn {
    return { type: this.type ?? 'text', nullable: this.nullable };
  }
}

/** Each column's type from rows of values (the header row left out). */
export function inferColumns(rows: readonly (readonly string[])[], width: number, decimalComma: boolean): InferredColumn[] {
  return Array.from({ length: width }, (_, c) => {
    const guess = new ColumnTypeGuess(decimalComma);
    for (const row of rows) {
      guess.see(row[c] ?? '');
    }
    return guess.result();
  });
}
