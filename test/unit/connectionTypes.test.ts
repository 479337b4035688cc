import * as assert from 'node:assert/strict';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import { connectionEnv, envPrefix } from '../../src/core/connections/connectionEnvNames';
import { CONNECTION_TYPES, connectionType } from '../../src/core/connections/types';
import { m003Connections } from '../../src/postgres/catalog/migrations/m003Connections';

/** The fields of a type filled with the given values, secret flags as the type says. */
function filled(id: keyof typeof CONNECTION_TYPES, values: Record<string, string>): ConnectionField[] {
  return CONNECTION_TYPES[id].fields.filter((f) => f.code in values).map((f) => ({ code: f.code, value: values[f.code]!, secret: f.secret }));
}

/** The codes of the fields a schema refuses, each with its messages. */
function refused(id: keyof typeof CONNECTION_TYPES, fields: ConnectionField[]): Record<string, string> {
  const result = CONNECTION_TYPES[id].schema.safeParse(fields);
  const messages: Record<string, string> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const code = String(issue.path[0]);
    messages[code] = messages[code] === undefined ? issue.message : `${messages[code]}; ${issue.message}`;
  }
  return messages;
}

const KEY = JSON.stringify({ type: 'service_account', client_email: 'sa@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\n…', token_uri: 'https://oauth2.googleapis.com/token' });

describe('connection types (docs/architecture.md §3)', () => {
  it('has the six types, each with the fields, required marks and secrets of the design', () => {
    const shape = Object.fromEntries(
      Object.values(CONNECTION_TYPES).map((t) => [t.id, t.fields.map((f) => `${f.code}${f.required ? '*' : ''}${f.secret ? ' secret' : ''}`)]),
    );
    assert.deepEqual(shape, {
      postgresql: ['host*', 'port*', 'db_name*', 'username*', 'password* secret', 'sslmode'],
      dhis2: ['url*', 'username*', 'password* secret', 'personal_access_token secret'],
      iaso: ['url*', 'username*', 'password* secret'],
      s3: ['bucket_name*', 'access_key_id', 'access_key_secret secret', 'endpoint_url'],
      gcs: ['bucket_name*', 'service_account_key* secret'],
      custom: [],
    });
    assert.equal(CONNECTION_TYPES.postgresql.fields.find((f) => f.code === 'port')!.defaultValue, '5432');
    assert.equal(connectionType('toString'), undefined, 'an inherited property is not a type');
    assert.equal(connectionType('dhis2'), CONNECTION_TYPES.dhis2);
  });

  it('accepts complete, valid connections of every type', () => {
    assert.deepEqual(refused('postgresql', filled('postgresql', { host: 'db.example.org', port: '5432', db_name: 'malaria', username: 'analyst', password: "p'w\"d" })), {});
    assert.deepEqual(refused('dhis2', filled('dhis2', { url: 'https://play.dhis2.org/40', username: 'admin', password: 'district' })), {});
    assert.deepEqual(refused('iaso', filled('iaso', { url: 'https://iaso.example.org', username: 'u', password: 'p' })), {});
    assert.deepEqual(refused('s3', filled('s3', { bucket_name: 'team-data.2024' })), {}, 'keys are optional (a public bucket or the machine\'s role)');
    assert.deepEqual(refused('gcs', filled('gcs', { bucket_name: 'team_data', service_account_key: KEY })), {});
    assert.deepEqual(refused('custom', [{ code: 'api_key', value: 'x', secret: true }, { code: 'Base-URL', value: 'https://x', secret: false }]), {});
  });

  it('says what is wrong with each bad value, by field', () => {
    assert.deepEqual(
      Object.keys(refused('postgresql', filled('postgresql', { host: 'postgresql://db', port: '65536', db_name: ' ', username: 'u', password: 'p' }))).sort(),
      ['db_name', 'host', 'port'],
    );
    assert.match(refused('postgresql', filled('postgresql', { host: 'h', port: 'abc', db_name: 'd', username: 'u', password: 'p' })).port!, /1 to 65535/);
    assert.match(refused('dhis2', filled('dhis2', { url: 'https://play.dhis2.org/40/api/', username: 'u', password: 'p' })).url!, /without \/api/);
    assert.match(refused('dhis2', filled('dhis2', { url: 'ftp://x', username: 'u', password: 'p' })).url!, /http/);
    assert.match(refused('dhis2', filled('dhis2', { url: 'https://admin:district@play.dhis2.org', username: 'u', password: 'p' })).url!, /no user name or password/);
    assert.match(refused('dhis2', filled('dhis2', { url: 'https://x.org', username: 'u', password: 'p', personal_access_token: 'abc' })).personal_access_token!, /d2pat_/);
    assert.match(refused('s3', filled('s3', { bucket_name: 'My_Bucket' })).bucket_name!, /lower-case/);
    assert.match(refused('gcs', filled('gcs', { bucket_name: 'b-1', service_account_key: '{"type": "service_account",' })).service_account_key!, /one JSON object/);
    assert.match(refused('gcs', filled('gcs', { bucket_name: 'b-1', service_account_key: '{"type": "authorized_user"}' })).service_account_key!, /service_account/);
    assert.match(refused('iaso', filled('iaso', { url: 'x'.repeat(100_001), username: 'u', password: 'p' })).url!, /At most 100000/);
  });

  it('refuses missing required fields, unknown or repeated codes, and secrets stored in the clear', () => {
    assert.deepEqual(Object.keys(refused('iaso', [])).sort(), ['password', 'url', 'username']);
    const iaso = filled('iaso', { url: 'https://x.org', username: 'u', password: 'p' });
    assert.match(refused('iaso', [...iaso, { code: 'token', value: 't', secret: false }]).token!, /not a field/);
    assert.match(refused('iaso', [...iaso, iaso[0]!]).url!, /twice/);
    assert.match(refused('iaso', iaso.map((f) => ({ ...f, secret: false }))).password!, /must be secret/);
  });

  it('custom fields: codes of letters, digits, _ and - (at most 30), never code or description, each once by the variable it makes', () => {
    const field = (code: string): ConnectionField => ({ code, value: 'v', secret: false });
    assert.match(refused('custom', [field('a b')])['a b']!, /only letters, digits/);
    assert.match(refused('custom', [field('clé')])['clé']!, /only letters, digits/);
    assert.match(refused('custom', [field('Description')]).Description!, /reserved/);
    assert.match(refused('custom', [field('code')]).code!, /reserved/);
    assert.match(refused('custom', [field('token'), field('token')]).token!, /used twice/);
    assert.match(refused('custom', [field('token'), field('TOKEN')]).TOKEN!, /same environment variable as "token"/);
    assert.match(refused('custom', [field('api-key'), field('api_key')]).api_key!, /same environment variable as "api-key" \(…_API_KEY\)/);
    assert.match(refused('custom', [field('x'.repeat(31))])['x'.repeat(31)]!, /at most 30/);
    assert.deepEqual(refused('custom', [field('x'.repeat(30)), field('api-key'), field('api-key2')]), {});
  });

  it('the catalog holds the same fixed fields as the registry, so PostgreSQL refuses what the form refuses', () => {
    const inCatalog = [...m003Connections.sql.matchAll(/\('(\w+)', '(\w+)', (\d+), (true|false), (true|false)\)/g)].map((m) => `${m[1]}.${m[2]} ${m[3]}${m[4] === 'true' ? '*' : ''}${m[5] === 'true' ? ' secret' : ''}`);
    const inRegistry = Object.values(CONNECTION_TYPES).flatMap((t) => t.fields.map((f, i) => `${t.id}.${f.code} ${i + 1}${f.required ? '*' : ''}${f.secret ? ' secret' : ''}`));
    assert.deepEqual(inCatalog, inRegistry);
  });
});

