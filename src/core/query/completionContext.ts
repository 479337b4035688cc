/**
 * What the cursor asks for in a SQL statement, read with PostgreSQL's own
 * lexer from the statement's text up to the cursor: a member of something
 * (`schema.` or `alias.`), a relation (after FROM, JOIN, INTO, UPDATE,
 * TABLE), or a column of the relations the statement names (with their
 * aliases). And how a name is written so that the server reads it back as
 * that name: bare when it can be, quoted otherwise.
 */
import { scanSql, type ScanToken } from './sqlParser';

export interface RelationRef {
  readonly schema?: string;
  readonly name: string;
  readonly alias?: string;
}

export type CompletionContext =
  | { readonly kind: 'member'; readonly qualifier: string; readonly relations: readonly RelationRef[] }
  | { readonly kind: 'relation' }
  | { readonly kind: 'column'; readonly relations: readonly RelationRef[] };

const RELATION_KEYWORDS = new Set(['from', 'join', 'into', 'update', 'table']);
const CLAUSE_KEYWORDS = new Set(['where', 'on', 'using', 'group', 'order', 'having', 'limit', 'offset', 'set', 'values', 'returning', 'window', 'union', 'except', 'intersect', 'select', 'and', 'or', 'by', 'fetch', 'for']);

/** A name as the server reads a token: unquoted folds to lower case, "quoted" is exact. */
function nameOf(token: ScanToken): string | undefined {
  if (token.tokenName === 'IDENT') {
    return token.text.startsWith('"') ? token.text.slice(1, -1).replace(/""/g, '"') : token.text.toLowerCase();
  }
  // An unreserved keyword is a valid name too (a table called "name", a column "type").
  return token.keywordKind === 1 ? token.text.toLowerCase() : undefined;
}

const isWord = (token: ScanToken | undefined, word: string): boolean => token !== undefined && token.keywordKind !== 0 && token.text.toLowerCase() === word;

/** The relations a statement names after FROM, JOIN, UPDATE, INTO, with their aliases. */
export function relationsIn(tokens: readonly ScanToken[]): RelationRef[] {
  const found: RelationRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!(token.keywordKind !== 0 && RELATION_KEYWORDS.has(token.text.toLowerCase()))) {
      continue;
    }
    // A list after FROM: a, b AS x, s.c y
    let j = i + 1;
    for (;;) {
      const first = tokens[j] && nameOf(tokens[j]!);
      if (!first) {
        break;
      }
      let schema: string | undefined;
      let name = first;
      j += 1;
      if (tokens[j]?.text === '.' && tokens[j + 1] && nameOf(tokens[j + 1]!)) {
        schema = first;
        name = nameOf(tokens[j + 1]!)!;
        j += 2;
      }
      let alias: string | undefined;
      if (isWord(tokens[j], 'as')) {
        j += 1;
      }
      const maybeAlias = tokens[j];
      if (maybeAlias && nameOf(maybeAlias) && !CLAUSE_KEYWORDS.has(maybeAlias.text.toLowerCase()) && !RELATION_KEYWORDS.has(maybeAlias.text.toLowerCase())) {
        alias = nameOf(maybeAlias);
        j += 1;
      }
      found.push({ ...(schema ? { schema } : {}), name, ...(alias ? { alias } : {}) });
      if (tokens[j]?.text !== ',') {
        break;
      }
      j += 1;
    }
  }
  return found;
}

/** What to offer at `offset` in `statement` (the statement's own text, the cursor's offset in it). */
export function completionContext(statement: string, offset: number): CompletionContext {
  const before = statement.slice(0, offset);
  let tokens: ScanToken[];
  let all: ScanToken[];
  try {
    tokens = scanSql(before).filter((t) => !t.tokenName.endsWith('COMMENT'));
  } catch {
    // Inside an unterminated string or comment: nothing sensible to offer but columns.
    return { kind: 'column', relations: [] };
  }
  try {
    all = scanSql(statement).filter((t) => !t.tokenName.endsWith('COMMENT'));
  } catch {
    all = tokens;
  }
  const relations = relationsIn(all);
  // The word being typed is not part of the context.
  const typed = tokens.at(-1);
  if (typed && typed.end === Buffer.byteLength(before) && nameOf(typed) !== undefined) {
    tokens.pop();
  }
  const last = tokens.at(-1);
  if (last?.text === '.') {
    const qualifier = tokens.at(-2) && nameOf(tokens.at(-2)!);
    if (qualifier) {
      return { kind: 'member', qualifier, relations };
    }
  }
  if (last && last.keywordKind !== 0 && RELATION_KEYWORDS.has(last.text.toLowerCase())) {
    return { kind: 'relation' };
  }
  // After "FROM a," another relation.
  if (last?.text === ',') {
    for (let i = tokens.length - 2; i >= 0; i--) {
      const word = tokens[i]!.keywordKind !== 0 ? tokens[i]!.text.toLowerCase() : '';
      if (RELATION_KEYWORDS.has(word)) {
        return { kind: 'relation' };
      }
      if (CLAUSE_KEYWORDS.has(word)) {
        break;
      }
    }
  }
  return { kind: 'column', relations };
}

/** `name` as written in SQL: bare when the server would read it back unchanged, else double-quoted. */
export function sqlName(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name)) {
    try {
      const [token, ...rest] = scanSql(name);
      // A reserved word (or a column-name keyword such as "between") must be quoted; an unreserved one reads back as itself.
      if (token && rest.length === 0 && (token.keywordKind === 0 || token.keywordKind === 1)) {
        return name;
      }
    } catch {
      // Fall through to quoting.
    }
  }
  return `"${name.replace(/"/g, '""')}"`;
}
