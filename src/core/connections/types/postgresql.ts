import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { z } from 'zod';
import { C } from '../connectionMessages';
import { host, port, text } from '../fieldValues';

/** libpq's sslmode values; "prefer" is libpq's default. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

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

export const postgresql: ConnectionTypeDef<'postgresql'> = { id: 'postgresql', label: 'PostgreSQL', envType: 'POSTGRESQL', fields, schema: fixedFieldsSchema(fields) };
