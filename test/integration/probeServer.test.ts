import * as assert from 'node:assert/strict';
import { freeLoopbackPort } from '../../src/localServer/freePort';
import { describeLoginFailure } from '../../src/postgres/loginFailure';
import { probeServer } from '../../src/postgres/probeServer';
import { testServer } from './setup';

describe('testing a server login (Connect to a Server)', () => {
  before(async () => {
    const admin = await testServer().connect();
    await admin.query(`CREATE ROLE probe_platform LOGIN CREATEDB CREATEROLE PASSWORD 'platform-pw'`);
    await admin.query(`CREATE ROLE "probe analyst é" LOGIN PASSWORD 'analyst-pw'`);
    await admin.end();
  });

  after(async () => {
    const admin = await testServer().connect();
    await admin.query('DROP ROLE IF EXISTS probe_platform');
    await admin.query('DROP ROLE IF EXISTS "probe analyst é"');
    await admin.end();
  });

  const login = (user: string, password: string | undefined, port = testServer().port) =>
    ({ host: testServer().host, port, user, password, sslmode: 'prefer' as const });

  async function failureOf(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (err) {
      return describeLoginFailure(err);
    }
    return assert.fail('the login was accepted');
  }

  it('reports the version and that a CREATEDB + CREATEROLE login may initialize a missing catalog', async () => {
    const probe = await probeServer(login('probe_platform', 'platform-pw'), 'openhexa');
    assert.match(probe.version, /^\d+/);
    assert.ok(probe.versionNum >= 130000);
    assert.deepEqual(
      { superuser: probe.superuser, createDb: probe.createDb, createRole: probe.createRole, catalogExists: probe.catalogExists },
      { superuser: false, createDb: true, createRole: true, catalogExists: false },
    );
  });

  it('reports a plain login (quotes, spaces and unicode in its name) as unable to initialize', async () => {
    const probe = await probeServer(login('probe analyst é', 'analyst-pw'), 'openhexa');
    assert.equal(probe.createDb || probe.createRole || probe.superuser, false);
  });

  it('sees an existing catalog database', async () => {
    const admin = await testServer().connect();
    await admin.query('CREATE DATABASE "probe catalog"');
    try {
      const probe = await probeServer(login('probe_platform', 'platform-pw'), 'probe catalog');
      assert.equal(probe.catalogExists, true);
    } finally {
      await admin.query('DROP DATABASE "probe catalog"');
      await admin.end();
    }
  });

  it('says "wrong user name or password" for a bad password', async () => {
    const failure = await failureOf(probeServer(login('probe_platform', 'nope'), 'openhexa'));
    assert.equal(failure.kind, 'authFailed');
  });

  it('says "cannot be reached" for a port nothing listens on', async () => {
    const failure = await failureOf(probeServer(login('probe_platform', 'platform-pw', await freeLoopbackPort()), 'openhexa'));
    assert.equal(failure.kind, 'unreachable');
  });

  it('says the server has no TLS when TLS is required of a server without it', async () => {
    const failure = await failureOf(probeServer({ ...login('probe_platform', 'platform-pw'), sslmode: 'require' }, 'openhexa'));
    assert.equal(failure.kind, 'tlsUnsupported');
  });
});
