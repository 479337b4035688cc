// TLS the libpq way, against a real PostgreSQL with ssl = on, with Debian's
// psql (libpq) as the judge: for every case the product must connect exactly
// when psql does, with or without TLS as psql does, and name the cause psql
// names when both fail.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SSL_MODES, type SslMode } from '../../src/core/tls/sslMode';
import { connectReporting, type Login } from '../../src/postgres/connect';
import { describeLoginFailure, type LoginFailureKind } from '../../src/postgres/loginFailure';
import { PoolRegistry } from '../../src/postgres/pools';
import { loginTls } from '../../src/postgres/tls/loginTls';
import { makeCertificates, type TestCertificates } from '../fixtures/tlsCertificates';
import { startTlsServer, TLS_LOGIN_PASSWORD, TLS_LOGINS, type TlsServer } from '../fixtures/tlsServer';
import { testServer } from './setup';

const PSQL = process.env.OPENHEXA_PSQL ?? '/usr/bin/psql';
const SSL_IN_USE_SQL = 'SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()';

interface Case {
  readonly login: string;
  readonly sslmode: SslMode;
  readonly ca: 'right' | 'wrong' | 'none';
  readonly host: 'localhost' | '127.0.0.1';
  readonly clientCert: boolean;
}

interface Files {
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  sslpassword?: string;
}

interface Outcome {
  readonly connected: boolean;
  readonly tls: boolean;
  /** psql's stderr, or the product's failure detail. */
  readonly said: string;
  readonly kind?: LoginFailureKind;
}

/** What libpq's message names, as the product's failure kinds that name the same cause. */
const PSQL_CAUSES: [RegExp, LoginFailureKind[]][] = [
  // libpq 15 says only "certificate verify failed", for an unknown CA and an expired certificate alike.
  [/certificate verify failed/, ['tlsUntrusted', 'tlsExpired']],
  [/does not match host name/, ['tlsHostMismatch']],
  [/root certificate file .* does not exist/, ['tlsNoCaFile']],
  [/could not read root certificate file/, ['tlsCaFile']],
  [/requires a valid client certificate/, ['tlsClientCertRequired']],
  [/alert unknown ca|certificate authentication failed/, ['tlsClientCertRejected']],
  [/bad decrypt/, ['tlsKeyPassphrase']],
  [/has group or world access|certificate present, but not private key|could not load private key/, ['tlsClientFiles']],
  [/does not support SSL/, ['tlsUnsupported']],
  [/no encryption/, ['tlsRequired']],
  [/password authentication failed/, ['authFailed']],
];

function psqlCauses(stderr: string): Set<LoginFailureKind> {
  return new Set(PSQL_CAUSES.filter(([pattern]) => pattern.test(stderr)).flatMap(([, kinds]) => kinds));
}

function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Debian's psql with the same settings, in a home folder with no ~/.postgresql and no PGSSL* variables. */
function psql(server: { port: number }, host: string, login: string, sslmode: SslMode, files: Files, home: string): Promise<Outcome> {
  const conninfo = [
    `host=${host}`,
    `port=${server.port}`,
    `user=${login}`,
    'dbname=postgres',
    `sslmode=${sslmode}`,
    ...Object.entries(files).map(([k, v]) => `${k}=${conninfoValue(v)}`),
  ].join(' ');
  return new Promise((resolve) => {
    execFile(
      PSQL,
      ['-X', '-w', '-A', '-t', '-c', SSL_IN_USE_SQL, conninfo],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PGPASSWORD: TLS_LOGIN_PASSWORD, PGCONNECT_TIMEOUT: '10', LC_ALL: 'C' }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ connected: !err, tls: stdout.trim() === 't', said: stderr.trim() }),
    );
  });
}

