import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { httpUrl, text } from '../fieldValues';

const fields: readonly FieldDef[] = [
  { code: 'url', label: 'URL', required: true, secret: false, input: 'url', placeholder: 'https://iaso.bluesquare.org', value: httpUrl },
  { code: 'username', label: 'User name', required: true, secret: false, input: 'text', value: text },
  { code: 'password', label: 'Password', required: true, secret: true, input: 'password', value: text },
];

export const iaso: ConnectionTypeDef<'iaso'> = { id: 'iaso', label: 'IASO', envType: 'IASO', fields, schema: fixedFieldsSchema(fields) };
