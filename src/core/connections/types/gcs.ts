import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { jsonObject, parseJsonObject, text } from '../fieldValues';

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

export const gcs: ConnectionTypeDef<'gcs'> = { id: 'gcs', label: 'Google Cloud Storage', envType: 'GCS', fields, schema: fixedFieldsSchema(fields) };