/** The product, its settings resolved as libpq's are (same home folder, no PGSSL* variables). */
async function product(server: { port: number }, host: string, login: string, sslmode: SslMode, files: Files, home: string): Promise<Outcome> {
  const { sslpassword, ...settings } = files;
  const resolved = loginTls({ sslmode, ...settings }, sslpassword, { env: {}, home, platform: process.platform });
  const full: Login = { host, port: server.port, user: login, password: TLS_LOGIN_PASSWORD, database: 'postgres', ...resolved };
  try {
    const { client, tls } = await connectReporting(full);
    try {
      const row = (await client.query<{ ssl: boolean }>(SSL_IN_USE_SQL)).rows[0];
      assert.equal(Boolean(row?.ssl), tls !== undefined, 'the product says TLS is on exactly when the server sees it');
      return { connected: true, tls: row?.ssl === true, said: '' };
    } finally {
      await client.end();
    }
  } catch (err) {
    const failure = describeLoginFailure(err);
    return { connected: false, tls: false, said: failure.detail, kind: failure.kind };
  }
}

function filesOf(c: Case, certs: TestCertificates): Files {
  return {
    ...(c.ca === 'right' ? { sslrootcert: certs.ca } : c.ca === 'wrong' ? { sslrootcert: certs.wrongCa } : {}),
    ...(c.clientCert ? { sslcert: certs.clientCert, sslkey: certs.clientKey } : {}),
  };
}

function describeCase(c: Case): string {
  return `${c.login} sslmode=${c.sslmode} ca=${c.ca} host=${c.host} client-cert=${c.clientCert ? 'yes' : 'no'}`;
}

/** Runs at most `limit` at once. */
async function inBatches<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]!);
      }
    }),
  );
  return results;
}

function agreeWithPsql(c: Case, judge: Outcome, ours: Outcome): string | undefined {
  if (judge.connected !== ours.connected) {
    return `${describeCase(c)}: psql ${judge.connected ? 'connected' : `failed (${judge.said})`}, the product ${ours.connected ? 'connected' : `failed (${ours.kind}: ${ours.said})`}`;
  }
  if (judge.connected && judge.tls !== ours.tls) {
    return `${describeCase(c)}: psql connected ${judge.tls ? 'with' : 'without'} TLS, the product ${ours.tls ? 'with' : 'without'}`;
  }
  if (!judge.connected) {
    const causes = psqlCauses(judge.said);
    if (causes.size === 0) {
      return `${describeCase(c)}: the test does not know psql's cause: ${judge.said}`;
    }
    if (!ours.kind || !causes.has(ours.kind)) {
      return `${describeCase(c)}: psql says "${judge.said}" (${[...causes].join(' or ')}), the product says ${ours.kind} (${ours.said})`;
    }
  }
  return undefined;
}

