import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import { describeLoginFailure } from '../../src/postgres/loginFailure';

function err(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('login failures a user can act on', () => {
  const cases: [Error, string, string][] = [
    [err('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), 'unreachable', M.serverUnreachable],
    [err('getaddrinfo ENOTFOUND nowhere', 'ENOTFOUND'), 'unreachable', M.serverUnreachable],
    [err('Connection terminated due to connection timeout'), 'timeout', M.serverTimeout],
    [err('password authentication failed for user "alice"', '28P01'), 'authFailed', M.authFailed],
    [err('no pg_hba.conf entry for host "10.0.0.1", user "a", database "b", no encryption', '28000'), 'tlsRequired', M.tlsRequired],
    [err('The server does not support SSL connections'), 'tlsUnsupported', M.tlsUnsupported],
    [err('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'), 'tlsCertificate', M.tlsCertificate],
    [err('pg_hba.conf rejects connection for host', '28000'), 'notAllowed', M.loginNotAllowed],
    [err('could not extend file "base/16384/16385": No space left on device', '53100'), 'diskFull', M.diskFull],
    [err('sorry, too many clients already', '53300'), 'tooManyConnections', M.tooManyConnections],
    [err('something else', 'XX000'), 'other', M.unexpectedError],
  ];
  for (const [error, kind, message] of cases) {
    it(`"${error.message}" is ${kind}`, () => {
      const failure = describeLoginFailure(error);
      assert.equal(failure.kind, kind);
      assert.equal(failure.message, message);
    });
  }

  it('masks a password that an error message repeats', () => {
    const failure = describeLoginFailure(err('bad url postgresql://a:topsecret@h/db'));
    assert.ok(!failure.detail.includes('topsecret'));
  });
});
