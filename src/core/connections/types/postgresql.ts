import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { z } from 'zod';
import { SSL_MODES } from '../../tls/sslMode';
import { C } from '../connectionMessages';
import { host, port, text } from '../fieldValues';
import { postgresUrl } from '../../connectionUrl';
import { LIST_TABLES_SQL, postgresSnippets } from '../../notebooks/postgresSnippet';
import { literal, type TypeSnippets } from '../../notebooks/snippet';

const snippets: TypeSnippets = postgresSnippets(
  (c) => ({ host: c.env('host'), port: c.env('port'), dbName: c.env('db_name'), username: c.env('username'), password: c.env('password'), sslmode: c.env('sslmode') }),
  () => LIST_TABLES_SQL,
  (c) => [
    'import pandas as pd',
    'from openhexa.sdk import workspace',
    'from sqlalchemy import create_engine, text',
    'from sqlalchemy.engine import URL',
    '',
    `con = workspace.postgresql_connection(${literal(c.identifier)})`,
    'engine = create_engine(URL.create("postgresql+psycopg2", host=con.host, port=con.port, database=con.database_name, username=con.username, password=con.password))',
  ],
);

/** postgresql://… percent-encoded, with the sslmode unless it is libpq's default (the SDK ignores it; other tools take it). */
function url(v: Readonly<Record<string, string>>): [string, string][] {
  if (!v.host || !v.port || !v.db_name || !v.username) {
    return [];
  }
  const base = postgresUrl({ user: v.username, password: v.password ?? '', host: v.host, port: Number(v.port), database: v.db_name });
  return [['url', v.sslmode && v.sslmode !== 'prefer' ? `${base}?sslmode=${encodeURIComponent(v.sslmode)}` : base]];
}


const fields: readonly FieldDef[] = [
  { code: 'host', label: 'Host', required: true, secret: false, input: 'text', placeholder: 'db.example.org', value: host },
  { code: 'port', label: 'Port', required: true, secret: false, input: 'port', defaultValue: '5432', value: port },
  { code: 'db_name', label: 'Database', required: true, secret: false, input: 'text', value: text },
  { code: 'username', label: 'User name', required: true, secret: false, input: 'text', value: text },
  { code: 'password', label: 'Password', required: true, secret: true, input: 'password', value: text },
  {
    code: 'sslmode',
    label: 'SSL mode',
    required: false,
    secret: false,
    input: 'choice',
    choices: SSL_MODES,
    defaultValue: 'prefer',
    help: 'How the connection uses TLS, as libpq\'s sslmode: "require" encrypts, "verify-full" also checks the certificate and host name',
    value: z.enum(SSL_MODES, { errorMap: () => ({ message: C.sslmode }) }),
  },
];

export const postgresql: ConnectionTypeDef<'postgresql'> = { id: 'postgresql', label: 'PostgreSQL', envType: 'POSTGRESQL', fields, schema: fixedFieldsSchema(fields), derivedEnv: url, derivedEnvCodes: ['url'], snippets };
