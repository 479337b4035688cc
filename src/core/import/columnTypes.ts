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
      if (!INTEGER.test(value) || /^[-+]?0\d/.test(value)) {
        return false;
      }
      const n = BigInt(value);
      return type === 'integer' ? n >= -2147483648n && n <= 2147483647n : n >= -9223372036854775808n && n <= 9223372036854775807n;
    }
    case 'numeric':
      return (decimalComma ? NUMERIC_COMMA : NUMERIC_DOT).test(value) && !/^[-+]?0\d/.test(value.replace(',', '.').split('.')[0] ?? '');
    case 'date': {
      const m = DATE.exec(value);
      return m !== null && realDate(m[1]!, m[2]!, m[3]!);
    }
    case 'timestamp with time zone': {
      const m = TIMESTAMP.exec(value);
      return m !== null && realDate(m[1]!, m[2]!, m[3]!);
    }
    default:
      return true;
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
