// "Test connection" against real servers on this machine: the embedded
// PostgreSQL, moto_server (real SigV4 and IAM checks), IASO's own token view
// on Debian's Django, and loopback doubles of DHIS2 and Google Cloud Storage
// that follow their documented behaviour. Each failure's message is checked.
import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import { T } from '../../src/testers/testerMessages';
import { TESTERS } from '../../src/testers';
import type { TestOutcome } from '../../src/testers/testOutcome';
import { DHIS2_EXPIRED_TOKEN, DHIS2_LOCKED, DHIS2_TOKEN, DHIS2_USER, startDhis2Double } from '../fixtures/services/dhis2Double';
import { GCS_BUCKET, GCS_EMAIL, GCS_LOCKED_BUCKET, startGcsDouble, type GcsDouble } from '../fixtures/services/gcsDouble';
import { IASO_USER, startIaso } from '../fixtures/services/iaso';
import { serveLoopback, type Loopback } from '../fixtures/services/loopback';
import { startMoto, type Moto } from '../fixtures/services/moto';
import type { Spawned } from '../fixtures/services/spawned';
import { testServer } from './setup';
import { unique } from './workspaceWorld';

const run = (tester: keyof typeof TESTERS, values: Record<string, string>, extra: { gcsStorageUrl?: string; signal?: AbortSignal } = {}): Promise<TestOutcome> =>
  TESTERS[tester](values, { signal: extra.signal ?? new AbortController().signal, gcsStorageUrl: extra.gcsStorageUrl });

/** The outcome as [ok, message with its values filled in]. */
function told(outcome: TestOutcome): [boolean, string] {
  return [outcome.ok, outcome.said.args.reduce<string>((text, arg, i) => text.replace(`{${i}}`, arg), outcome.said.text)];
}

