import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { httpUrl, text } from '../fieldValues';
import { literal, pyEnv, pyEnvOptional, rEnv, type TypeSnippets } from '../../notebooks/snippet';

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


// GET {url}/api/me, the call Test Connection makes: Basic, or the personal access token when one is set.
const snippets: TypeSnippets = {
  sdk: (c) => [
    'import requests',
    'from openhexa.sdk import workspace',
    '',
    `con = workspace.dhis2_connection(${literal(c.identifier)})`,
    'dhis2 = requests.Session()',
    'dhis2.auth = (con.username, con.password)',
    'me = dhis2.get(f"{con.url.rstrip(\'/\')}/api/me", timeout=60)',
    'me.raise_for_status()',
    'me = me.json()',
    'me',
  ],
  python: (c) => [
    'import os',
    '',
    'import requests',
    '',
    `base_url = ${pyEnv(c.env('url'))}.rstrip("/")`,
    'dhis2 = requests.Session()',
    `token = ${pyEnvOptional(c.env('personal_access_token'))}`,
    'if token:',
    '    dhis2.headers["Authorization"] = f"ApiToken {token}"',
    'else:',
    `    dhis2.auth = (${pyEnv(c.env('username'))}, ${pyEnv(c.env('password'))})`,
    'me = dhis2.get(f"{base_url}/api/me", timeout=60)',
    'me.raise_for_status()',
    'me = me.json()',
    'me',
  ],
  r: (c) => [
    'library(httr)',
    '',
    `base_url <- sub("/+$", "", ${rEnv(c.env('url'))})`,
    `token <- ${rEnv(c.env('personal_access_token'))}`,
    'auth <- if (nzchar(token)) add_headers(Authorization = paste("ApiToken", token)) else',
    `  authenticate(${rEnv(c.env('username'))}, ${rEnv(c.env('password'))})`,
    'me <- GET(paste0(base_url, "/api/me"), auth, timeout(60))',
    'stop_for_status(me)',
    'me <- content(me)',
    'me',
  ],
};

export const dhis2: ConnectionTypeDef<'dhis2'> = { id: 'dhis2', label: 'DHIS2', envType: 'DHIS2', fields, schema: fixedFieldsSchema(fields), snippets };
