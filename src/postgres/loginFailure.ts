import { M, type Message } from '../core/messages';
import { redactSecrets } from '../core/redact';
import { ConnectAttemptsError, UNREACHABLE_CODES } from './tls/attempts';
import { ServerFull } from './budget/serverFull';
import { LeaveQueue } from './budget/connectionGate';
import { TlsHostMismatchError, TlsSetupError, type TlsSetupProblem } from './tls/tlsSetupError';

export type LoginFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'authFailed'
  | 'tlsRequired'
  | 'tlsUnsupported'
  | 'tlsUntrusted'
  | 'tlsNoCaFile'
  | 'tlsCaFile'
  | 'tlsHostMismatch'
  | 'tlsExpired'
  | 'tlsClientCertRequired'
  | 'tlsClientCertRejected'
  | 'tlsClientFiles'
  | 'tlsKeyPassphrase'
  | 'tlsKeyPassphraseMissing'
  | 'tlsSettings'
  | 'notAllowed'
  | 'diskFull'
  | 'tooManyConnections'
  | 'fullDatabase'
  | 'fullRole'
  | 'fullServer'
  | 'fullPooler'
  | 'stoppedWaiting'
  | 'other';

export interface LoginFailure {
  readonly kind: LoginFailureKind;
  /** What to do, as a translatable message with {0}… holes for `args`. */
  readonly message: Message;
  readonly args: readonly string[];
  /** The server's or the system's own words, secrets masked (each try's, for sslmode allow and prefer). */
  readonly detail: string;
}

const MESSAGES: Record<LoginFailureKind, Message> = {
  unreachable: M.serverUnreachable,
  timeout: M.serverTimeout,
  authFailed: M.authFailed,
  tlsRequired: M.tlsRequired,
  tlsUnsupported: M.tlsUnsupported,
  tlsUntrusted: M.tlsUntrusted,
  tlsNoCaFile: M.tlsNoCaFile,
  tlsCaFile: M.tlsCaFile,
  tlsHostMismatch: M.tlsHostMismatch,
  tlsExpired: M.tlsExpired,
  tlsClientCertRequired: M.tlsClientCertRequired,
  tlsClientCertRejected: M.tlsClientCertRejected,
  tlsClientFiles: M.tlsClientFiles,
  tlsKeyPassphrase: M.tlsKeyPassphrase,
  tlsKeyPassphraseMissing: M.tlsKeyPassphraseMissing,
  tlsSettings: M.tlsSettings,
  notAllowed: M.loginNotAllowed,
  diskFull: M.diskFull,
  tooManyConnections: M.tooManyConnections,
  fullDatabase: M.fullDatabase,
  fullRole: M.fullRole,
  fullServer: M.fullServer,
  fullPooler: M.fullPooler,
  stoppedWaiting: M.stoppedWaiting,
  other: M.unexpectedError,
};

const SETUP_KINDS: Record<TlsSetupProblem, LoginFailureKind> = {
  noCaFile: 'tlsNoCaFile',
  caFile: 'tlsCaFile',
  certFile: 'tlsClientFiles',
  keyMissing: 'tlsClientFiles',
  keyFile: 'tlsClientFiles',
  keyPermissions: 'tlsClientFiles',
  keyMismatch: 'tlsClientFiles',
  keyPassphraseMissing: 'tlsKeyPassphraseMissing',
  keyPassphraseWrong: 'tlsKeyPassphrase',
  settings: 'tlsSettings',
};

// A reset before the server said anything is the network's doing too.
const NETWORK = [...UNREACHABLE_CODES, 'ECONNRESET'];
// OpenSSL's verify results, as Node names them: the chain does not end at a CA the connection trusts.
const UNTRUSTED = [
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_REVOKED',
];
const EXPIRED = ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'];

const FULL: Record<ServerFull['limit'], LoginFailureKind> = { database: 'fullDatabase', role: 'fullRole', server: 'fullServer', pooler: 'fullPooler' };

function kindOf(err: Error & { code?: unknown }): LoginFailureKind {
  if (err instanceof ServerFull) {
    return FULL[err.limit];
  }
  if (err instanceof LeaveQueue) {
    return 'stoppedWaiting';
  }
  if (err instanceof TlsSetupError) {
    return SETUP_KINDS[err.problem];
  }
  if (err instanceof TlsHostMismatchError) {
    return 'tlsHostMismatch';
  }
  const code = typeof err.code === 'string' ? err.code : '';
  const text = err.message;
  if (NETWORK.includes(code)) {
    return 'unreachable';
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(text)) {
    return 'timeout';
  }
  if (code === '28P01') {
    return 'authFailed';
  }
  if (/does not support SSL/i.test(text)) {
    return 'tlsUnsupported';
  }
  if (EXPIRED.includes(code)) {
    return 'tlsExpired';
  }
  if (UNTRUSTED.includes(code)) {
    return 'tlsUntrusted';
  }
  // What the server said, in its TLS alert or its error message, about our certificate.
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || /requires a valid client certificate/i.test(text)) {
    return 'tlsClientCertRequired';
  }
  if (/alert (unknown ca|bad certificate|certificate unknown|certificate expired|certificate revoked)|certificate authentication failed|certificate validation \(clientcert=verify-full\) failed/i.test(text)) {
    return 'tlsClientCertRejected';
  }
  if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)) {
    return 'tlsKeyPassphrase';
  }
  if (/certificate|self[- ]signed|unable to verify/i.test(text)) {
    return 'tlsUntrusted';
  }
  if (code === '28000' && /no encryption/i.test(text)) {
    return 'tlsRequired';
  }
  if (code === '28000') {
    return 'notAllowed';
  }
  if (code === '53100' || /No space left on device/i.test(text)) {
    return 'diskFull';
  }
  if (code === '53300') {
    return 'tooManyConnections';
  }
  return 'other';
}

function argsOf(err: Error): string[] {
  if (err instanceof ServerFull) {
    return [String(Math.round(err.waitedMs / 1000))];
  }
  if (!(err instanceof TlsHostMismatchError)) {
    return [];
  }
  // libpq counts the Common Name beside an equal subjectAltName; a user needs each name once.
  const names = [...new Set(err.names)];
  return [names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : '(no name)', `"${err.host}"`];
}

/** Turns what `pg`, the socket or the TLS set-up threw into a failure a user can act on. */
export function describeLoginFailure(err: unknown): LoginFailure {
  const e = err instanceof Error ? (err as Error & { code?: unknown }) : new Error(String(err));
  const primary = e instanceof ConnectAttemptsError ? (e.primary as Error & { code?: unknown }) : e;
  const kind = kindOf(primary);
  return { kind, message: MESSAGES[kind], args: argsOf(primary), detail: redactSecrets(e.message) };
}