describe('Test connection, against real servers', function () {
  this.timeout(120_000);

  describe('PostgreSQL: connect with the sslmode, SELECT', () => {
    let values: Record<string, string>;

    before(async () => {
      const user = unique('analyst');
      const admin = await testServer().connect();
      await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD 'Pg-pw-1'`);
      await admin.end();
      values = { host: '127.0.0.1', port: String(testServer().port), db_name: 'postgres', username: user, password: 'Pg-pw-1', sslmode: 'prefer' };
    });

    it('reports the server version, database and login', async () => {
      const [ok, message] = told(await run('postgresql', values));
      assert.equal(ok, true, message);
      assert.match(message, new RegExp(`^Connected: PostgreSQL ${testServer().version.split(' ')[0]!.replace(/\./g, '\\.')}.*, database postgres as ${values.username}$`));
    });

    it('a wrong password, sslmode=require against a server without TLS, a closed port: the connect form’s diagnosis', async () => {
      assert.deepEqual(told(await run('postgresql', { ...values, password: 'wrong' })), [false, M.authFailed]);
      assert.deepEqual(told(await run('postgresql', { ...values, sslmode: 'require' })), [false, M.tlsUnsupported]);
      assert.deepEqual(told(await run('postgresql', { ...values, port: '1' })), [false, M.serverUnreachable]);
    });

    it('an sslmode libpq does not know is refused before connecting, never read as prefer (which passed over plain TCP)', async () => {
      for (const sslmode of ['VERIFY-FULL', 'verify_full', 'on']) {
        assert.deepEqual(told(await run('postgresql', { ...values, sslmode })), [false, T.postgresSslmode.replace('{0}', sslmode)]);
      }
    });

    it('a wrong password is not in the detail', async () => {
      const outcome = await run('postgresql', { ...values, password: 'Hunter2-secret' });
      assert.ok(!outcome.ok && !(outcome.detail ?? '').includes('Hunter2-secret'));
    });

    it('a Cancel before it connects ends it with "Test cancelled"', async () => {
      const cancel = new AbortController();
      cancel.abort();
      assert.deepEqual(told(await run('postgresql', values, { signal: cancel.signal })), [false, T.cancelled]);
    });
  });

  describe('DHIS2: GET /api/me (a loopback double of DHIS2)', () => {
    let dhis2: Loopback;
    before(async () => (dhis2 = await startDhis2Double()));
    after(() => dhis2?.close());
    const base = (): Record<string, string> => ({ url: dhis2.url, username: DHIS2_USER.username, password: DHIS2_USER.password });

    it('signs in with the password, and with the personal access token when there is one', async () => {
      assert.deepEqual(told(await run('dhis2', base())), [true, `Signed in to DHIS2 as ${DHIS2_USER.name} (admin)`]);
      assert.deepEqual(told(await run('dhis2', { ...base(), url: `${dhis2.url}/` })), [true, `Signed in to DHIS2 as ${DHIS2_USER.name} (admin)`]);
      assert.deepEqual(told(await run('dhis2', { ...base(), personal_access_token: DHIS2_TOKEN })), [
        true,
        `Signed in to DHIS2 as ${DHIS2_USER.name} (admin), with the password and with the personal access token`,
      ]);
    });

    it('a wrong password, a locked account and an expired token are each said as such', async () => {
      assert.deepEqual(told(await run('dhis2', { ...base(), password: 'nope' })), [false, T.dhis2Refused]);
      assert.deepEqual(told(await run('dhis2', { ...base(), ...DHIS2_LOCKED })), [false, T.dhis2Locked]);
      const expired = await run('dhis2', { ...base(), personal_access_token: DHIS2_EXPIRED_TOKEN });
      assert.deepEqual(told(expired), [false, T.dhis2TokenRefused]);
      assert.equal(!expired.ok && expired.detail, 'The API token has expired.');
    });

    it('a web app address (login page) or an /api suffix: "not a DHIS2 API", saying what to give', async () => {
      const [ok, message] = told(await run('dhis2', { ...base(), url: `${dhis2.url}/dhis-web-dashboard` }));
      assert.equal(ok, false);
      assert.match(message, /^This address is not a DHIS2 API: .*\/dhis-web-dashboard\/api\/me.* answered with a login page or a redirect\. Give the instance address, without \/api or \/dhis-web-…/);
      assert.deepEqual(told(await run('dhis2', { ...base(), url: `${dhis2.url}/api` })), [
        false,
        `No DHIS2 API at this address (${dhis2.url}/api/api/me?fields=name,username,displayName answered 404): give the instance address, without /api at the end`,
      ]);
    });

    it('no server there', async () => {
      const [ok, message] = told(await run('dhis2', { ...base(), url: 'http://127.0.0.1:1' }));
      assert.deepEqual([ok, message], [false, '127.0.0.1:1 refused the connection: check the address and the port']);
    });
  });

  describe("IASO: simplejwt's token view, then profiles/me (Debian's Django)", () => {
    let iaso: Spawned;
    before(async () => (iaso = await startIaso()));
    after(() => iaso?.stop());

    it('signs in and names the user and account', async () => {
      assert.deepEqual(told(await run('iaso', { url: iaso.url, ...IASO_USER })), [true, 'Signed in to IASO as ana (Ministère de la Santé)']);
    });

    it('wrong credentials (401) and an inactive account say so, with IASO’s words', async () => {
      const wrong = await run('iaso', { url: iaso.url, username: 'ana', password: 'nope' });
      assert.deepEqual(told(wrong), [false, T.iasoRefused]);
      assert.equal(!wrong.ok && wrong.detail, 'No active account found with the given credentials');
      assert.deepEqual(told(await run('iaso', { url: iaso.url, username: 'gone', password: 'whatever-1' })), [false, T.iasoRefused]);
    });

    it('no token endpoint (password logins disabled, 404) is said apart', async () => {
      assert.deepEqual(told(await run('iaso', { url: `${iaso.url}/nopassword`, ...IASO_USER })), [
        false,
        `This IASO server does not take password logins (${iaso.url}/nopassword/api/token/ does not exist): ask its administrator for an account that can sign in with a password`,
      ]);
    });
  });

  describe('S3: HeadBucket signed with SigV4 (moto_server, which checks signatures and IAM)', () => {
    let moto: Moto;
    before(async () => (moto = await startMoto()));
    after(() => moto?.stop());
    const values = (over: Record<string, string> = {}): Record<string, string> => ({
      bucket_name: 'health-data',
      access_key_id: moto.key.id,
      access_key_secret: moto.key.secret,
      endpoint_url: moto.url,
      ...over,
    });

    it('the right key reaches the bucket, and a bucket in another region is reported in its region', async () => {
      assert.deepEqual(told(await run('s3', values())), [true, 'Bucket health-data is reachable (region us-east-1)']);
      assert.deepEqual(told(await run('s3', values({ bucket_name: 'eu-archive' }))), [true, 'Bucket eu-archive is reachable (region eu-west-1)']);
    });

    it('a wrong secret is 403, a missing bucket 404, each said apart', async () => {
      assert.deepEqual(told(await run('s3', values({ access_key_secret: `${moto.key.secret.slice(0, -1)}x` }))), [
        false,
        'S3 refused access to bucket health-data (403): check the access key ID and secret, and that the key may list this bucket (s3:ListBucket)',
      ]);
      assert.deepEqual(told(await run('s3', values({ bucket_name: 'no-such-bucket' }))), [
        false,
        'There is no bucket named no-such-bucket (404): check the name, and the endpoint URL for S3-compatible stores',
      ]);
    });

    it('half a key is refused, saying to give both or neither', async () => {
      assert.deepEqual(told(await run('s3', values({ access_key_secret: '' }))), [false, T.s3HalfKey]);
      assert.deepEqual(told(await run('s3', values({ access_key_id: '' }))), [false, T.s3HalfKey]);
    });

    it('no key at all asks anonymously, as for a public bucket, and a 403 then asks for a key', async () => {
      // moto answers unsigned requests with 500 once it checks signatures, so a loopback stand-in answers as S3 does for a private bucket.
      const seen: (string | undefined)[] = [];
      const s3 = await serveLoopback((req, _body, res) => {
        seen.push(req.headers.authorization);
        res.writeHead(req.url === '/open-data' ? 200 : 403, { 'x-amz-bucket-region': 'af-south-1' });
        res.end();
      });
      try {
        assert.deepEqual(told(await run('s3', { bucket_name: 'open-data', endpoint_url: s3.url })), [true, 'Bucket open-data is reachable without a key (public), region af-south-1']);
        assert.deepEqual(told(await run('s3', { bucket_name: 'health-data', endpoint_url: s3.url })), [false, 'Bucket health-data is not public (403): give an access key ID and secret']);
        assert.deepEqual(seen, [undefined, undefined]);
      } finally {
        await s3.close();
      }
    });
  });

  describe('GCS: an RS256 JWT exchanged at the key’s token_uri, then one object listed (a loopback double of Google)', () => {
    let gcs: GcsDouble;
    before(async () => (gcs = await startGcsDouble()));
    after(() => gcs?.close());
    const test = (over: Record<string, string> = {}): Promise<TestOutcome> =>
      run('gcs', { bucket_name: GCS_BUCKET, service_account_key: gcs.keyJson(), ...over }, { gcsStorageUrl: gcs.url });

    it('lists the bucket with the key', async () => {
      assert.deepEqual(told(await test()), [true, `Bucket ${GCS_BUCKET} is readable by ${GCS_EMAIL}`]);
    });

    it('says which key field is missing, and that text is not JSON', async () => {
      const key = JSON.parse(gcs.keyJson()) as Record<string, unknown>;
      delete key.token_uri;
      assert.deepEqual(told(await test({ service_account_key: JSON.stringify(key) })), [false, 'The service account key has no "token_uri": paste the whole key file, as downloaded from Google Cloud']);
      assert.deepEqual(told(await test({ service_account_key: 'not json' })), [false, T.gcsKeyNotJson]);
      assert.deepEqual(told(await test({ service_account_key: gcs.keyJson({ privateKey: 'garbage' }) })), [false, T.gcsKeyUnreadable]);
    });

    it('a key Google did not issue, a missing bucket and a missing permission are each said apart', async () => {
      assert.deepEqual(told(await test({ service_account_key: gcs.keyJson({ privateKey: gcs.strangerKey }) })), [
        false,
        'Google refused the service account key (invalid_grant: Invalid JWT Signature.): it may be deleted or disabled; download a new key',
      ]);
      assert.deepEqual(told(await test({ bucket_name: 'nowhere' })), [false, 'There is no bucket named nowhere (404)']);
      assert.deepEqual(told(await test({ bucket_name: GCS_LOCKED_BUCKET })), [
        false,
        `${GCS_EMAIL} may not list the objects of bucket ${GCS_LOCKED_BUCKET} (403): grant it the Storage Object Viewer role on the bucket`,
      ]);
    });
  });
});
