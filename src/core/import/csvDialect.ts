import { parse } from 'csv-parse/sync';

/** How a delimited text file is written. */
export interface CsvDialect {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly quote: '"';
  /** The first row names the columns. */
  readonly header: boolean;
  /** Numbers are written 1,5 (the delimiter is then not a comma). */
  readonly decimalComma: boolean;
}

const DELIMITERS: readonly CsvDialect['delimiter'][] = [',', ';', '\t', '|'];

/** The sample's rows with this delimiter, or undefined when it does not parse (an unterminated quote at the sample's end is cut off first). */
function rowsWith(sample: string, delimiter: string): string[][] | undefined {
  try {
    return parse(sample, { delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
  } catch {
    return undefined;
  }
}

/** The sample without its last line, which a read of the file's first bytes may have cut. */
function wholeLines(sample: string): string {
  const end = sample.lastIndexOf('\n');
  return end > 0 ? sample.slice(0, end + 1) : sample;
}

const NUMBER = /^[-+]?\d+([.,]\d+)?$/;

/** A first row of names: none a number, each given once (an unnamed column is named by its place; the panel lets the user say otherwise). */
export function looksLikeHeader(first: readonly string[]): boolean {
  const named = first.map((c) => c.trim()).filter((c) => c !== '');
  return named.length > 0 && named.every((cell) => !NUMBER.test(cell)) && new Set(named.map((c) => c.toLowerCase())).size === named.length;
}

/**
 * The dialect of a file from its first bytes: the delimiter that cuts the
 * most rows into the same number of fields (more than one), a header when
 * the first row holds only names and the others hold some numbers or are
 * not all distinct from it, and decimal commas when numbers are written so
 * and the delimiter is not a comma.
 */
export function sniffDialect(text: string): CsvDialect {
  const sample = wholeLines(text);
  let best: { delimiter: CsvDialect['delimiter']; rows: string[][]; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const rows = rowsWith(sample, delimiter);
    if (!rows || rows.length === 0) {
      continue;
    }
    const width = rows[0]!.length;
    if (width < 2) {
      continue;
    }
    const same = rows.filter((r) => r.length === width).length / rows.length;
    const score = same * 1000 + width;
    if (!best || score > best.score) {
      best = { delimiter, rows, score };
    }
  }
  const delimiter = best?.delimiter ?? ',';
  const rows = best?.rows ?? rowsWith(sample, ',') ?? [];
  const [first, ...rest] = rows;
  const header = looksLikeHeader(first ?? []);
  const values = rest.flat().map((v) => v.trim());
  const decimalComma = delimiter !== ',' && values.some((v) => /^[-+]?\d+,\d+$/.test(v)) && !values.some((v) => /^[-+]?\d+\.\d+$/.test(v));
  return { delimiter, quote: '"', header, decimalComma };
}
