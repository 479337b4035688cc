import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import { parsePostgresUrl } from '../../src/core/postgresUrl';

describe('pasted PostgreSQL URLs', () => {
  it('reads every part, percent-decoding user, password and database', () => {
    assert.deepEqual(parsePostgresUrl(' postgresql://r%C3%A9mi:p%40ss%3Aw%2Fd@db.example.org:6543/op%C3%A9ra?sslmode=require '), {
      host: 'db.example.org',
      port: 6543,
      user: 'rémi',
      password: 'p@ss:w/d',
      database: 'opéra',
      sslmode: 'require',
      tls: {},
      sslpassword: undefined,
    });
  });

  it('reads libpq\'s TLS files and the key\'s passphrase from the query', () => {
    const parsed = parsePostgresUrl('postgresql://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Frds%2Fglobal-bundle.pem&sslcert=/c.crt&sslkey=/c.key&sslpassword=s%C3%A9same');
    assert.deepEqual(parsed.tls, { sslrootcert: '/etc/rds/global-bundle.pem', sslcert: '/c.crt', sslkey: '/c.key' });
    assert.equal(parsed.sslpassword, 'sésame');
    assert.equal(parsePostgresUrl('postgresql://u@h/db?sslmode=allow').sslmode, 'allow');
  });

  it('defaults the port and leaves out what the URL does not say', () => {
    assert.deepEqual(parsePostgresUrl('postgres://alice@localhost'), {
      host: 'localhost',
      port: 5432,
      user: 'alice',
      password: undefined,
      database: undefined,
      sslmode: undefined,
      tls: {},
      sslpassword: undefined,
    });
  });

  it('reads an IPv6 host', () => {
    assert.equal(parsePostgresUrl('postgresql://u@[::1]:5433/db').host, '::1');
  });

  for (const [url, message] of [
    ['mysql://u@h/db', M.urlScheme],
    ['db.example.org:5432', M.urlScheme],
    ['postgresql://u@h:99999/db', M.urlInvalid],
    ['postgresql://u@h/db?sslmode=always', M.sslmodeInvalid],
    ['postgresql://u:%E0%A4%A@h/db', M.urlBadEscape],
  ] as const) {
    it(`refuses ${url} with a message that says what to fix`, () => {
      assert.throws(() => parsePostgresUrl(url), { message });
    });
  }
});
