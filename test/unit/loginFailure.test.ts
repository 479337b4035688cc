import * as assert from 'node:assert/strict';
import { M } from '../../src/core/messages';
import { describeLoginFailure } from '../../src/postgres/loginFailure';
import { ConnectAttemptsError, failureOf } from '../../src/postgres/tls/attempts';
import { TlsHostMismatchError, TlsSetupError } from '../../src/postgres/tls/tlsSetupError';

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
    [err('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'), 'tlsUntrusted', M.tlsUntrusted],
    [err('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tlsUntrusted', M.tlsUntrusted],
    [err('certificate has expired', 'CERT_HAS_EXPIRED'), 'tlsExpired', M.tlsExpired],
    [err('connection requires a valid client certificate', '28000'), 'tlsClientCertRequired', M.tlsClientCertRequired],
    [err('tlsv13 alert certificate required', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'tlsClientCertRequired', M.tlsClientCertRequired],
    [err('error:0A000418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), 'tlsClientCertRejected', M.tlsClientCertRejected],
    [err('certificate authentication failed for user "alice"', '28000'), 'tlsClientCertRejected', M.tlsClientCertRejected],
    [new TlsSetupError('noCaFile', 'root certificate file "/x" does not exist'), 'tlsNoCaFile', M.tlsNoCaFile],
    [new TlsSetupError('caFile', 'could not read root certificate file "/x": no certificate or crl found'), 'tlsCaFile', M.tlsCaFile],
    [new TlsSetupError('keyPermissions', 'private key file "/k" has group or world access'), 'tlsClientFiles', M.tlsClientFiles],
    [new TlsSetupError('keyPassphraseWrong', 'could not load private key file "/k": bad decrypt'), 'tlsKeyPassphrase', M.tlsKeyPassphrase],
    [new TlsSetupError('keyPassphraseMissing', 'the key is encrypted'), 'tlsKeyPassphraseMissing', M.tlsKeyPassphraseMissing],
    [new TlsSetupError('settings', 'weak sslmode "require" may not be used with sslrootcert=system'), 'tlsSettings', M.tlsSettings],
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

  it('names the certificate\'s names and the host for a host name mismatch', () => {
    const failure = describeLoginFailure(new TlsHostMismatchError('127.0.0.1', ['localhost', 'db.internal', 'localhost']));
    assert.equal(failure.kind, 'tlsHostMismatch');
    assert.deepEqual(failure.args, ['"localhost", "db.internal"', '"127.0.0.1"']);
    assert.match(failure.detail, /server certificate for "localhost" \(and 2 other names\) does not match host name "127.0.0.1"/);
  });

  it('says the TLS try\'s cause when sslmode allow or prefer failed both ways, and keeps both in the detail', () => {
    const plain = err('no pg_hba.conf entry for host "127.0.0.1", user "u", database "d", no encryption', '28000');
    const tls = err('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN');
    for (const failures of [
      [{ attempt: 'plain' as const, error: plain }, { attempt: 'tls' as const, error: tls }],
      [{ attempt: 'tls' as const, error: tls }, { attempt: 'plain' as const, error: plain }],
    ]) {
      const failure = describeLoginFailure(new ConnectAttemptsError(failures));
      assert.equal(failure.kind, 'tlsUntrusted');
      assert.match(failure.detail, /no encryption/);
      assert.match(failure.detail, /self-signed/);
    }
  });

  it('under prefer, says a wrong password alone when the TLS try only learnt that the server has no TLS (libpq says nothing of it)', () => {
    const failure = describeLoginFailure(
      failureOf([
        { attempt: 'tls', error: err('The server does not support SSL connections') },
        { attempt: 'plain', error: err('password authentication failed for user "u"', '28P01') },
      ]),
    );
    assert.equal(failure.kind, 'authFailed');
    assert.doesNotMatch(`${failure.message}\n${failure.detail}`, /SSL/);
  });

  it('masks a password that an error message repeats', () => {
    const failure = describeLoginFailure(err('bad url postgresql://a:topsecret@h/db'));
    assert.ok(!failure.detail.includes('topsecret'));
  });
});
