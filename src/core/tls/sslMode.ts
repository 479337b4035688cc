/** libpq's sslmode values, weakest first; "prefer" is libpq's default. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export const DEFAULT_SSL_MODE: SslMode = 'prefer';

export function isSslMode(value: unknown): value is SslMode {
  return typeof value === 'string' && (SSL_MODES as readonly string[]).includes(value);
}

/** The modes under which libpq checks the server's certificate against a CA, whatever the CA file. */
export function verifiesServer(mode: SslMode): boolean {
  return mode === 'verify-ca' || mode === 'verify-full';
}

/** The modes under which no connection is ever made without TLS. */
export function alwaysEncrypted(mode: SslMode): boolean {
  return mode === 'require' || verifiesServer(mode);
}
