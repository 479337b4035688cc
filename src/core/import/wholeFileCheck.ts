import { ColumnTypeGuess, convertible, IMPORT_TYPES, type ImportType } from './columnTypes';

/** Where a column first holds a value a type cannot read, or an empty value. */
export interface FirstSeen {
  readonly line: number;
  readonly value: string;
}

/** One column over the whole file: the type the whole file proposes, and the first value each type cannot read. */
export interface CheckedColumn {
  readonly type: ImportType;
  readonly misfits: Partial<Record<ImportType, FirstSeen>>;
  readonly firstEmpty: FirstSeen | undefined;
}

const CHECKED: readonly ImportType[] = IMPORT_TYPES.filter((t) => t !== 'text');

/**
 * Follows every row of a file (after the panel's sample) to say, per
 * column, the type the whole file proposes and where each type would stop
 * the import: a type is no longer checked once a value misfits it, so the
 * pass does less as it learns.
 */
export class WholeFileCheck {
  private readonly guesses: ColumnTypeGuess[];
  private readonly misfits: Partial<Record<ImportType, FirstSeen>>[];
  private readonly open: ImportType[][];
  private readonly empties: (FirstSeen | undefined)[];
  rows = 0;

  constructor(
    private readonly width: number,
    private readonly decimalComma: boolean,
  ) {
    this.guesses = Array.from({ length: width }, () => new ColumnTypeGuess(decimalComma));
    this.misfits = Array.from({ length: width }, () => ({}));
    this.open = Array.from({ length: width }, () => [...CHECKED]);
    this.empties = Array.from({ length: width }, () => undefined);
  }

  see(values: readonly string[], line: number): void {
    this.rows++;
    for (let c = 0; c < this.width; c++) {
      const value = values[c] ?? '';
      this.guesses[c]!.see(value);
      if (value.trim() === '') {
        this.empties[c] ??= { line, value };
        continue;
      }
      const open = this.open[c]!;
      for (let i = open.length - 1; i >= 0; i--) {
        const type = open[i]!;
        if (!convertible(value, type, this.decimalComma)) {
          this.misfits[c]![type] = { line, value: value.length > 80 ? `${value.slice(0, 80)}…` : value };
          open.splice(i, 1);
        }
      }
    }
  }

  result(): CheckedColumn[] {
    return this.guesses.map((g, c) => ({ type: g.result().type, misfits: this.misfits[c]!, firstEmpty: this.empties[c] }));
  }
}
