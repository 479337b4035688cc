/**
 * PostgreSQL's own lexer and grammar (libpg-query: the server's scan.l and
 * gram.y compiled to WebAssembly), loaded once on first use. Splitting a
 * script and judging a statement with the real parser means dollar quotes,
 * nested comments, E'' strings and a ';' inside a quoted identifier are
 * read exactly as the server will read them.
 */
import type { ParseResult, ScanToken } from 'libpg-query';

type LibPgQuery = typeof import('libpg-query');

let loaded: Promise<LibPgQuery> | undefined;
let ready: LibPgQuery | undefined;

/** Loads the parser (a few milliseconds, once); the sync calls below need it. */
export function loadSqlParser(): Promise<void> {
  loaded ??= (async () => {
    // Required, not imported: the extension's bundle does not carry it, and windows that run no SQL never load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('libpg-query') as LibPgQuery;
    await lib.loadModule();
    ready = lib;
    return lib;
  })();
  return loaded.then(() => undefined);
}

function parser(): LibPgQuery {
  if (!ready) {
    throw new Error('The SQL parser is not loaded yet (call loadSqlParser first)');
  }
  return ready;
}

/** A syntax error the parser found: its message and where, as a character offset into the text it read. */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}

/** The tokens of `sql`; throws when the text cannot be cut into tokens (an unterminated string or comment). */
export function scanSql(sql: string): ScanToken[] {
  return parser().scanSync(sql).tokens;
}

/** The parse tree of `sql`, or the parser's syntax error. */
export function parseSql(sql: string): ParseResult {
  try {
    return parser().parseSync(sql);
  } catch (err) {
    const details = (err as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    throw new SqlSyntaxError(err instanceof Error ? err.message : String(err), details?.cursorPosition);
  }
}

export type { ScanToken };
