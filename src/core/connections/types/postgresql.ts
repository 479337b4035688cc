import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { host, port, text } from '../fieldValues';

const fields: readonly FieldDef[] = [
  { code: 'host', label: 'Host', required: true, secret: false, input: 'text', placeholder: 'db.example.org', value: host },
  { code: 'port', label: 'Port', required: true, secret: false, input: 'port', defaultValue: '5432', value: port },
  { code: 'db_name', label: 'Database', required: true, secret: false, input: 'text', value: text },
  { code: 'username', label: 'User name', required: true, secret: false, input: 'text', value: text },
  { code: 'password', label: 'Password', required: true, secret: true, input: 'password', value: text },
];

export const postgresql: ConnectionTypeDef<'postgresql'> = { id: 'postgresql', label: 'PostgreSQL', envType: 'POSTGRESQL', fields, schema: fixedFieldsSchema(fields) };
