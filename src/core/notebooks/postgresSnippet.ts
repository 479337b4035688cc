// PostgreSQL snippets, shared by the workspace database (WORKSPACE_DATABASE_*)
// and PostgreSQL connections (PREFIX_*): the same code over other names.
import { qualifiedName } from '../identifiers';
import { literal, pyEnv, rEnv, type SnippetContext, type TypeSnippets } from './snippet';

/** The variables a snippet reads the login from. */
export interface PostgresEnv {
  readonly host: string;
  readonly port: string;
  readonly dbName: string;
  readonly username: string;
  readonly password: string;
  /** Optional: libpq's sslmode (PostgreSQL connections have one). */
  readonly sslmode?: string;
}

/** The tables and views of the database, for a snippet that is not about one table. */
export const LIST_TABLES_SQL =
  "SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2";

/** A query that reads one table, its identifiers quoted for any name. */
export function tableQuery(table: { readonly schema: string; readonly name: string }, limit = 1000): string {
  return `SELECT * FROM ${qualifiedName(table.schema, table.name)} LIMIT ${limit}`;
}

/**
 * The query as SQLAlchemy's text(): pandas hands a plain string to the
 * driver with an empty parameter set in some versions, where psycopg2 then
 * reads "%" as a placeholder. text() escapes "%" for the driver in every
 * version; its own ":name" binds are escaped as "\:".
 */
export function sqlalchemyText(query: string): string {
  return `text(${literal(query.replace(/:/g, '\\:'))})`;
}

/**
 * The snippets of a PostgreSQL target. `sdk` gives the SDK flavour's lines
 * that define `engine` (the SDK reads the variables itself); the other
 * flavours read `env` here.
 */
export function postgresSnippets(env: (c: SnippetContext) => PostgresEnv, query: (c: SnippetContext) => string, sdk: (c: SnippetContext) => string[]): TypeSnippets {
  return {
    sdk: (c) => [...sdk(c), `df = pd.read_sql(${sqlalchemyText(query(c))}, engine)`, 'df'],
    sqlalchemy: (c) => {
      const e = env(c);
      return [
        'import os',
        '',
        'import pandas as pd',
        'from sqlalchemy import create_engine, text',
        'from sqlalchemy.engine import URL',
        '',
        'engine = create_engine(',
        '    URL.create(',
        '        "postgresql+psycopg2",',
        `        host=${pyEnv(e.host)},`,
        `        port=int(${pyEnv(e.port)}),`,
        `        database=${pyEnv(e.dbName)},`,
        `        username=${pyEnv(e.username)},`,
        `        password=${pyEnv(e.password)},`,
        ...(e.sslmode ? [`        query={"sslmode": os.environ.get(${literal(e.sslmode)}) or "prefer"},`] : []),
        '    )',
        ')',
        `df = pd.read_sql(${sqlalchemyText(query(c))}, engine)`,
        'df',
      ];
    },
    psycopg2: (c) => {
      const e = env(c);
      return [
        'import os',
        '',
        'import psycopg2',
        '',
        'conn = psycopg2.connect(',
        `    host=${pyEnv(e.host)},`,
        `    port=int(${pyEnv(e.port)}),`,
        `    dbname=${pyEnv(e.dbName)},`,
        `    user=${pyEnv(e.username)},`,
        `    password=${pyEnv(e.password)},`,
        ...(e.sslmode ? [`    sslmode=os.environ.get(${literal(e.sslmode)}) or "prefer",`] : []),
        ')',
        'with conn, conn.cursor() as cur:',
        `    cur.execute(${literal(query(c))})`,
        '    columns = [d.name for d in cur.description]',
        '    rows = cur.fetchall()',
        'conn.close()',
        'rows',
      ];
    },
    r: (c) => {
      const e = env(c);
      // RPostgreSQL has no sslmode argument; RPostgres passes it to libpq.
      const sslmode = e.sslmode && c.rDriver === 'RPostgres' ? e.sslmode : undefined;
      return [
        'library(DBI)',
        '',
        'con <- dbConnect(',
        `  ${c.rDriver}::${c.rDriver === 'RPostgres' ? 'Postgres' : 'PostgreSQL'}(),`,
        `  host = ${rEnv(e.host)},`,
        `  port = as.integer(${rEnv(e.port)}),`,
        `  dbname = ${rEnv(e.dbName)},`,
        `  user = ${rEnv(e.username)},`,
        `  password = ${rEnv(e.password)}${sslmode ? ',' : ''}`,
        ...(sslmode ? [`  sslmode = Sys.getenv(${literal(sslmode)}, "prefer")`] : []),
        ')',
        `df <- dbGetQuery(con, ${literal(query(c))})`,
        'df',
      ];
    },
  };
}