describe('connection environment variables (the OpenHEXA SDK\'s local convention)', () => {
  it('names them PREFIX and PREFIX_<FIELD> with PREFIX = constcase(identifier)', () => {
    assert.equal(envPrefix('my-db'), 'MY_DB');
    assert.equal(envPrefix('Polio-FF3A0D'), 'POLIO_FF3A0D');
    const env = connectionEnv(CONNECTION_TYPES.postgresql, 'my-db', filled('postgresql', { host: 'h', port: '5432', db_name: 'd', username: 'u', password: 'p' }));
    assert.deepEqual(env, [
      ['MY_DB', 'POSTGRESQL'],
      ['MY_DB_HOST', 'h'],
      ['MY_DB_PORT', '5432'],
      ['MY_DB_DB_NAME', 'd'],
      ['MY_DB_USERNAME', 'u'],
      ['MY_DB_PASSWORD', 'p'],
      ['MY_DB_URL', 'postgresql://u:p@h:5432/d'],
    ]);
    const hostile = connectionEnv(CONNECTION_TYPES.postgresql, 'x', filled('postgresql', { host: '::1', port: '6432', db_name: 'santé db', username: 'a@b', password: 'p:w/d?#%', sslmode: 'require' }));
    assert.deepEqual(hostile.at(-1), ['X_URL', 'postgresql://a%40b:p%3Aw%2Fd%3F%23%25@[::1]:6432/sant%C3%A9%20db?sslmode=require']);
    assert.deepEqual(connectionEnv(CONNECTION_TYPES.s3, 'lake', filled('s3', { bucket_name: 'b-1', access_key_id: '', access_key_secret: 's' })), [
      ['LAKE', 'S3'],
      ['LAKE_BUCKET_NAME', 'b-1'],
      ['LAKE_ACCESS_KEY_SECRET', 's'],
    ]);
    assert.deepEqual(connectionEnv(CONNECTION_TYPES.gcs, 'g', filled('gcs', { bucket_name: 'b', service_account_key: KEY }))[2], ['G_SERVICE_ACCOUNT_KEY', KEY]);
    // A key file as Google downloads it (lines, spaces between tokens) becomes one compact line: the same JSON.
    const downloaded = JSON.stringify(JSON.parse(KEY), null, 2);
    assert.deepEqual(connectionEnv(CONNECTION_TYPES.gcs, 'g', filled('gcs', { bucket_name: 'b', service_account_key: downloaded }))[2], ['G_SERVICE_ACCOUNT_KEY', JSON.stringify(JSON.parse(KEY))]);
    assert.deepEqual(connectionEnv(CONNECTION_TYPES.custom, 'api', [{ code: 'Base-URL', value: 'u', secret: false }]), [
      ['API', 'CUSTOM'],
      ['API_BASE_URL', 'u'],
    ]);
  });
});
