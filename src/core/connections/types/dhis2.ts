import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { httpUrl, text } from '../fieldValues';

// The SDK appends /api itself: a URL that already ends with it would call /api/api.
const instanceUrl = httpUrl.refine((v) => !/\/api\/?$/i.test(v.trim()), C.dhis2Api);

const fields: readonly FieldDef[] = [
  { code: 'url', label: 'URL', required: true, secret: false, input: 'url', placeholder: 'https://play.dhis2.org/40', help: 'The instance address, without /api', value: instanceUrl },
  { code: 'username', label: 'User name', required: true, secret: false, input: 'text', value: text },
  { code: 'password', label: 'Password', required: true, secret: true, input: 'password', value: text },
  {
    code: 'personal_access_token',
    label: 'Personal access token',
    required: false,
    secret: true,
    input: 'password',
    placeholder: 'd2pat_…',
    help: 'Optional: used instead of the password where the instance accepts tokens',
    value: text.refine((v) => /^d2pat_\S+$/.test(v.trim()), C.dhis2Token),
  },
];

export const dhis2: ConnectionTypeDef<'dhis2'> = { id: 'dhis2', label: 'DHIS2', envType: 'DHIS2', fields, schema: fixedFieldsSchema(fields) };
