import type { SslMode } from '../../core/tls/sslMode';

/** One try at a connection: without TLS, or with it. */
export type Attempt = 'plain' | 'tls';

/**
 * libpq's order of tries per sslmode. Over a Unix socket libpq never uses
 * TLS, whatever the mode.
 */
export function attemptsFor(mode: SslMode, host: string): readonly Attempt[] {
  if (host.startsWith('/')) {
    return ['plain'];
  }
  switch (mode) {
    case 'disable':
      return ['plain'];
    case 'allow':
      return ['plain', 'tls'];
    case 'prefer':
      return ['tls', 'plain'];
    default:
      return ['tls'];
  }
}

/** The socket's codes for a server that could not be reached at all. */
export const UNREACHABLE_CODES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'];

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

/** The server answered with an error message (a SQLSTATE), rather than the network or TLS failing. */
function isServerError(err: unknown): boolean {
  return /^[0-9A-Z]{5}$/.test(codeOf(err)) && !codeOf(err).startsWith('E');
}

/** Nothing reached a PostgreSQL server: no TLS or plain retry would change that. */
function isNetworkFailure(err: unknown): boolean {
  return UNREACHABLE_CODES.includes(codeOf(err)) || codeOf(err) === 'ETIMEDOUT' || (err instanceof Error && /connection timeout|timeout expired/i.test(err.message));
}

function isNoTlsAnswer(err: unknown): boolean {
  return err instanceof Error && /does not support SSL/i.test(err.message);
}

/**
 * When libpq makes its second try: "allow" tries TLS after the server
 * refused the plain connection with an error message; "prefer" tries plain
 * after anything went wrong once the server was reached over TLS (the
 * server has no TLS, the handshake or a certificate failed, or the server
 * refused the login).
 */
export function triesNext(mode: SslMode, failed: Attempt, err: unknown): boolean {
  if (mode === 'allow' && failed === 'plain') {
    return isServerError(err);
  }
  if (mode === 'prefer' && failed === 'tls') {
    return !isNetworkFailure(err);
  }
  return false;
}

export interface AttemptFailure {
  readonly attempt: Attempt;
  readonly error: Error;
}

/**
 * Every try failed: libpq reports each one, in order. The one a user acts
 * on is the TLS try's (the plain one failed because the server wants TLS),
 * except where that try only learnt that the server has no TLS.
 */
export class ConnectAttemptsError extends Error {
  readonly code: string | undefined;
  readonly primary: Error;
  constructor(readonly failures: readonly AttemptFailure[]) {
    super(failures.map((f) => f.error.message).join('\n'));
    this.name = 'ConnectAttemptsError';
    const tlsTry = failures.find((f) => f.attempt === 'tls' && !isNoTlsAnswer(f.error));
    this.primary = (tlsTry ?? failures[failures.length - 1]!).error;
    this.code = codeOf(this.primary) || undefined;
  }
}

/**
 * One failure as it was; several as one error that keeps them all. A TLS
 * try that only learnt the server has no TLS is no failure to libpq (it goes
 * on in plain, saying nothing): under prefer, a wrong password is said alone.
 */
export function failureOf(failures: readonly AttemptFailure[]): Error {
  const real = failures.length > 1 ? failures.filter((f) => !(f.attempt === 'tls' && isNoTlsAnswer(f.error))) : failures;
  const kept = real.length > 0 ? real : failures;
  return kept.length === 1 ? kept[0]!.error : new ConnectAttemptsError(kept);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs libpq's tries in order, the next only where libpq would make it. */
export async function tryInOrder<T>(mode: SslMode, attempts: readonly Attempt[], run: (attempt: Attempt) => Promise<T>): Promise<T> {
  const failures: AttemptFailure[] = [];
  let index = 0;
  for (;;) {
    const attempt = attempts[index]!;
    try {
      return await run(attempt);
    } catch (err) {
      const error = asError(err);
      failures.push({ attempt, error });
      if (index + 1 < attempts.length && triesNext(mode, attempt, error)) {
        index += 1;
        continue;
      }
      throw failureOf(failures);
    }
  }
}
