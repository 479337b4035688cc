import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { jsonObject, parseJsonObject, text } from '../fieldValues';
import { literal, pyEnv, rEnv, type TypeSnippets } from '../../notebooks/snippet';

// Google's bucket naming rules, in short: 3 to 63 lower-case letters, digits, _, - and dots.
const bucketName = text.refine((v) => /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(v.trim()), C.gcsBucket);

/** A service account key as Google downloads it: what signing in needs. */
const serviceAccountKey = jsonObject.refine((v) => {
  // zod runs every refinement: text that is not JSON was already refused above.
  const key = parseJsonObject(v);
  return key === undefined || (key.type === 'service_account' && typeof key.client_email === 'string' && typeof key.private_key === 'string' && typeof key.token_uri === 'string');
}, C.gcsKey);

const fields: readonly FieldDef[] = [
  { code: 'bucket_name', label: 'Bucket name', required: true, secret: false, input: 'text', placeholder: 'my-team-data', value: bucketName },
  { code: 'service_account_key', label: 'Service account key (JSON)', required: true, secret: true, input: 'json', help: 'The whole JSON key file of the service account', value: serviceAccountKey },
];


// google.cloud.storage from the service account key held in the variable (never a file on disk).
const IMPORTS = ['import json', 'import os', '', 'from google.cloud import storage', 'from google.oauth2 import service_account'];
const client = (key: string, bucket: string): string[] => [
  `credentials = service_account.Credentials.from_service_account_info(json.loads(${key}))`,
  'gcs = storage.Client(credentials=credentials, project=credentials.project_id)',
  `names = [blob.name for blob in gcs.list_blobs(${bucket}, max_results=100)]`,
  'names',
];

const snippets: TypeSnippets = {
  sdk: (c) => [...IMPORTS, 'from openhexa.sdk import workspace', '', `con = workspace.gcs_connection(${literal(c.identifier)})`, ...client('con.service_account_key', 'con.bucket_name')],
  python: (c) => [...IMPORTS, '', ...client(pyEnv(c.env('service_account_key')), pyEnv(c.env('bucket_name')))],
  r: (c) => [
    '# googleCloudStorageR reads a key file: write the key to a file only you can read.',
    'key_file <- tempfile(fileext = ".json")',
    `writeLines(${rEnv(c.env('service_account_key'))}, key_file)`,
    'Sys.chmod(key_file, "0600")',
    `bucket_name <- ${rEnv(c.env('bucket_name'))}`,
    'key_file',
  ],
};

export const gcs: ConnectionTypeDef<'gcs'> = { id: 'gcs', label: 'Google Cloud Storage', envType: 'GCS', fields, schema: fixedFieldsSchema(fields), snippets };
