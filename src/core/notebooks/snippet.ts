// What a notebook snippet is made of. A snippet reads its connection from
// the environment variables that "Write Variables to .env" puts in the
// notebook's kernel; it never holds a value, secret or not.

/** The notebook languages a snippet is written in. */
export type NotebookLanguage = 'python' | 'r';

/**
 * How a snippet reads: the OpenHEXA SDK (as in OpenHEXA's own notebooks),
 * plain Python (SQLAlchemy with pandas or psycopg2 for PostgreSQL, the
 * service's usual library otherwise), or R.
 */
export const SNIPPET_FLAVOURS = ['sdk', 'sqlalchemy', 'psycopg2', 'python', 'r'] as const;
export type SnippetFlavour = (typeof SNIPPET_FLAVOURS)[number];

export const FLAVOUR_LANGUAGE: Readonly<Record<SnippetFlavour, NotebookLanguage>> = { sdk: 'python', sqlalchemy: 'python', psycopg2: 'python', python: 'python', r: 'r' };

/** R's PostgreSQL driver: RPostgres (current) or RPostgreSQL (what Debian packages). */
export type RDriver = 'RPostgres' | 'RPostgreSQL';
export const R_DRIVERS: readonly RDriver[] = ['RPostgres', 'RPostgreSQL'];

/** What a connection's snippet is written from: its identifier and the codes of its fields, never their values. */
export interface SnippetContext {
  readonly identifier: string;
  /** The variable holding the type (PREFIX). */
  readonly prefix: string;
  /** The codes of the connection's fields, in order (what a custom connection holds). */
  readonly codes: readonly string[];
  /** The variable of a field code: PREFIX_<CODE>. */
  env(code: string): string;
  readonly rDriver: RDriver;
}

/** A connection type's snippets: the lines of each flavour it has (after the comment every snippet starts with). */
export type TypeSnippets = Readonly<Partial<Record<SnippetFlavour, (context: SnippetContext) => string[]>>>;

const ORDER: readonly SnippetFlavour[] = ['sdk', 'sqlalchemy', 'psycopg2', 'python', 'r'];

/** The flavours a type has, in the order they are offered. */
export function snippetFlavours(snippets: TypeSnippets): SnippetFlavour[] {
  return ORDER.filter((f) => snippets[f] !== undefined);
}

/** One flavour's code, under the comment that says where its variables come from. */
export function writeSnippet(snippets: TypeSnippets, flavour: SnippetFlavour, context: SnippetContext): string {
  const lines = snippets[flavour];
  if (!lines) {
    throw new Error(`No ${flavour} snippet for ${context.prefix}`);
  }
  return [sourceComment(`${context.prefix}_*`), ...lines(context)].join('\n');
}

/**
 * A string literal valid in both Python and R: JSON's double-quoted form
 * (\", \\, \n, \t, \uXXXX are the same escapes in both languages).
 */
export function literal(text: string): string {
  return JSON.stringify(text);
}

/** The flavours a target offers in a notebook of `language`. */
export function flavoursIn(language: NotebookLanguage, offered: readonly SnippetFlavour[]): SnippetFlavour[] {
  return offered.filter((f) => FLAVOUR_LANGUAGE[f] === language);
}

/**
 * The flavour to use: the one remembered if this target offers it, else its
 * nearest (the plain-Python choice carries over between PostgreSQL and the
 * other types), else the first offered.
 */
export function pickFlavour(offered: readonly SnippetFlavour[], remembered: SnippetFlavour | undefined): SnippetFlavour | undefined {
  if (remembered && offered.includes(remembered)) {
    return remembered;
  }
  const near: Partial<Record<SnippetFlavour, SnippetFlavour>> = { sqlalchemy: 'python', psycopg2: 'python', python: 'sqlalchemy' };
  const nearest = remembered ? near[remembered] : undefined;
  return nearest && offered.includes(nearest) ? nearest : undefined;
}

/** Python: a required variable (a clear KeyError names it when missing). */
export const pyEnv = (name: string): string => `os.environ[${literal(name)}]`;
/** Python: an optional variable, None when missing or empty. */
export const pyEnvOptional = (name: string): string => `os.environ.get(${literal(name)}) or None`;
/** R: a variable. */
export const rEnv = (name: string): string => `Sys.getenv(${literal(name)})`;

/** The first line of every snippet: where the values come from. */
function sourceComment(variables: string): string {
  return `# Reads ${variables} from the environment: "OpenHEXA: Write Variables to .env" puts them there (restart the kernel after).`;
}
