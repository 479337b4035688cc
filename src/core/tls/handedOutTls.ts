import { alwaysEncrypted, verifiesServer, type SslMode } from './sslMode';
import type { EffectiveTls } from './tlsSettings';

/** The TLS settings given along with credentials to another program (a BI tool, a notebook, psql). */
export interface HandedOutTls {
  readonly sslmode?: SslMode;
  readonly sslrootcert?: string;
  readonly sslcert?: string;
  readonly sslkey?: string;
}

/** What the product's own connections to the server showed. */
export interface TlsSeen {
  readonly clientCertificate: boolean;
}

/**
 * What another program needs to connect as the product does:
 * - the profile's mode when it always encrypts; "require" when the product's
 *   connections are encrypted under allow or prefer (the server may require
 *   it, and a BI tool's default may be no TLS at all); on this computer
 *   only, else the mode unless it is libpq's default;
 * - on this computer only (a notebook, a terminal), the files: the CA for a
 *   mode that verifies, the client certificate and key when the server got one.
 */
export function handedOutTls(tls: EffectiveTls, seen: TlsSeen | undefined, onThisComputer: boolean): HandedOutTls {
  const encrypted = alwaysEncrypted(tls.sslmode) ? tls.sslmode : seen && tls.sslmode !== 'disable' ? 'require' : undefined;
  if (!onThisComputer) {
    // Another machine's choice of plain or TLS is its own: only a requirement travels.
    return encrypted ? { sslmode: encrypted } : {};
  }
  const sslmode = encrypted ?? (tls.sslmode === 'prefer' ? undefined : tls.sslmode);
  return {
    ...(sslmode ? { sslmode } : {}),
    ...(verifiesServer(tls.sslmode) ? { sslrootcert: tls.sslrootcert } : {}),
    ...(seen?.clientCertificate ? { sslcert: tls.sslcert, sslkey: tls.sslkey } : {}),
  };
}

/** "?sslmode=require&sslrootcert=…" for a postgresql:// URL (libpq's query names), or ''. */
export function tlsUrlQuery(tls: HandedOutTls): string {
  const pairs = (['sslmode', 'sslrootcert', 'sslcert', 'sslkey'] as const).flatMap((name) => {
    const value = tls[name];
    return value ? [`${name}=${encodeURIComponent(value)}`] : [];
  });
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** libpq's PGSSL* variables for the same settings (a terminal's psql). */
export function tlsEnvironment(tls: HandedOutTls): Record<string, string> {
  const out: Record<string, string> = {};
  if (tls.sslmode) out.PGSSLMODE = tls.sslmode;
  if (tls.sslrootcert) out.PGSSLROOTCERT = tls.sslrootcert;
  if (tls.sslcert) out.PGSSLCERT = tls.sslcert;
  if (tls.sslkey) out.PGSSLKEY = tls.sslkey;
  return out;
}
