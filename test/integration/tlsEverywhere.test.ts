// Every connection the product makes carries the profile's TLS: a server
// where the platform login may only come in over TLS with its client
// certificate (hostssl … clientcert=verify-full) refuses any path that
// forgets the certificate or TLS, so each path below is proven by working.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { initializeCatalog } from '../../src/postgres/catalog/migrate';
import type { Login } from '../../src/postgres/connect';
import { createConnection, listConnections } from '../../src/postgres/connections/connectionCalls';
import { PoolRegistry } from '../../src/postgres/pools';
import { PreviewSession } from '../../src/postgres/preview/previewSession';
import { probeServer } from '../../src/postgres/probeServer';
import { loginTls } from '../../src/postgres/tls/loginTls';
import { createMember, listMembers, listWorkspaces, regeneratePassword, revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { createWorkspace, deleteWorkspace } from '../../src/postgres/workspace/provisioning';
import { listTables } from '../../src/postgres/workspace/tables';
import { makeCertificates } from '../fixtures/tlsCertificates';
import { startTlsServer, TLS_LOGIN_PASSWORD, type TlsServer } from '../fixtures/tlsServer';

const PLATFORM = 'tls_platform';

describe('every connection uses the profile\'s TLS (a server that wants the client certificate)', function () {
  this.timeout(120_000);
  let root: string;
  let server: TlsServer;
  let platform: Omit<Login, 'database'>;
  const pools = new PoolRegistry();

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-tls-all-'));
    fs.chmodSync(root, 0o755);
    const certs = makeCertificates(path.join(root, 'pki'), PLATFORM);
    server = await startTlsServer(certs);
    const admin = await server.connect();
    await admin.query(`ALTER ROLE ${PLATFORM} CREATEDB CREATEROLE`);
    await admin.end();
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    platform = {
      host: 'localhost',
      port: server.port,
      user: PLATFORM,
      password: TLS_LOGIN_PASSWORD,
      ...loginTls({ sslmode: 'verify-full', sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: certs.clientKeyEncrypted }, certs.clientKeyPassphrase, { env: {}, home, platform: process.platform }),
    };
  });

  after(async () => {
    await pools.dispose();
    await server?.stop();
    if (root) {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('without the client certificate the platform login is refused: the server is a real judge', async () => {
    await assert.rejects(probeServer({ ...platform, tls: { ...platform.tls, sslcert: path.join(root, 'none.crt') } }, 'openhexa'), /requires a valid client certificate/);
    await assert.rejects(probeServer({ ...platform, sslmode: 'disable' }, 'openhexa'), /no encryption/);
  });

  it('probes, initializes, creates a workspace and a member, lists, reveals, regenerates, browses, previews, exports and deletes over verified TLS', async () => {
    const probe = await probeServer(platform, 'openhexa');
    assert.equal(probe.tls?.verified, 'host');
    assert.equal(probe.tls?.clientCertificate, true);
    await initializeCatalog(platform, 'openhexa');
    const ws = await createWorkspace(platform, 'openhexa', 'Chiffrée');
    const catalog: Login = { ...platform, database: 'openhexa' };
    const member = await pools.withClient(catalog, (c) => createMember(c, ws.slug, 'tls_viewer', 'viewer'));
    assert.ok(member.length >= 16);
    assert.deepEqual((await pools.withClient(catalog, (c) => listWorkspaces(c))).map((w) => w.slug), [ws.slug]);
    assert.deepEqual((await pools.withClient(catalog, (c) => listMembers(c, ws.slug))).map((m) => m.login), ['tls_viewer']);
    await pools.withClient(catalog, (c) => createConnection(c, ws.slug, { name: 'Remote', identifier: 'remote', type: 'custom', description: '', fields: [{ code: 'token', value: 'x', secret: true }] }));
    assert.equal((await pools.withClient(catalog, (c) => listConnections(c, ws.slug))).length, 1);
    const rw = await pools.withClient(catalog, (c) => revealPassword(c, ws.slug, 'rw', 'reveal'));
    assert.ok(rw.password);
    assert.notEqual(await pools.withClient(catalog, (c) => regeneratePassword(c, ws.slug, 'ro')), '');
    const db: Login = { ...platform, database: ws.dbName };
    await pools.withClient(db, (c) => c.query('CREATE TABLE public.visites (id int PRIMARY KEY, lieu text); INSERT INTO public.visites SELECT g, \'lieu \' || g FROM generate_series(1, 250) g'));
    assert.deepEqual((await listTables((run) => pools.browse(db, run))).map((t) => t.name), ['visites']);
    // The preview opens its own connections (query lanes), the export too.
    const session = new PreviewSession(db, 'public', 'visites');
    try {
      assert.equal((await session.page({ pageSize: 100 })).rows.length, 100);
      assert.equal(await session.count({}), 250);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const result = await session.exportCsv({}, out);
      assert.equal(result.rows, 250);
      assert.match(Buffer.concat(chunks).toString('utf8'), /^id,lieu\n1,lieu 1\n/);
    } finally {
      await session.close();
    }
    assert.equal(pools.tlsSeen('localhost', server.port)?.verified, 'host');
    await deleteWorkspace(platform, 'openhexa', ws.slug);
  });
});
