import * as assert from 'node:assert/strict';
import { canonicalIp, checkHostName, parseSubjectAltName } from '../../src/core/tls/hostNameCheck';
import { handedOutTls, tlsEnvironment, tlsUrlQuery } from '../../src/core/tls/handedOutTls';
import { effectiveTls, tlsSettingsFromEnv, tlsSettingsProblem, type TlsPlace } from '../../src/core/tls/tlsSettings';
import { attemptsFor, triesNext, tryInOrder, type Attempt } from '../../src/postgres/tls/attempts';
import { floorOf, weakerThan } from '../../src/core/tls/tlsFloor';
import type { SslMode } from '../../src/core/tls/sslMode';

const place = (env: Record<string, string> = {}, platform = 'linux'): TlsPlace => ({ env, home: '/home/ana', platform });
const names = (dns: string[], ip: string[] = [], commonName?: string) => ({ dns, ip, commonName });

describe('TLS: libpq host name rules (verify-full)', () => {
  it('matches a DNS name case-insensitively, and a wildcard for one label only', () => {
    assert.deepEqual(checkHostName('DB.example.org', names(['db.example.org'])), { ok: true });
    assert.deepEqual(checkHostName('a.example.org', names(['*.example.org'])), { ok: true });
    assert.equal(checkHostName('a.b.example.org', names(['*.example.org'])).ok, false);
    assert.equal(checkHostName('example.org', names(['*.example.org'])).ok, false);
  });

  it('ignores the Common Name when the certificate has a DNS name, as RFC 6125 and libpq do', () => {
    assert.deepEqual(checkHostName('other', names(['db.example.org'], [], 'other')), { ok: false, examined: ['db.example.org'] });
    assert.deepEqual(checkHostName('legacy', names([], [], 'legacy')), { ok: true });
  });

  it('for an IP address: compares IP entries, DNS entries as text, and the Common Name when there is no IP entry', () => {
    // libpq 15: "server certificate for "localhost" (and 1 other name) does not match host name "127.0.0.1"".
    assert.deepEqual(checkHostName('127.0.0.1', names(['localhost'], [], 'localhost')), { ok: false, examined: ['localhost', 'localhost'] });
    assert.deepEqual(checkHostName('127.0.0.1', names(['localhost'], ['127.0.0.1'])), { ok: true });
    assert.deepEqual(checkHostName('::1', names([], ['0:0:0:0:0:0:0:1'])), { ok: true });
    assert.equal(checkHostName('127.0.0.1', names([], ['127.0.0.2'], '127.0.0.1')).ok, false);
  });

  it('reads Node\'s subjectaltname text, quoted values included', () => {
    assert.deepEqual(parseSubjectAltName('DNS:localhost, IP Address:127.0.0.1, DNS:"a,b.example", email:x@y'), { dns: ['localhost', 'a,b.example'], ip: ['127.0.0.1'] });
    assert.deepEqual(parseSubjectAltName(undefined), { dns: [], ip: [] });
    assert.equal(canonicalIp('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(canonicalIp('256.1.1.1'), undefined);
    assert.equal(canonicalIp('localhost'), undefined);
  });
});

describe('TLS: settings as libpq resolves them', () => {
  it('takes the profile, then PGSSL* variables, then ~/.postgresql and "prefer"', () => {
    assert.deepEqual(effectiveTls({}, place()), {
      sslmode: 'prefer',
      sslrootcert: '/home/ana/.postgresql/root.crt',
      sslcert: '/home/ana/.postgresql/postgresql.crt',
      sslkey: '/home/ana/.postgresql/postgresql.key',
    });
    const env = { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/rds.pem', PGSSLCERT: '/c.crt', PGSSLKEY: '/c.key' };
    assert.deepEqual(effectiveTls({}, place(env)), { sslmode: 'verify-full', sslrootcert: '/etc/rds.pem', sslcert: '/c.crt', sslkey: '/c.key' });
    assert.deepEqual(effectiveTls({ sslmode: 'require', sslrootcert: '/mine.pem' }, place(env)).sslmode, 'require');
    assert.deepEqual(effectiveTls({ sslmode: 'require', sslrootcert: '/mine.pem' }, place(env)).sslrootcert, '/mine.pem');
  });

  it('uses %APPDATA%\\postgresql on Windows', () => {
    assert.equal(effectiveTls({}, place({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32')).sslrootcert, 'C:\\Users\\ana\\AppData\\Roaming\\postgresql\\root.crt');
  });

  it('defaults to verify-full with sslrootcert=system and refuses a weaker mode there (libpq 16)', () => {
    assert.equal(effectiveTls({ sslrootcert: 'system' }, place()).sslmode, 'verify-full');
    assert.match(tlsSettingsProblem({ sslmode: 'require', sslrootcert: 'system' }) ?? '', /weak sslmode "require"/);
    assert.equal(tlsSettingsProblem({ sslmode: 'verify-full', sslrootcert: 'system' }), undefined);
  });

  it('ignores a PGSSLMODE that is not a mode, and reads only what the environment sets', () => {
    assert.equal(effectiveTls({}, place({ PGSSLMODE: 'always' })).sslmode, 'prefer');
    assert.deepEqual(tlsSettingsFromEnv({ PGSSLMODE: 'require', PGSSLKEY: ' ' }), { sslmode: 'require' });
  });
});

describe('TLS: libpq\'s tries per sslmode', () => {
  it('orders plain and TLS as libpq does, and never TLS over a Unix socket', () => {
    assert.deepEqual(attemptsFor('disable', 'h'), ['plain']);
    assert.deepEqual(attemptsFor('allow', 'h'), ['plain', 'tls']);
    assert.deepEqual(attemptsFor('prefer', 'h'), ['tls', 'plain']);
    for (const mode of ['require', 'verify-ca', 'verify-full'] as const) {
      assert.deepEqual(attemptsFor(mode, 'h'), ['tls']);
    }
    assert.deepEqual(attemptsFor('verify-full', '/var/run/postgresql'), ['plain']);
  });

  const e = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});

  it('allow tries TLS only after the server refused; prefer tries plain after anything but the network', () => {
    assert.equal(triesNext('allow', 'plain', e('no pg_hba.conf entry … no encryption', '28000')), true);
    assert.equal(triesNext('allow', 'plain', e('connect ECONNREFUSED', 'ECONNREFUSED')), false);
    assert.equal(triesNext('prefer', 'tls', e('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN')), true);
    assert.equal(triesNext('prefer', 'tls', e('The server does not support SSL connections')), true);
    assert.equal(triesNext('prefer', 'tls', e('Connection terminated due to connection timeout')), false);
    assert.equal(triesNext('require', 'tls', e('self-signed', 'SELF_SIGNED_CERT_IN_CHAIN')), false);
  });

  it('makes the tries in libpq\'s order every time: the second only where libpq would', async () => {
    const seen: Attempt[] = [];
    const result = await tryInOrder('prefer', ['tls', 'plain'], async (attempt) => {
      seen.push(attempt);
      if (attempt === 'tls') {
        throw e('The server does not support SSL connections');
      }
      return attempt;
    });
    assert.deepEqual([seen, result], [['tls', 'plain'], 'plain']);
    await assert.rejects(
      tryInOrder('prefer', ['tls', 'plain'], async () => {
        throw e('connect ECONNREFUSED', 'ECONNREFUSED');
      }),
      /ECONNREFUSED/,
    );
  });
});

describe('TLS: what is handed to other programs', () => {
  const tls = (sslmode: 'prefer' | 'require' | 'verify-full' | 'allow' | 'disable') => ({ sslmode, sslrootcert: '/ca.pem', sslcert: '/c.crt', sslkey: '/c.key' });

  it('carries the mode when it always encrypts, "require" when the product\'s connections are encrypted under prefer or allow', () => {
    assert.deepEqual(handedOutTls(tls('verify-full'), undefined, false), { sslmode: 'verify-full' });
    assert.deepEqual(handedOutTls(tls('prefer'), { clientCertificate: false }, false), { sslmode: 'require' });
    assert.deepEqual(handedOutTls(tls('allow'), { clientCertificate: false }, false), { sslmode: 'require' });
    assert.deepEqual(handedOutTls(tls('prefer'), undefined, false), {});
    assert.deepEqual(handedOutTls(tls('disable'), undefined, false), {});
    assert.deepEqual(handedOutTls(tls('disable'), undefined, true), { sslmode: 'disable' });
  });

  it('adds this computer\'s files for a notebook or a terminal: the CA where the mode verifies, the client certificate where the server got one', () => {
    const local = handedOutTls(tls('verify-full'), { clientCertificate: true }, true);
    assert.deepEqual(local, { sslmode: 'verify-full', sslrootcert: '/ca.pem', sslcert: '/c.crt', sslkey: '/c.key' });
    assert.equal(tlsUrlQuery(local), '?sslmode=verify-full&sslrootcert=%2Fca.pem&sslcert=%2Fc.crt&sslkey=%2Fc.key');
    assert.deepEqual(tlsEnvironment(local), { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/ca.pem', PGSSLCERT: '/c.crt', PGSSLKEY: '/c.key' });
    assert.equal(tlsUrlQuery({}), '');
  });
});

describe('TLS: the floor a saved password keeps (issue 23, finding 6)', () => {
  const tls = (sslmode: SslMode, sslrootcert = '/ca.pem') => ({ sslmode, sslrootcert });

  it('is the mode, and the CA file where the mode verifies the server', () => {
    assert.deepEqual(floorOf(tls('verify-full')), { sslmode: 'verify-full', sslrootcert: '/ca.pem' });
    assert.deepEqual(floorOf(tls('require')), { sslmode: 'require' });
  });

  it('refuses a weaker mode, and another CA where the floor verifies; accepts the same or stronger', () => {
    assert.equal(weakerThan(tls('disable'), floorOf(tls('verify-full'))), true);
    assert.equal(weakerThan(tls('prefer'), floorOf(tls('require'))), true);
    assert.equal(weakerThan(tls('verify-ca'), floorOf(tls('verify-full'))), true);
    assert.equal(weakerThan(tls('verify-full', '/attacker-ca.pem'), floorOf(tls('verify-full'))), true);
    assert.equal(weakerThan(tls('verify-full'), floorOf(tls('verify-full'))), false);
    assert.equal(weakerThan(tls('verify-full', '/other.pem'), floorOf(tls('require'))), false);
    assert.equal(weakerThan(tls('require'), floorOf(tls('prefer'))), false);
    assert.equal(weakerThan(tls('prefer'), floorOf(tls('prefer'))), false);
  });
});
