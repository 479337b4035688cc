import { baseUrl, need, request, testing, withTimeout, type HttpAnswer } from './http';
import { signV4, type AwsKey } from './sigv4';
import { failed, passed, said, type Tester } from './testOutcome';
import { T } from './testerMessages';

const DEFAULT_REGION = 'us-east-1';

/** Where HeadBucket goes: the custom endpoint (path style), or AWS (virtual host, path style for names with dots, which break TLS host names). */
function bucketUrl(bucket: string, region: string, endpoint: string): URL {
  if (endpoint !== '') {
    return new URL(`${baseUrl(endpoint)}/${encodeURIComponent(bucket)}`);
  }
  const host = region === DEFAULT_REGION ? 's3.amazonaws.com' : `s3.${region}.amazonaws.com`;
  return bucket.includes('.') ? new URL(`https://${host}/${bucket}`) : new URL(`https://${bucket}.${host}/`);
}

/** HeadBucket, signed with SigV4 when there is a key, following S3's x-amz-bucket-region to the right region once. */
export const testS3: Tester = (values, context) =>
  testing(async () => {
    const bucket = need(values, 'bucket_name', 'Bucket name').trim();
    const id = values.access_key_id?.trim() ?? '';
    const secret = values.access_key_secret ?? '';
    if ((id === '') !== (secret === '')) {
      return failed(said(T.s3HalfKey));
    }
    const key: AwsKey | undefined = id === '' ? undefined : { accessKeyId: id, secretAccessKey: secret };
    const endpoint = values.endpoint_url?.trim() ?? '';
    const signal = withTimeout(context.signal);
    const head = async (region: string): Promise<HttpAnswer> => {
      const url = bucketUrl(bucket, region, endpoint);
      return request(url.toString(), { method: 'HEAD', headers: key ? signV4('HEAD', url, region, 's3', key) : {}, signal });
    };
    let region = DEFAULT_REGION;
    let answer = await head(region);
    const told = answer.headers['x-amz-bucket-region'];
    if ([301, 307, 400].includes(answer.status) && told && told !== region) {
      region = told;
      answer = await head(region);
    }
    const where = answer.headers['x-amz-bucket-region'] ?? region;
    switch (answer.status) {
      case 200:
        return passed(said(key ? T.s3Ok : T.s3OkPublic, bucket, where));
      case 403:
        return failed(said(key ? T.s3Forbidden : T.s3ForbiddenPublic, bucket));
      case 404:
        return failed(said(T.s3NoBucket, bucket));
      default:
        return failed(said(T.unexpectedStatus, bucketUrl(bucket, region, endpoint).host, String(answer.status)));
    }
  });
