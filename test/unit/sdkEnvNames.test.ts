// The names the OpenHEXA SDK reads in a local kernel, copied by hand from its
// source: BLSQ/openhexa-sdk-python at ce44eb8e782381206066be695408839f982058e6,
// openhexa/sdk/workspaces/current_workspace.py (get_connection_from_env,
// _get_local_connection_fields, database_host … database_url) and
// openhexa/sdk/workspaces/connection.py (the dataclasses' fields). The SDK is
// not installable offline, so this table stands in for it.
import * as assert from 'node:assert/strict';
import { connectionEnv, envPrefix } from '../../src/core/connections/connectionEnvNames';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../src/core/connections/types';
import { databaseEnv } from '../../src/core/notebooks/databaseEnv';

/**
 * Per type: os.environ[PREFIX] must equal `type` once upper-cased (the key of
 * ConnectionClasses), and each of `fields` is read as PREFIX_<FIELD>. The
 * dataclass fields the SDK reads and then drops (PostgreSQL's DATABASE_NAME,
 * S3's SECRET_ACCESS_KEY) are left out: it replaces them with these.
 */
const SDK_READS: Record<Exclude<ConnectionTypeId, 'custom'>, { type: string; fields: string[] }> = {
  postgresql: { type: 'POSTGRESQL', fields: ['HOST', 'PORT', 'USERNAME', 'PASSWORD', 'DB_NAME'] },
  s3: { type: 'S3', fields: ['ACCESS_KEY_ID', 'ACCESS_KEY_SECRET', 'BUCKET_NAME'] },
  gcs: { type: 'GCS', fields: ['SERVICE_ACCOUNT_KEY', 'BUCKET_NAME'] },
  dhis2: { type: 'DHIS2', fields: ['URL', 'USERNAME', 'PASSWORD'] },
  iaso: { type: 'IASO', fields: ['URL', 'USERNAME', 'PASSWORD'] },
};
/** Variables written beside them that the SDK does not read (other tools and the plain snippets do). */
const EXTRA: Record<string, string[]> = { postgresql: ['SSLMODE', 'URL'], s3: ['ENDPOINT_URL'], dhis2: ['PERSONAL_ACCESS_TOKEN'] };
/** CurrentWorkspace.database_*: os.environ[…] of each. */
const SDK_DATABASE = ['WORKSPACE_DATABASE_HOST', 'WORKSPACE_DATABASE_PORT', 'WORKSPACE_DATABASE_USERNAME', 'WORKSPACE_DATABASE_PASSWORD', 'WORKSPACE_DATABASE_DB_NAME', 'WORKSPACE_DATABASE_URL'];

describe('environment names against the OpenHEXA SDK\'s own reading (openhexa-sdk-python ce44eb8)', () => {
  for (const [id, reads] of Object.entries(SDK_READS) as [keyof typeof SDK_READS, (typeof SDK_READS)[keyof typeof SDK_READS]][]) {
    it(`${id}: PREFIX holds ${reads.type}; every field the SDK reads is written, nothing else but ${(EXTRA[id] ?? ['nothing']).join(', ')}`, () => {
      const type = CONNECTION_TYPES[id];
      const fields = type.fields.map((f) => ({ code: f.code, value: f.input === 'port' ? '5432' : 'x', secret: f.secret }));
      const env = new Map(connectionEnv(type, 'Polio-Data.v2', fields));
      // stringcase.constcase(identifier.lower()): "-" and "." become "_".
      const prefix = 'POLIO_DATA_V2';
      assert.equal(envPrefix('Polio-Data.v2'), prefix);
      assert.equal(env.get(prefix)?.toUpperCase(), reads.type);
      const written = [...env.keys()].filter((n) => n !== prefix).map((n) => n.slice(prefix.length + 1));
      assert.deepEqual([...written].sort(), [...reads.fields, ...(EXTRA[id] ?? [])].sort());
    });
  }

  it('custom: every PREFIX_<CODE> comes back as the code in lower case', () => {
    const env = connectionEnv(CONNECTION_TYPES.custom, 'api', [
      { code: 'Base-URL', value: 'u', secret: false },
      { code: 'token', value: 't', secret: true },
    ]);
    // {key[len(prefix):].lower(): val for key, val in os.environ.items() if key.startswith(prefix)}
    const read = Object.fromEntries(env.filter(([n]) => n.startsWith('API_')).map(([n, v]) => [n.slice(4).toLowerCase(), v]));
    assert.deepEqual(read, { base_url: 'u', token: 't' });
    assert.equal(env[0]?.[1], 'CUSTOM');
  });

  it('the workspace database: the six variables CurrentWorkspace reads, the port an integer, the URL percent-encoded', () => {
    const env = databaseEnv({ host: 'db', port: 5432, dbName: 'ws_santé', username: 'ws_rw', password: 'p@ss:/w?#', tls: { sslmode: 'require' } });
    assert.deepEqual(env.map((e) => e.name).sort(), [...SDK_DATABASE].sort());
    assert.equal(env.find((e) => e.name === 'WORKSPACE_DATABASE_PORT')?.value, '5432');
    assert.equal(env.find((e) => e.name === 'WORKSPACE_DATABASE_URL')?.value, 'postgresql://ws_rw:p%40ss%3A%2Fw%3F%23@db:5432/ws_sant%C3%A9?sslmode=require');
  });
});
