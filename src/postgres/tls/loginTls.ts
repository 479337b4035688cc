import * as os from 'node:os';
import type { SslMode } from '../../core/tls/sslMode';
import { effectiveTls, type TlsPlace, type TlsSettings } from '../../core/tls/tlsSettings';
import type { TlsFiles } from './tlsMaterial';

/** This process's environment and home folder, where libpq would look. */
export function hostPlace(): TlsPlace {
  return { env: process.env, home: os.homedir(), platform: process.platform };
}

/** A login's sslmode and TLS files from a profile's settings, with libpq's fallbacks applied. */
export function loginTls(settings: TlsSettings, keyPassphrase: string | undefined, place: TlsPlace = hostPlace()): { sslmode: SslMode; tls: TlsFiles } {
  const resolved = effectiveTls(settings, place);
  return {
    sslmode: resolved.sslmode,
    tls: { sslrootcert: resolved.sslrootcert, sslcert: resolved.sslcert, sslkey: resolved.sslkey, ...(keyPassphrase ? { sslpassword: keyPassphrase } : {}) },
  };
}
