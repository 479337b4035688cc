/** What stopped a TLS connection before any byte of TLS was sent: the settings or their files. */
export type TlsSetupProblem =
  | 'noCaFile'
  | 'caFile'
  | 'certFile'
  | 'keyMissing'
  | 'keyFile'
  | 'keyPermissions'
  | 'keyPassphraseMissing'
  | 'keyPassphraseWrong'
  | 'keyMismatch'
  | 'settings';

/** Worded as libpq words it (so the log reads like psql's), the file named. */
export class TlsSetupError extends Error {
  readonly code = 'OPENHEXA_TLS_SETUP';
  constructor(
    readonly problem: TlsSetupProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

/** The server's certificate does not name the host (sslmode=verify-full). */
export class TlsHostMismatchError extends Error {
  readonly code = 'OPENHEXA_TLS_HOST_MISMATCH';
  constructor(
    readonly host: string,
    readonly names: readonly string[],
  ) {
    const first = names[0];
    const others = names.length - 1;
    super(
      first === undefined
        ? "could not get server's host name from server certificate"
        : `server certificate for "${first}"${others > 0 ? ` (and ${others} other name${others > 1 ? 's' : ''})` : ''} does not match host name "${host}"`,
    );
    this.name = 'TlsHostMismatchError';
  }
}