describe('TLS the libpq way, with psql as the judge', function () {
  this.timeout(300_000);
  let root: string;
  let home: string;
  let certs: TestCertificates;
  let server: TlsServer;

  before(async function () {
    if (!fs.existsSync(PSQL)) {
      if (process.env.OPENHEXA_REQUIRE_ALL_TIERS === '1') {
        throw new Error(`${PSQL} not found: install it with apt-get install -y postgresql-client-15`);
      }
      this.skip();
    }
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-tls-'));
    fs.chmodSync(root, 0o755);
    home = path.join(root, 'home');
    fs.mkdirSync(home);
    certs = makeCertificates(path.join(root, 'pki'), TLS_LOGINS.certOnly);
    server = await startTlsServer(certs);
  });

  after(async () => {
    await server?.stop();
    if (root) {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('connects exactly when psql does, in every sslmode × CA × host name × client certificate × pg_hba line', async () => {
    const cases: Case[] = [];
    for (const login of Object.values(TLS_LOGINS)) {
      for (const sslmode of SSL_MODES) {
        for (const ca of ['right', 'wrong', 'none'] as const) {
          for (const host of ['localhost', '127.0.0.1'] as const) {
            for (const clientCert of [false, true]) {
              cases.push({ login, sslmode, ca, host, clientCert });
            }
          }
        }
      }
    }
    const disagreements = await inBatches(cases, 4, async (c) => {
      const files = filesOf(c, certs);
      const [judge, ours] = await Promise.all([psql(server, c.host, c.login, c.sslmode, files, home), product(server, c.host, c.login, c.sslmode, files, home)]);
      return { c, judge, ours, problem: agreeWithPsql(c, judge, ours) };
    });
    const problems = disagreements.flatMap((d) => (d.problem ? [d.problem] : []));
    assert.deepEqual(problems, [], `${problems.length} of ${cases.length} cases disagree with psql`);
    // The matrix is not trivial: each outcome happens.
    assert.ok(disagreements.some((d) => d.judge.connected && d.judge.tls));
    assert.ok(disagreements.some((d) => d.judge.connected && !d.judge.tls));
    const kinds = new Set(disagreements.map((d) => d.ours.kind).filter(Boolean));
    for (const kind of ['tlsUntrusted', 'tlsHostMismatch', 'tlsNoCaFile', 'tlsClientCertRequired', 'tlsRequired'] as const) {
      assert.ok(kinds.has(kind), `no case failed as ${kind}: ${[...kinds].join(', ')}`);
    }
  });

  it('reports TLS on, its version, and what was verified', async () => {
    const at = (sslmode: SslMode, files: Files) =>
      connectReporting({ host: 'localhost', port: server.port, user: TLS_LOGINS.tlsOnly, password: TLS_LOGIN_PASSWORD, database: 'postgres', ...loginTls({ sslmode, ...files }, undefined, { env: {}, home, platform: process.platform }) });
    for (const [sslmode, files, verified] of [
      ['verify-full', { sslrootcert: certs.ca }, 'host'],
      ['verify-ca', { sslrootcert: certs.ca }, 'chain'],
      // libpq: "require" with a root certificate file verifies the chain, as verify-ca.
      ['require', { sslrootcert: certs.ca }, 'chain'],
      ['require', {}, 'none'],
    ] as const) {
      const { client, tls } = await at(sslmode, files);
      await client.end();
      assert.equal(tls?.verified, verified, sslmode);
      assert.match(tls?.protocol ?? '', /^TLSv1\.[23]$/);
    }
  });

  it('a client key: its passphrase, its permissions and a certificate signed by another CA, as psql sees them', async () => {
    const cases: [string, Files, LoginFailureKind | undefined][] = [
      ['encrypted key, right passphrase', { sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: certs.clientKeyEncrypted, sslpassword: certs.clientKeyPassphrase }, undefined],
      ['encrypted key, wrong passphrase', { sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: certs.clientKeyEncrypted, sslpassword: 'wrong' }, 'tlsKeyPassphrase'],
      ['certificate from a CA the server does not trust', { sslrootcert: certs.ca, sslcert: certs.strangerCert, sslkey: certs.strangerKey }, 'tlsClientCertRejected'],
      ['a key that others may read', { sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: looseCopy(certs.clientKey) }, 'tlsClientFiles'],
      ['a certificate without its key', { sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: path.join(certs.dir, 'no-such.key') }, 'tlsClientFiles'],
    ];
    for (const [what, files, kind] of cases) {
      const judge = await psql(server, 'localhost', TLS_LOGINS.certOnly, 'verify-full', files, home);
      const ours = await product(server, 'localhost', TLS_LOGINS.certOnly, 'verify-full', files, home);
      const problem = agreeWithPsql({ login: TLS_LOGINS.certOnly, sslmode: 'verify-full', ca: 'right', host: 'localhost', clientCert: true }, judge, ours);
      assert.equal(problem, undefined, `${what}: ${problem}`);
      assert.equal(ours.kind, kind, `${what}: ${ours.said}`);
    }
    // No passphrase at all: psql would ask on a terminal; the product says the key is encrypted.
    const missing = await product(server, 'localhost', TLS_LOGINS.certOnly, 'verify-full', { sslrootcert: certs.ca, sslcert: certs.clientCert, sslkey: certs.clientKeyEncrypted }, home);
    assert.equal(missing.kind, 'tlsKeyPassphraseMissing');
  });

  it('an expired server certificate: psql refuses it, the product says it expired', async () => {
    const expired = await startTlsServer(certs, { expired: true });
    try {
      const files = { sslrootcert: certs.ca };
      const judge = await psql(expired, 'localhost', TLS_LOGINS.tlsOnly, 'verify-full', files, home);
      const ours = await product(expired, 'localhost', TLS_LOGINS.tlsOnly, 'verify-full', files, home);
      assert.equal(judge.connected, false);
      assert.equal(ours.kind, 'tlsExpired', ours.said);
      assert.equal(agreeWithPsql({ login: TLS_LOGINS.tlsOnly, sslmode: 'verify-full', ca: 'right', host: 'localhost', clientCert: false }, judge, ours), undefined);
      // Without a CA nothing is checked, the dates neither: both connect under require.
      assert.equal((await psql(expired, 'localhost', TLS_LOGINS.tlsOnly, 'require', {}, home)).connected, true);
      assert.equal((await product(expired, 'localhost', TLS_LOGINS.tlsOnly, 'require', {}, home)).connected, true);
    } finally {
      await expired.stop();
    }
  });

  it('a server without TLS under require and verify-full: psql and the product both refuse, naming it', async () => {
    const plain = testServer();
    for (const sslmode of ['require', 'verify-full'] as const) {
      // Even with a missing CA file, libpq first learns that the server has no TLS.
      const files = sslmode === 'verify-full' ? { sslrootcert: path.join(certs.dir, 'missing.crt') } : {};
      const judge = await psql(plain, '127.0.0.1', plain.superuser, sslmode, files, home).then((o) => o);
      const ours = await product(plain, '127.0.0.1', plain.superuser, sslmode, files, home);
      assert.equal(judge.connected, false, sslmode);
      assert.equal(ours.kind, 'tlsUnsupported', ours.said);
      assert.ok(psqlCauses(judge.said).has('tlsUnsupported'), judge.said);
    }
  });

  it('sslrootcert=system: verify-full only, and the test CA is not among the system\'s', async () => {
    const ours = await product(server, 'localhost', TLS_LOGINS.tlsOnly, 'verify-full', { sslrootcert: 'system' }, home);
    assert.equal(ours.kind, 'tlsUntrusted', ours.said);
    const weak = await product(server, 'localhost', TLS_LOGINS.tlsOnly, 'require', { sslrootcert: 'system' }, home);
    assert.equal(weak.kind, 'tlsSettings', weak.said);
  });

  it('reads ~/.postgresql as libpq does: root.crt makes "require" verify, postgresql.crt is sent', async () => {
    const dotdir = path.join(root, 'home-with-files', '.postgresql');
    fs.mkdirSync(dotdir, { recursive: true });
    fs.copyFileSync(certs.wrongCa, path.join(dotdir, 'root.crt'));
    fs.copyFileSync(certs.clientCert, path.join(dotdir, 'postgresql.crt'));
    fs.copyFileSync(certs.clientKey, path.join(dotdir, 'postgresql.key'));
    fs.chmodSync(path.join(dotdir, 'postgresql.key'), 0o600);
    const otherHome = path.dirname(dotdir);
    for (const [login, sslmode] of [
      [TLS_LOGINS.tlsOnly, 'require'],
      [TLS_LOGINS.certOnly, 'require'],
      [TLS_LOGINS.either, 'prefer'],
    ] as const) {
      const judge = await psql(server, 'localhost', login, sslmode, {}, otherHome);
      const ours = await product(server, 'localhost', login, sslmode, {}, otherHome);
      assert.equal(agreeWithPsql({ login, sslmode, ca: 'wrong', host: 'localhost', clientCert: true }, judge, ours), undefined, `${login} ${sslmode}`);
    }
    fs.copyFileSync(certs.ca, path.join(dotdir, 'root.crt'));
    const ours = await product(server, 'localhost', TLS_LOGINS.certOnly, 'require', {}, otherHome);
    assert.equal(ours.connected, true, ours.said);
  });

  it('pools use the profile\'s TLS too: prefer falls back to plain where the CA is wrong, at each checkout; verify-full connects verified', async () => {
    const pools = new PoolRegistry();
    try {
      const login: Login = {
        host: 'localhost',
        port: server.port,
        user: TLS_LOGINS.either,
        password: TLS_LOGIN_PASSWORD,
        database: 'postgres',
        ...loginTls({ sslmode: 'prefer', sslrootcert: certs.wrongCa }, undefined, { env: {}, home, platform: process.platform }),
      };
      for (let i = 0; i < 2; i++) {
        const ssl = await pools.withClient(login, async (c) => (await c.query<{ ssl: boolean }>(SSL_IN_USE_SQL)).rows[0]?.ssl);
        assert.equal(ssl, false);
      }
      assert.equal(pools.tlsSeen('localhost', server.port), undefined);
      const verified = { ...login, ...loginTls({ sslmode: 'verify-full', sslrootcert: certs.ca }, undefined, { env: {}, home, platform: process.platform }) };
      assert.equal(await pools.browse(verified, async (c) => (await c.query<{ ssl: boolean }>(SSL_IN_USE_SQL)).rows[0]?.ssl), true);
      assert.equal(pools.tlsSeen('localhost', server.port)?.verified, 'host');
    } finally {
      await pools.dispose();
    }
  });

  it('under prefer, one connection whose TLS was stripped does not make the next ones go without it: each new connection tries TLS first, as psql does', async () => {
    const relay = await strippingRelay(server.port);
    const pools = new PoolRegistry({ perDatabase: 4 });
    try {
      const login: Login = { host: 'localhost', port: relay.port, user: TLS_LOGINS.either, password: TLS_LOGIN_PASSWORD, database: 'postgres', ...loginTls({ sslmode: 'prefer' }, undefined, { env: {}, home, platform: process.platform }) };
      const sslOf = async (c: { query: (sql: string) => Promise<{ rows: { ssl: boolean }[] }> }): Promise<boolean | undefined> => (await c.query(SSL_IN_USE_SQL)).rows[0]?.ssl;
      // Four connections at once: the first is stripped, the three opened while it is held must each try TLS again.
      const seen = await pools.withClient(login, async (first) => {
        const firstSsl = await sslOf(first);
        const others = await pools.withClient(login, async (second) =>
          pools.withClient(login, async (third) => pools.withClient(login, async (fourth) => [await sslOf(second), await sslOf(third), await sslOf(fourth)])),
        );
        return [firstSsl, ...others];
      });
      assert.deepEqual(seen, [false, true, true, true]);
      // psql through the same relay (its second connection there): TLS, the judge agrees.
      const judge = await psql({ port: relay.port }, 'localhost', TLS_LOGINS.either, 'prefer', {}, home);
      assert.equal(judge.tls, true, judge.said);
    } finally {
      await pools.dispose();
      await relay.close();
    }
  });
});

/**
 * A TCP relay to the server that strips TLS from its first connection only:
 * it answers the client's SSLRequest with "N" itself (as an attacker on the
 * path would), then relays the plain session. Every later connection is
 * relayed untouched, so TLS goes through.
 */
async function strippingRelay(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  let seen = 0;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    sockets.add(client);
    const strip = seen++ === 0;
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(upstream);
    const pipeBoth = (): void => {
      client.pipe(upstream);
      upstream.pipe(client);
    };
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    if (!strip) {
      pipeBoth();
      return;
    }
    client.once('data', (first: Buffer) => {
      // SSLRequest: length 8, code 80877103.
      if (first.length >= 8 && first.readInt32BE(4) === 80877103) {
        client.write('N');
        if (first.length > 8) {
          upstream.write(first.subarray(8));
        }
      } else {
        upstream.write(first);
      }
      pipeBoth();
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as net.AddressInfo).port,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

function looseCopy(key: string): string {
  const copy = `${key}.loose`;
  fs.copyFileSync(key, copy);
  fs.chmodSync(copy, 0o644);
  return copy;
}
