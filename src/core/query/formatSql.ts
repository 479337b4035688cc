/**
 * Format Document for SQL: sql-formatter's PostgreSQL dialect, then a check
 * by PostgreSQL's own lexer that only the layout changed. The same tokens
 * in the same order (keywords and unquoted names compared as the server
 * folds them, everything else exactly, comments kept): otherwise nothing is
 * changed and the user is told, rather than a query that reads differently.
 */
import type { FormatOptionsWithLanguage } from 'sql-formatter';
import { scanSql, type ScanToken } from './sqlParser';

type SqlFormatter = typeof import('sql-formatter');

export class FormatRefused extends Error {
  constructor(readonly reason: 'unreadable' | 'changed') {
    super(reason === 'unreadable' ? 'The formatter could not read this SQL' : 'The formatter would have changed more than the layout of this SQL');
    this.name = 'FormatRefused';
  }
}

/** What a token means to the server: keywords and unquoted names fold to lower case. */
function meaning(token: ScanToken): string {
  const folds = token.keywordKind !== 0 || (token.tokenName === 'IDENT' && !token.text.startsWith('"'));
  return `${folds ? 'w' : token.tokenName}:${folds ? token.text.toLowerCase() : token.tokenName.endsWith('COMMENT') ? token.text.replace(/\s+/g, ' ').trim() : token.text}`;
}

/** Whether the server reads `before` and `after` as the same tokens in the same order (the layout aside). */
export function sameMeaning(before: string, after: string): boolean {
  const a = scanSql(before).map(meaning);
  const b = scanSql(after).map(meaning);
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

let formatter: SqlFormatter | undefined;

/** `sql` laid out again, or FormatRefused. Needs the parser loaded (loadSqlParser). */
export function formatSql(sql: string, options: { tabWidth: number; useTabs: boolean }): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  formatter ??= require('sql-formatter') as SqlFormatter;
  const config: FormatOptionsWithLanguage = { language: 'postgresql', tabWidth: options.tabWidth, useTabs: options.useTabs, keywordCase: 'preserve' };
  let formatted: string;
  let same: boolean;
  try {
    formatted = formatter.format(sql, config);
    same = sameMeaning(sql, formatted);
  } catch {
    throw new FormatRefused('unreadable');
  }
  if (!same) {
    throw new FormatRefused('changed');
  }
  return sql.endsWith('\n') && !formatted.endsWith('\n') ? `${formatted}\n` : formatted;
}
