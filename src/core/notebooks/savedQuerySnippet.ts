// A saved query in a notebook: a cell that runs the query's SQL on the
// workspace database through WORKSPACE_DATABASE_URL (the .env that "Write
// Variables to .env" writes, or OpenHEXA's own notebooks).
import { workspaceEnvNames } from '../env/databaseEnvNames';
import { sqlalchemyText } from './postgresSnippet';
import { literal, pyEnv, rEnv, type RDriver, type SnippetFlavour } from './snippet';

export const QUERY_FLAVOURS: readonly SnippetFlavour[] = ['sqlalchemy', 'r'];

/**
 * Another member's query name goes into a comment: nothing in it may end the
 * comment and start code (a line break of any kind, a control character).
 */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').slice(0, 200);
}

/** The cell for a saved query: Python (SQLAlchemy and pandas) or R (DBI). Its SQL is a string literal; its name a comment. */
export function savedQuerySnippet(flavour: SnippetFlavour, rDriver: RDriver, query: { readonly name: string; readonly slug: string; readonly sql: string }): string {
  const url = workspaceEnvNames().url;
  const about = `# The saved query "${commentText(query.name)}" (${query.slug}), as it was when inserted. ${url} comes from .env (OpenHEXA: Write Variables to .env).`;
  const sql = query.sql.trim().replace(/;\s*$/, '');
  if (flavour === 'r') {
    return [
      about,
      'library(DBI)',
      '',
      // libpq reads a connection URI given as dbname.
      `con <- dbConnect(${rDriver}::${rDriver === 'RPostgres' ? 'Postgres' : 'PostgreSQL'}(), dbname = ${rEnv(url)})`,
      `df <- dbGetQuery(con, ${literal(sql)})`,
      'dbDisconnect(con)',
      'df',
    ].join('\n');
  }
  if (flavour !== 'sqlalchemy') {
    throw new Error(`No ${flavour} snippet for a saved query`);
  }
  return [
    about,
    'import os',
    '',
    'import pandas as pd',
    'from sqlalchemy import create_engine, text',
    '',
    `engine = create_engine(${pyEnv(url)})`,
    `df = pd.read_sql(${sqlalchemyText(sql)}, engine)`,
    'df',
  ].join('\n');
}
