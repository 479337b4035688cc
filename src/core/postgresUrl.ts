import { M } from './messages';
import { DEFAULT_PORT, SSL_MODES, type SslMode } from './serverProfile';
import type { TlsSettings } from './tls/tlsSettings';

export interface ParsedPostgresUrl {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string | undefined;
  sslmode: SslMode | undefined;
  /** The TLS files named in the query (libpq's sslrootcert, sslcert, sslkey). */
  tls: Omit<TlsSettings, 'sslmode'>;
  /** The client key's passphrase (libpq's sslpassword), a secret. */
  sslpassword: string | undefined;
}

/** Reads a pasted `postgresql://user:password@host:port/db?sslmode=...&sslrootcert=...` URL. */
export function parsePostgresUrl(text: string): ParsedPostgresUrl {
  const trimmed = text.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed)) {
    throw new Error(M.urlScheme);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(M.urlInvalid);
  }
  if (!url.hostname) {
    throw new Error(M.urlNoHost);
  }
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const sslParam = url.searchParams.get('sslmode');
  if (sslParam !== null && !(SSL_MODES as readonly string[]).includes(sslParam)) {
    throw new Error(M.sslmodeInvalid);
  }
  const decode = (v: string): string => {
    try {
      return decodeURIComponent(v);
    } catch {
      throw new Error(M.urlBadEscape);
    }
  };
  const database = decode(url.pathname.replace(/^\//, ''));
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decode(url.username),
    password: url.password === '' ? undefined : decode(url.password),
    database: database === '' ? undefined : database,
    sslmode: (sslParam ?? undefined) as SslMode | undefined,
    tls: Object.fromEntries(
      (['sslrootcert', 'sslcert', 'sslkey'] as const).flatMap((name) => {
        const value = url.searchParams.get(name);
        return value ? [[name, value]] : [];
      }),
    ),
    sslpassword: url.searchParams.get('sslpassword') ?? undefined,
  };
}
