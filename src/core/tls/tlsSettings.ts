import { DEFAULT_SSL_MODE, isSslMode, type SslMode } from './sslMode';

/** libpq 16's sslrootcert value that means "the operating system's trusted CAs". */
export const SYSTEM_ROOT_CERT = 'system';

/** The TLS settings of a server profile, as libpq names them; each may be left out. */
export interface TlsSettings {
  readonly sslmode?: SslMode;
  readonly sslrootcert?: string;
  readonly sslcert?: string;
  readonly sslkey?: string;
}

/** The environment variables libpq reads for a setting that was not given. */
export const TLS_ENV_NAMES = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
} as const satisfies Record<keyof TlsSettings, string>;

/** Settings after libpq's fallbacks: the mode is known, and each file has a path (perhaps one that does not exist). */
export interface EffectiveTls {
  readonly sslmode: SslMode;
  /** A file, or SYSTEM_ROOT_CERT. */
  readonly sslrootcert: string;
  readonly sslcert: string;
  readonly sslkey: string;
}

export interface TlsPlace {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (libpq looks in ~/.postgresql). */
  readonly home: string;
  /** process.platform's value ("win32", "linux"…). */
  readonly platform: string;
}

/** Where libpq looks for a file nobody named: ~/.postgresql, or %APPDATA%\postgresql on Windows. */
export function defaultTlsFiles(place: TlsPlace): { sslrootcert: string; sslcert: string; sslkey: string } {
  const windows = place.platform === 'win32';
  const sep = windows ? '\\' : '/';
  const dir = windows ? `${place.env.APPDATA ?? place.home}${sep}postgresql` : `${place.home}${sep}.postgresql`;
  return { sslrootcert: `${dir}${sep}root.crt`, sslcert: `${dir}${sep}postgresql.crt`, sslkey: `${dir}${sep}postgresql.key` };
}

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);

/** Why libpq would refuse these settings before connecting; undefined when it would not. */
export function tlsSettingsProblem(tls: Pick<EffectiveTls, 'sslmode' | 'sslrootcert'>): string | undefined {
  if (tls.sslrootcert === SYSTEM_ROOT_CERT && tls.sslmode !== 'verify-full') {
    // libpq 16: the system's CAs vouch for any host they signed, so only a host name check makes them meaningful.
    return `weak sslmode "${tls.sslmode}" may not be used with sslrootcert=system (use "verify-full")`;
  }
  return undefined;
}

/**
 * libpq's order for each setting: the profile, then its environment
 * variable, then the default (a file under ~/.postgresql; the mode
 * "prefer", or "verify-full" when the root certificate is "system").
 */
export function effectiveTls(settings: TlsSettings, place: TlsPlace): EffectiveTls {
  const defaults = defaultTlsFiles(place);
  const envMode = given(place.env[TLS_ENV_NAMES.sslmode]);
  const sslrootcert = given(settings.sslrootcert) ?? given(place.env[TLS_ENV_NAMES.sslrootcert]) ?? defaults.sslrootcert;
  const mode = settings.sslmode ?? (isSslMode(envMode) ? envMode : undefined) ?? (sslrootcert === SYSTEM_ROOT_CERT ? 'verify-full' : DEFAULT_SSL_MODE);
  return {
    sslmode: mode,
    sslrootcert,
    sslcert: given(settings.sslcert) ?? given(place.env[TLS_ENV_NAMES.sslcert]) ?? defaults.sslcert,
    sslkey: given(settings.sslkey) ?? given(place.env[TLS_ENV_NAMES.sslkey]) ?? defaults.sslkey,
  };
}

/** What the environment says, for a form that starts empty (only what is set). */
export function tlsSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): TlsSettings {
  const mode = given(env[TLS_ENV_NAMES.sslmode]);
  const out: { -readonly [K in keyof TlsSettings]?: TlsSettings[K] } = {};
  if (isSslMode(mode)) {
    out.sslmode = mode;
  }
  for (const key of ['sslrootcert', 'sslcert', 'sslkey'] as const) {
    const value = given(env[TLS_ENV_NAMES[key]]);
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}
