/**
 * What "Test connection" says, in English; each is its own key in
 * l10n/bundle.l10n.*.json, with {0}, {1} filled by the VS Code layer
 * through l10n.t. A unit test checks each has a French translation.
 */
export const T = {
  cancelled: 'Test cancelled',
  timedOut: 'No answer from {0} within 10 seconds: check the address, and any proxy, firewall or VPN in between',
  unreachable: 'No server answers at {0}: check the address and that the service is running',
  refused: '{0} refused the connection: check the address and the port',
  certificate: 'The certificate of {0} could not be verified ({1}): check the address, or the proxy that presents it',
  badUrl: 'The address {0} is not an http:// or https:// URL',
  missingField: 'Fill in "{0}" first',
  unexpectedStatus: '{0} answered with HTTP {1}, which this test does not expect',
  unexpected: 'The test failed unexpectedly: {0}',
  postgresOk: 'Connected: PostgreSQL {0}, database {1} as {2}',
  postgresSslmode: 'The SSL mode "{0}" is not one of libpq\'s (disable, allow, prefer, require, verify-ca, verify-full): libpq refuses it, so the test does not connect',
  dhis2Ok: 'Signed in to DHIS2 as {0}',
  dhis2OkToken: 'Signed in to DHIS2 as {0}, with the password and with the personal access token',
  dhis2Refused: 'DHIS2 refused the user name or password',
  dhis2TokenRefused: 'DHIS2 refused the personal access token: it may be expired or revoked, or its allowed IPs or methods exclude this computer',
  dhis2Locked: 'DHIS2 says the account is locked, after too many failed logins: wait, or have it unlocked in DHIS2\'s Users app',
  dhis2NotApi: 'This address is not a DHIS2 API: {0} answered with a login page or a redirect. Give the instance address, without /api or /dhis-web-… at the end',
  dhis2NotFound: 'No DHIS2 API at this address ({0} answered 404): give the instance address, without /api at the end',
  iasoOk: 'Signed in to IASO as {0}',
  iasoRefused: 'IASO refused the user name or password ("No active account found with the given credentials")',
  iasoNoPasswordLogin: 'This IASO server does not take password logins ({0} does not exist): ask its administrator for an account that can sign in with a password',
  iasoNotIaso: 'This address does not look like an IASO server: {0} answered with HTTP {1}',
  s3Ok: 'Bucket {0} is reachable (region {1})',
  s3OkPublic: 'Bucket {0} is reachable without a key (public), region {1}',
  s3Forbidden: 'S3 refused access to bucket {0} (403): check the access key ID and secret, and that the key may list this bucket (s3:ListBucket)',
  s3ForbiddenPublic: 'Bucket {0} is not public (403): give an access key ID and secret',
  s3NoBucket: 'There is no bucket named {0} (404): check the name, and the endpoint URL for S3-compatible stores',
  s3HalfKey: 'Give both the access key ID and the secret access key, or neither for a public bucket',
  gcsKeyNotJson: 'The service account key is not JSON: paste the whole key file, as downloaded from Google Cloud',
  gcsKeyMissing: 'The service account key has no "{0}": paste the whole key file, as downloaded from Google Cloud',
  gcsKeyUnreadable: 'The private_key in the service account key is not a readable PEM key: download a new key',
  gcsKeyRefused: 'Google refused the service account key ({0}): it may be deleted or disabled; download a new key',
  gcsOk: 'Bucket {0} is readable by {1}',
  gcsNoBucket: 'There is no bucket named {0} (404)',
  gcsForbidden: '{0} may not list the objects of bucket {1} (403): grant it the Storage Object Viewer role on the bucket',
  gcsTokenRejected: 'Google Cloud Storage rejected the access token (401): check the key\'s project and that it is enabled',
} as const;

export type TesterMessage = (typeof T)[keyof typeof T];
