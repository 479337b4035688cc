import { type ConnectionTypeDef, type FieldDef, fixedFieldsSchema } from '../connectionType';
import { C } from '../connectionMessages';
import { httpUrl, text } from '../fieldValues';
import { literal, pyEnv, pyEnvOptional, rEnv, type SnippetContext, type TypeSnippets } from '../../notebooks/snippet';

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


// boto3 with the endpoint when one is set (S3-compatible stores); lists the bucket's first keys.
const client = (c: SnippetContext, id: string, secret: string, bucket: string): string[] => [
  's3 = boto3.client(',
  '    "s3",',
  `    aws_access_key_id=${id},`,
  `    aws_secret_access_key=${secret},`,
  `    endpoint_url=${pyEnvOptional(c.env('endpoint_url'))},`,
  ')',
  `bucket = ${bucket}`,
  'keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, MaxKeys=100).get("Contents", [])]',
  'keys',
];

const snippets: TypeSnippets = {
  sdk: (c) => [
    'import os',
    '',
    'import boto3',
    'from openhexa.sdk import workspace',
    '',
    `con = workspace.s3_connection(${literal(c.identifier)})`,
    ...client(c, 'con.access_key_id or None', 'con.secret_access_key or None', 'con.bucket_name'),
  ],
  python: (c) => ['import os', '', 'import boto3', '', ...client(c, pyEnvOptional(c.env('access_key_id')), pyEnvOptional(c.env('access_key_secret')), pyEnv(c.env('bucket_name')))],
  r: (c) => [
    '# The settings an S3 client in R (aws.s3, paws) takes.',
    's3 <- list(',
    `  bucket_name = ${rEnv(c.env('bucket_name'))},`,
    `  access_key_id = ${rEnv(c.env('access_key_id'))},`,
    `  secret_access_key = ${rEnv(c.env('access_key_secret'))},`,
    `  endpoint_url = ${rEnv(c.env('endpoint_url'))}`,
    ')',
    'names(s3)',
  ],
};

export const s3: ConnectionTypeDef<'s3'> = { id: 's3', label: 'Amazon S3', envType: 'S3', fields, schema: fixedFieldsSchema(fields), snippets };
