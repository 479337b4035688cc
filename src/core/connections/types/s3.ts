import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { httpUrl, text } from '../fieldValues';

// AWS's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
const bucketName = text.refine((v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v.trim()), C.s3Bucket);

const fields: readonly FieldDef[] = [
  { code: 'bucket_name', label: 'Bucket name', required: true, secret: false, input: 'text', placeholder: 'my-team-data', value: bucketName },
  { code: 'access_key_id', label: 'Access key ID', required: false, secret: false, input: 'text', value: text },
  { code: 'access_key_secret', label: 'Secret access key', required: false, secret: true, input: 'password', value: text },
  {
    code: 'endpoint_url',
    label: 'Endpoint URL',
    required: false,
    secret: false,
    input: 'url',
    placeholder: 'https://s3.example.org',
    help: 'Only for S3-compatible stores (MinIO, Ceph…); empty for AWS',
    value: httpUrl,
  },
];

export const s3: ConnectionTypeDef<'s3'> = { id: 's3', label: 'Amazon S3', envType: 'S3', fields, schema: fixedFieldsSchema(fields) };
