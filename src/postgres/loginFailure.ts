import { M, type Message } from '../core/messages';
import { redactSecrets } from '../core/redact';

export type LoginFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'authFailed'
  | 'tlsRequired'
  | 'tlsUnsupported'
  | 'tlsCertificate'
  | 'notAllowed'
  | 'diskFull'
  | 'tooManyConnections'
  | 'other';

export interface LoginFailure {
  readonly kind: LoginFailureKind;
  /** What to do, as a translatable message. */
  readonly message: Message;
  /** The server's or the system's own words, secrets masked. */
  readonly detail: string;
}

const MESSAGES: Record<LoginFailureKind, Message> = {
  unreachable: M.serverUnreachable,
  timeout: M.serverTimeout,
  authFailed: M.authFailed,
  tlsRequired: M.tlsRequired,
  tlsUnsupported: M.tlsUnsupported,
  tlsCertificate: M.tlsCertificate,
  notAllowed: M.loginNotAllowed,
  diskFull: M.diskFull,
  tooManyConnections: M.tooManyConnections,
  other: M.unexpectedError,
};

function kindOf(err: { code?: unknown; message: string }): LoginFailureKind {
  const code = typeof err.code === 'string' ? err.code : '';
  const text = err.message;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET'].includes(code)) {
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
  if (/certificate|self[- ]signed|unable to verify/i.test(text)) {
    return 'tlsCertificate';
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

/** Turns what `pg` or the socket threw into a failure a user can act on. */
export function describeLoginFailure(err: unknown): LoginFailure {
  const e = err instanceof Error ? (err as Error & { code?: unknown }) : new Error(String(err));
  const kind = kindOf(e);
  return { kind, message: MESSAGES[kind], detail: redactSecrets(e.message) };
}
