// Snippets for the workspace database itself, and for one of its tables:
// WORKSPACE_DATABASE_*, as OpenHEXA's notebooks get them.
import { fieldEnvName } from '../connections/connectionEnvNames';
import { WORKSPACE_DATABASE_PREFIX } from '../env/databaseEnvNames';
import { LIST_TABLES_SQL, postgresSnippets, tableQuery } from './postgresSnippet';
import { snippetFlavours, writeSnippet, type RDriver, type SnippetContext, type SnippetFlavour } from './snippet';

const snippetsFor = (table?: { readonly schema: string; readonly name: string }) =>
  postgresSnippets(
    (c) => ({ host: c.env('host'), port: c.env('port'), dbName: c.env('db_name'), username: c.env('username'), password: c.env('password') }),
    () => (table ? tableQuery(table) : LIST_TABLES_SQL),
    () => ['import pandas as pd', 'from openhexa.sdk import workspace', 'from sqlalchemy import create_engine, text', '', 'engine = create_engine(workspace.database_url)'],
  );

export const DATABASE_FLAVOURS: readonly SnippetFlavour[] = snippetFlavours(snippetsFor());

/** The workspace database's snippet: its tables listed, or one table read. */
export function databaseSnippet(flavour: SnippetFlavour, rDriver: RDriver, table?: { readonly schema: string; readonly name: string }): string {
  // WORKSPACE_DATABASE_<FIELD> is named like a PostgreSQL connection's PREFIX_<FIELD>.
  const context: SnippetContext = { identifier: '', prefix: WORKSPACE_DATABASE_PREFIX, codes: [], env: (code) => fieldEnvName(WORKSPACE_DATABASE_PREFIX, code), rDriver };
  return writeSnippet(snippetsFor(table), flavour, context);
}
