/**
 * A script cut into the statements the server will see, by PostgreSQL's own
 * lexer (sqlParser.ts): a ';' ends a statement only where the server's
 * lexer sees one, so dollar quotes, nested comments, E'' strings and a ';'
 * in a quoted identifier never cut. Two things the lexer alone does not
 * know, done as psql does them: a CREATE FUNCTION or PROCEDURE with a
 * BEGIN ATOMIC body keeps its inner ';' (BEGIN/CASE open, END closes), and
 * the data lines after COPY … FROM STDIN, up to a line `\.`, belong to that
 * statement rather than being read as SQL.
 */
import { scanSql, type ScanToken } from './sqlParser';

export interface SqlStatement {
  /** The statement as sent: from its first token to before its ';'. */
  readonly text: string;
  /** Where `text` starts and ends in the script (character offsets). */
  readonly start: number;
  readonly end: number;
  /** Where the statement's reach ends: after its ';' and its COPY data, if any (the cursor there still means it). */
  readonly reach: number;
  /** The lines after COPY … FROM STDIN (without the closing `\.`). */
  readonly copyData?: string;
  /** The lexer could not read the rest of the script (an unterminated string or comment): this statement is what remained. */
  readonly unterminated?: boolean;
}

const COMMENTS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** Character offsets of a text's UTF-8 byte offsets (the lexer counts bytes). */
function byteToChar(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) {
    return (byte) => byte;
  }
  const chars: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) {
      chars[byte + b] = i;
    }
    byte += bytes;
    if (code >= 0x10000) {
      i++; // The second half of a surrogate pair.
    }
  }
  return (at) => (at >= byte ? text.length : chars[at]!);
}

const word = (token: ScanToken): string => (token.keywordKind !== 0 || token.tokenName === 'IDENT' ? token.text.toLowerCase() : '');

/** psql's rule: the statement opens with CREATE [OR REPLACE] FUNCTION or PROCEDURE, so BEGIN/CASE … END nest in its body. */
function createsRoutine(words: readonly string[]): boolean {
  const [a, b, c, d] = words;
  return a === 'create' && (b === 'function' || b === 'procedure' || (b === 'or' && c === 'replace' && (d === 'function' || d === 'procedure')));
}

/** COPY … FROM STDIN: data lines follow the statement in the script. */
function copiesFromStdin(words: readonly string[]): boolean {
  if (words[0] !== 'copy') {
    return false;
  }
  const from = words.indexOf('from');
  return from > 0 && words[from + 1] === 'stdin';
}

/** Where the COPY data that starts after `at` ends: the line `\.`, or the script's end. */
function copyDataEnd(sql: string, at: number): { data: string; next: number } {
  const lineEnd = sql.indexOf('\n', at);
  if (lineEnd < 0) {
    return { data: '', next: sql.length };
  }
  const start = lineEnd + 1;
  const terminator = /^\\\.[ \t]*\r?$/m;
  const rest = sql.slice(start);
  const match = terminator.exec(rest);
  if (!match) {
    return { data: rest, next: sql.length };
  }
  const after = start + match.index + match[0].length;
  return { data: rest.slice(0, match.index), next: after < sql.length && sql[after] === '\n' ? after + 1 : after };
}

/**
 * Where the lexer fails somewhere in `text`: the shortest start of it that it
 * reads and that ends with a real ';' (one statement, at most a few),
 * trying each ';' in turn, since a ';' inside the string that does not end
 * is not one. Undefined when no statement ends before the failure.
 */
function readablePrefix(text: string): { tokens: ScanToken[]; end: number } | undefined {
  for (let semicolon = text.indexOf(';'); semicolon >= 0; semicolon = text.indexOf(';', semicolon + 1)) {
    const prefix = text.slice(0, semicolon + 1);
    try {
      const tokens = scanSql(prefix);
      const last = tokens.at(-1);
      if (last?.text === ';' && last.tokenName === 'ASCII_59' && last.end === Buffer.byteLength(prefix)) {
        return { tokens, end: prefix.length };
      }
    } catch {
      // Still inside what the lexer cannot read: try the next ';'.
    }
  }
  return undefined;
}

/** The statements of a script, in order; comments and blank space between them are not statements. */
export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let from = 0;
  while (from < sql.length) {
    const chunk = sql.slice(from);
    let tokens: ScanToken[];
    /** The lexer failed on the chunk (an unterminated string or comment somewhere): it reads up to a ';' that ends a statement, or nothing. */
    let cutAt: number | undefined;
    try {
      tokens = scanSql(chunk);
    } catch {
      const readable = readablePrefix(chunk);
      cutAt = readable?.end ?? 0;
      tokens = readable?.tokens ?? [];
    }
    const at = byteToChar(chunk);
    let first: number | undefined;
    let words: string[] = [];
    let depth = 0;
    let lastEnd = 0;
    let resumeAt: number | undefined;
    for (const token of tokens) {
      if (COMMENTS.has(token.tokenName)) {
        continue;
      }
      const start = at(token.start);
      const end = at(token.end);
      if (token.text === ';' && token.tokenName === 'ASCII_59' && depth === 0) {
        if (first !== undefined) {
          const statement = { text: chunk.slice(first, lastEnd), start: from + first, end: from + lastEnd, reach: from + end };
          if (copiesFromStdin(words)) {
            const { data, next } = copyDataEnd(sql, from + end);
            statements.push({ ...statement, reach: next, copyData: data });
            resumeAt = next;
            break;
          }
          statements.push(statement);
        }
        first = undefined;
        words = [];
        continue;
      }
      first ??= start;
      lastEnd = end;
      const w = word(token);
      if (words.length < 4) {
        words.push(w);
      } else if (w === 'from' || w === 'stdin') {
        words.push(w);
      }
      if (w && createsRoutine(words)) {
        if (w === 'begin' || (w === 'case' && depth > 0)) {
          depth += 1;
        } else if (w === 'end' && depth > 0) {
          depth -= 1;
        }
      }
    }
    if (resumeAt !== undefined) {
      from = resumeAt;
      continue;
    }
    if (cutAt !== undefined && cutAt > 0) {
      from += cutAt;
      continue;
    }
    if (cutAt !== undefined) {
      const rest = chunk.trimStart();
      if (rest) {
        const start = from + chunk.length - rest.length;
        const text = rest.trimEnd();
        statements.push({ text, start, end: start + text.length, reach: sql.length, unterminated: true });
      }
    } else if (first !== undefined) {
      statements.push({ text: chunk.slice(first, lastEnd), start: from + first, end: from + lastEnd, reach: sql.length });
    }
    break;
  }
  return statements;
}

/**
 * The statement a cursor at `offset` means: the one it is in, else the one
 * it follows on the same line (just after its ';'), else the next one.
 */
export function statementAt(sql: string, statements: readonly SqlStatement[], offset: number): SqlStatement | undefined {
  const inside = statements.find((s) => offset >= s.start && offset <= s.reach);
  if (inside) {
    return inside;
  }
  const before = [...statements].reverse().find((s) => s.reach <= offset);
  if (before && !sql.slice(before.reach, offset).includes('\n')) {
    return before;
  }
  return statements.find((s) => s.start >= offset) ?? before;
}
