import { createSign } from 'node:crypto';
import { parseJsonObject } from '../core/connections/fieldValues';
import { jsonOf, need, request, RequestFailure, testing, withTimeout } from './http';
import { failed, passed, said, type Tester } from './testOutcome';
import { T } from './testerMessages';

export const GCS_STORAGE_URL = 'https://storage.googleapis.com';
const SCOPE = 'https://www.googleapis.com/auth/devstorage.read_only';

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** The RS256 JWT that a service account exchanges for an access token. */
export function serviceAccountAssertion(clientEmail: string, privateKey: string, tokenUri: string, now: number = Math.floor(Date.now() / 1000)): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iss: clientEmail, scope: SCOPE, aud: tokenUri, iat: now, exp: now + 3600 }));
  let signature: string;
  try {
    signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey, 'base64url');
  } catch (err) {
    throw new RequestFailure(failed(said(T.gcsKeyUnreadable)), err);
  }
  return `${header}.${claims}.${signature}`;
}

/** Reads the key, signs a JWT, exchanges it at the key's own token_uri, then lists one object of the bucket. */
export const testGcs: Tester = (values, context) =>
  testing(async () => {
    const bucket = need(values, 'bucket_name', 'Bucket name').trim();
    const key = parseJsonObject(need(values, 'service_account_key', 'Service account key'));
    if (!key) {
      return failed(said(T.gcsKeyNotJson));
    }
    for (const field of ['client_email', 'private_key', 'token_uri']) {
      if (typeof key[field] !== 'string' || key[field] === '') {
        return failed(said(T.gcsKeyMissing, field));
      }
    }
    const email = key.client_email as string;
    const tokenUri = key.token_uri as string;
    const assertion = serviceAccountAssertion(email, key.private_key as string, tokenUri);
    const signal = withTimeout(context.signal);
    const token = await request(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      signal,
    });
    const granted = jsonOf(token);
    if (token.status !== 200 || typeof granted?.access_token !== 'string') {
      const reason = [granted?.error, granted?.error_description].filter((v): v is string => typeof v === 'string').join(': ') || `HTTP ${token.status}`;
      return failed(said(T.gcsKeyRefused, reason));
    }
    const storage = (context.gcsStorageUrl ?? GCS_STORAGE_URL).replace(/\/+$/, '');
    const list = await request(`${storage}/storage/v1/b/${encodeURIComponent(bucket)}/o?maxResults=1`, {
      headers: { authorization: `Bearer ${granted.access_token}`, accept: 'application/json' },
      signal,
    });
    switch (list.status) {
      case 200:
        return passed(said(T.gcsOk, bucket, email));
      case 401:
        return failed(said(T.gcsTokenRejected));
      case 403:
        return failed(said(T.gcsForbidden, email, bucket));
      case 404:
        return failed(said(T.gcsNoBucket, bucket));
      default:
        return failed(said(T.unexpectedStatus, new URL(storage).host, String(list.status)));
    }
  });
