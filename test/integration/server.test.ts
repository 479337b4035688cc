import * as assert from 'node:assert/strict';
import { DatabaseError } from 'pg';
import { testServer } from './setup';

async function refusal(promise: Promise<unknown>): Promise<DatabaseError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DatabaseError) {
      return err;
    }
    throw err;
  }
  assert.fail('the server accepted what it should have refused');
}

describe('the integration fixture is a real PostgreSQL', () => {
  before(async () => {
    const admin = await testServer().connect();
    await admin.query("CREATE ROLE fixture_alice LOGIN PASSWORD 'alice-pw'");
    await admin.query('CREATE TABLE fixture_secret (id int PRIMARY KEY, note text)');
    await admin.query("INSERT INTO fixture_secret VALUES (1, 'hidden')");
    await admin.end();
  });

  after(async () => {
    const admin = await testServer().connect();
    await admin.query('DROP TABLE IF EXISTS fixture_secret');
    await admin.query('DROP ROLE IF EXISTS fixture_alice');
    await admin.end();
  });

  it('answers queries with a version of its own', async () => {
    const client = await testServer().connect();
    const { rows } = await client.query<{ n: number; v: string }>('SELECT 1 AS n, current_setting($1) AS v', ['server_version_num']);
    await client.end();
    assert.equal(rows[0]?.n, 1);
    assert.ok(Number(rows[0]?.v) >= 130000, `server_version_num ${rows[0]?.v}`);
  });

  it('refuses a login with a wrong password', async () => {
    const err = await refusal(testServer().connect({ user: 'fixture_alice', password: 'not-her-password' }));
    assert.equal(err.code, '28P01');
  });

  it('refuses to let a role without a grant read a table', async () => {
    const alice = await testServer().connect({ user: 'fixture_alice', password: 'alice-pw' });
    try {
      const err = await refusal(alice.query('SELECT note FROM fixture_secret'));
      assert.equal(err.code, '42501');
      assert.match(err.message, /permission denied for table fixture_secret/);
    } finally {
      await alice.end();
    }
  });

  it('lets the same role read once the grant is given', async () => {
    const admin = await testServer().connect();
    await admin.query('GRANT SELECT ON fixture_secret TO fixture_alice');
    await admin.end();
    const alice = await testServer().connect({ user: 'fixture_alice', password: 'alice-pw' });
    const { rows } = await alice.query<{ note: string }>('SELECT note FROM fixture_secret');
    await alice.end();
    assert.deepEqual(rows, [{ note: 'hidden' }]);
  });

  it('listens on loopback only', async () => {
    const client = await testServer().connect();
    const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
    await client.end();
    assert.equal(rows[0]?.listen_addresses, '127.0.0.1');
  });
});
