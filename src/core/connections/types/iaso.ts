import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { httpUrl, text } from '../fieldValues';
import { literal, pyEnv, rEnv, type TypeSnippets } from '../../notebooks/snippet';

const fields: readonly FieldDef[] = [
  { code: 'url', label: 'URL', required: true, secret: false, input: 'url', placeholder: 'https://iaso.bluesquare.org', value: httpUrl },
  { code: 'username', label: 'User name', required: true, secret: false, input: 'text', value: text },
  { code: 'password', label: 'Password', required: true, secret: true, input: 'password', value: text },
];


// IASO's token first (POST {url}/api/token/), then the bearer token, as Test Connection does.
const python = (url: string, username: string, password: string): string[] => [
  `base_url = ${url}.rstrip("/")`,
  `token = requests.post(f"{base_url}/api/token/", json={"username": ${username}, "password": ${password}}, timeout=60)`,
  'token.raise_for_status()',
  'iaso = requests.Session()',
  'iaso.headers["Authorization"] = f"Bearer {token.json()[\'access\']}"',
  'me = iaso.get(f"{base_url}/api/profiles/me/", timeout=60)',
  'me.raise_for_status()',
  'me = me.json()',
  'me',
];

const snippets: TypeSnippets = {
  sdk: (c) => ['import requests', 'from openhexa.sdk import workspace', '', `con = workspace.iaso_connection(${literal(c.identifier)})`, ...python('con.url', 'con.username', 'con.password')],
  python: (c) => ['import os', '', 'import requests', '', ...python(pyEnv(c.env('url')), pyEnv(c.env('username')), pyEnv(c.env('password')))],
  r: (c) => [
    'library(httr)',
    '',
    `base_url <- sub("/+$", "", ${rEnv(c.env('url'))})`,
    `token <- POST(paste0(base_url, "/api/token/"), body = list(username = ${rEnv(c.env('username'))}, password = ${rEnv(c.env('password'))}), encode = "json", timeout(60))`,
    'stop_for_status(token)',
    'auth <- add_headers(Authorization = paste("Bearer", content(token)$access))',
    'me <- GET(paste0(base_url, "/api/profiles/me/"), auth, timeout(60))',
    'stop_for_status(me)',
    'me <- content(me)',
    'me',
  ],
};

export const iaso: ConnectionTypeDef<'iaso'> = { id: 'iaso', label: 'IASO', envType: 'IASO', fields, schema: fixedFieldsSchema(fields), snippets };
