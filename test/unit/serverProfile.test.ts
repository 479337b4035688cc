import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import { fieldErrors, parseServerProfiles, profileKey, serverProfileSchema } from '../../src/core/serverProfile';

describe('server profiles', () => {
  it('fills the defaults a user leaves out', () => {
    const profile = serverProfileSchema.parse({ label: 'Team', host: 'db.example.org', user: 'alice' });
    // No sslmode: libpq's PGSSLMODE, then "prefer", decide when connecting.
    assert.deepEqual(profile, { label: 'Team', host: 'db.example.org', port: 5432, user: 'alice', catalogDatabase: 'openhexa' });
  });

  it('keeps the TLS files it is given, and treats an empty one as not set', () => {
    const profile = serverProfileSchema.parse({ label: 'T', host: 'h', user: 'u', sslmode: 'verify-full', sslrootcert: ' /etc/rds/global-bundle.pem ', sslcert: '', sslkey: '/k.key' });
    assert.equal(profile.sslrootcert, '/etc/rds/global-bundle.pem');
    assert.equal(profile.sslcert, undefined);
    assert.equal(profile.sslkey, '/k.key');
    const bad = serverProfileSchema.safeParse({ label: 'T', host: 'h', user: 'u', sslrootcert: '/a\n/b' });
    assert.equal(!bad.success && fieldErrors(bad.error).sslrootcert, M.tlsFileInvalid);
  });

  it('refuses a mode weaker than verify-full with the system\'s CAs, as libpq 16 does', () => {
    const weak = serverProfileSchema.safeParse({ label: 'T', host: 'h', user: 'u', sslmode: 'require', sslrootcert: 'system' });
    assert.equal(!weak.success && fieldErrors(weak.error).sslmode, M.sslmodeWeakForSystem);
    assert.ok(serverProfileSchema.safeParse({ label: 'T', host: 'h', user: 'u', sslmode: 'verify-full', sslrootcert: 'system' }).success);
    assert.ok(serverProfileSchema.safeParse({ label: 'T', host: 'h', user: 'u', sslmode: 'allow' }).success);
  });

  it('accepts a port typed as text in a form', () => {
    assert.equal(serverProfileSchema.parse({ label: 'x', host: 'h', user: 'u', port: ' 6543 ' }).port, 6543);
  });

  for (const [port, message] of [
    ['0', M.portRange],
    ['65536', M.portRange],
    ['54.5', M.portNotWhole],
    ['abc', M.portNotNumber],
  ] as const) {
    it(`refuses port ${JSON.stringify(port)} with "${message}"`, () => {
      const result = serverProfileSchema.safeParse({ label: 'x', host: 'h', user: 'u', port });
      assert.equal(result.success, false);
      assert.equal(!result.success && fieldErrors(result.error).port, message);
    });
  }

  it('refuses an empty host, a host with a space and one with a URL in it', () => {
    for (const [host, message] of [
      ['   ', M.hostRequired],
      ['db example', M.hostInvalid],
      ['postgresql://db', M.hostInvalid],
    ] as const) {
      const result = serverProfileSchema.safeParse({ label: 'x', host, user: 'u' });
      assert.equal(!result.success && fieldErrors(result.error).host, message, host);
    }
  });

  it('counts a user name in bytes, as PostgreSQL does (63 at most)', () => {
    const ok = 'é'.repeat(31); // 62 bytes
    const tooLong = 'é'.repeat(32); // 64 bytes
    assert.equal(serverProfileSchema.safeParse({ label: 'x', host: 'h', user: ok }).success, true);
    const result = serverProfileSchema.safeParse({ label: 'x', host: 'h', user: tooLong });
    assert.equal(!result.success && fieldErrors(result.error).user, M.userTooLong);
  });

  it('refuses a password or any unknown key in a profile (secrets never go to settings)', () => {
    assert.equal(serverProfileSchema.safeParse({ label: 'x', host: 'h', user: 'u', password: 'p' }).success, false);
  });

  it('keeps the good entries of a setting and reports the bad ones without failing', () => {
    const { profiles, problems } = parseServerProfiles([
      { label: 'Good', host: 'h', user: 'u' },
      { label: 'Bad port', host: 'h', user: 'u', port: 70000 },
      'not an object',
    ]);
    assert.deepEqual(profiles.map((p) => p.label), ['Good']);
    assert.deepEqual(
      problems.map((p) => [p.index, p.label, p.message]),
      [
        [1, 'Bad port', `port: ${M.portRange}`],
        [2, undefined, 'Expected object, received string'],
      ],
    );
  });

  it('reports a setting that is not a list', () => {
    assert.deepEqual(parseServerProfiles({ host: 'h' }).problems.map((p) => p.message), [M.settingNotList]);
    assert.deepEqual(parseServerProfiles(undefined), { profiles: [], problems: [] });
  });

  it('keys a password by login, not by label', () => {
    const a = serverProfileSchema.parse({ label: 'A', host: 'h', user: 'u' });
    const b = serverProfileSchema.parse({ label: 'B', host: 'h', user: 'u' });
    assert.equal(profileKey(a), profileKey(b));
    assert.equal(profileKey(a), 'u@h:5432');
  });
});
