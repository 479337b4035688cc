import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { checkHostName, parseSubjectAltName } from '../../core/tls/hostNameCheck';
import { verifiesServer, type SslMode } from '../../core/tls/sslMode';
import { SYSTEM_ROOT_CERT, tlsSettingsProblem } from '../../core/tls/tlsSettings';
import { TlsHostMismatchError, TlsSetupError } from './tlsSetupError';

/** The files of a login's TLS, after libpq's fallbacks (undefined: no file at all), and the key's passphrase. */
export interface TlsFiles {
  readonly sslrootcert?: string;
  readonly sslcert?: string;
  readonly sslkey?: string;
  readonly sslpassword?: string;
}

/** What a TLS attempt hands to Node's tls.connect, and what it will have checked. */
export interface TlsMaterial {
  readonly options: ConnectionOptions;
  readonly verifyChain: boolean;
  readonly verifyHost: boolean;
  readonly clientCertificate: boolean;
  /** A problem libpq reports once the server has agreed to TLS (not before: a server without TLS is said first). */
  readonly deferred?: TlsSetupError;
}

/**
 * tls.connect refuses this at once, inside pg's own try, after the server
 * said yes to TLS: so a deferred problem surfaces exactly where libpq
 * reports it.
 */
const REFUSED_BY_TLS_CONNECT = 'openhexa-tls-setup-failed' as tls.SecureVersion;
export const SENTINEL_ERROR_CODE = 'ERR_TLS_INVALID_PROTOCOL_VERSION';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

function pemBlocks(text: string, label: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] === label).map((m) => m[0]);
}

/** Where OpenSSL keeps the trusted CAs on Linux and the BSDs (the first that exists). */
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/ssl/cert.pem',
];

/**
 * sslrootcert=system: OpenSSL's default store, as libpq uses it. Node 23.5+
 * reads the OS store itself; before that, the bundle file OpenSSL reads
 * (SSL_CERT_FILE, else the distribution's), and on macOS and Windows,
 * which keep theirs in no file, Node's own copy of Mozilla's list.
 */
function systemRootCertificates(): string[] {
  // Read once per process: a system bundle is some 150 certificates, and a pool opens many connections.
  systemRoots ??= readSystemRoots();
  return systemRoots;
}

let systemRoots: string[] | undefined;

function readSystemRoots(): string[] {
  const fromNode = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (typeof fromNode === 'function') {
    try {
      return fromNode('system');
    } catch {
      // Older signature: fall through to the files.
    }
  }
  for (const file of [process.env.SSL_CERT_FILE, ...SYSTEM_BUNDLES]) {
    if (file && fs.existsSync(file)) {
      try {
        return pemBlocks(fs.readFileSync(file, 'utf8'), 'CERTIFICATE');
      } catch {
        // Unreadable: try the next one.
      }
    }
  }
  return [...tls.rootCertificates];
}

function reason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'EACCES') {
    return 'Permission denied';
  }
  if (code === 'EISDIR') {
    return 'Is a directory';
  }
  return err instanceof Error ? err.message : String(err);
}

function missing(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The CA certificates a TLS try verifies the server with; undefined: it does not verify. */
function rootCertificates(mode: SslMode, file: string | undefined): string[] | undefined {
  if (file === SYSTEM_ROOT_CERT) {
    return systemRootCertificates();
  }
  let text: string | undefined;
  if (file !== undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (!missing(err)) {
        throw new TlsSetupError('caFile', `could not read root certificate file "${file}": ${reason(err)}`);
      }
    }
  }
  if (text === undefined) {
    if (verifiesServer(mode)) {
      throw new TlsSetupError(
        'noCaFile',
        file === undefined
          ? 'could not get home directory to locate root certificate file'
          : `root certificate file "${file}" does not exist\nEither provide the file or change sslmode to disable server certificate verification.`,
      );
    }
    // libpq: no root certificate, no verification (sslmode allow, prefer, require).
    return undefined;
  }
  const ca = pemBlocks(text, 'CERTIFICATE');
  // libpq loads CRLs found here but checks them only with sslcrl (or ~/.postgresql/root.crl), which the product does not take: they are ignored, as libpq then ignores them.
  if (ca.length === 0 && pemBlocks(text, 'X509 CRL').length === 0) {
    throw new TlsSetupError('caFile', `could not read root certificate file "${file}": no certificate or crl found`);
  }
  return ca;
}

/** libpq's rule for private key files (not on Windows): the owner only, or root and its group reading. */
function keyPermissionProblem(file: string, stat: fs.Stats): string | undefined {
  if (process.platform === 'win32') {
    return undefined;
  }
  const euid = typeof process.geteuid === 'function' ? process.geteuid() : -1;
  if ((stat.uid === euid && (stat.mode & 0o077) !== 0) || (stat.uid === 0 && (stat.mode & 0o037) !== 0)) {
    return `private key file "${file}" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root`;
  }
  return undefined;
}

function privateKey(file: string, passphrase: string | undefined): crypto.KeyObject {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new TlsSetupError('keyMissing', `certificate present, but not private key file "${file}"`);
  }
  if (!stat.isFile()) {
    throw new TlsSetupError('keyFile', `private key file "${file}" is not a regular file`);
  }
  const loose = keyPermissionProblem(file, stat);
  if (loose) {
    throw new TlsSetupError('keyPermissions', loose);
  }
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (err) {
    throw new TlsSetupError('keyFile', `could not load private key file "${file}": ${reason(err)}`);
  }
  const text = raw.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(text);
    if (encrypted && !passphrase) {
      throw new TlsSetupError('keyPassphraseMissing', `could not load private key file "${file}": the key is encrypted and no passphrase was given`);
    }
    try {
      return crypto.createPrivateKey({ key: raw, format: 'pem', ...(passphrase ? { passphrase } : {}) });
    } catch (err) {
      if (encrypted) {
        throw new TlsSetupError('keyPassphraseWrong', `could not load private key file "${file}": bad decrypt`);
      }
      throw new TlsSetupError('keyFile', `could not load private key file "${file}": ${reason(err)}`);
    }
  }
  // libpq also takes a DER (binary) key.
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return crypto.createPrivateKey({ key: raw, format: 'der', type });
    } catch {
      // Try the next encoding.
    }
  }
  throw new TlsSetupError('keyFile', `could not load private key file "${file}": no start line`);
}

interface ClientIdentity {
  readonly cert: string;
  readonly key: string;
}

function clientIdentity(files: TlsFiles): ClientIdentity | undefined {
  const file = files.sslcert;
  if (file === undefined) {
    return undefined;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    // libpq goes on without a client certificate when the file is not there.
    if (missing(err)) {
      return undefined;
    }
    throw new TlsSetupError('certFile', `could not open certificate file "${file}": ${reason(err)}`);
  }
  const chain = pemBlocks(text, 'CERTIFICATE');
  if (chain.length === 0) {
    throw new TlsSetupError('certFile', `could not read certificate file "${file}": no start line`);
  }
  const keyFile = files.sslkey;
  if (keyFile === undefined) {
    throw new TlsSetupError('keyMissing', `certificate present, but not private key file`);
  }
  const key = privateKey(keyFile, files.sslpassword);
  let matches = false;
  try {
    matches = new crypto.X509Certificate(chain[0]!).checkPrivateKey(key);
  } catch (err) {
    throw new TlsSetupError('certFile', `could not read certificate file "${file}": ${reason(err)}`);
  }
  if (!matches) {
    throw new TlsSetupError('keyMismatch', `certificate does not match private key file "${keyFile}": key values mismatch`);
  }
  return { cert: chain.join('\n'), key: key.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function commonNameOf(cert: PeerCertificate): string | undefined {
  const cn = (cert.subject as Record<string, string | string[] | undefined> | undefined)?.CN;
  return Array.isArray(cn) ? cn[cn.length - 1] : cn;
}

/** verify-full's host name check, libpq's rules (core/tls/hostNameCheck). */
function hostChecker(host: string): (servername: string, cert: PeerCertificate) => Error | undefined {
  return (_servername, cert) => {
    const check = checkHostName(host, { ...parseSubjectAltName(cert.subjectaltname), commonName: commonNameOf(cert) });
    return check.ok ? undefined : new TlsHostMismatchError(host, check.examined);
  };
}

/**
 * Reads a TLS attempt's files as libpq does (root certificate, then client
 * certificate, then its key) and says what the attempt will verify: the
 * chain wherever a root certificate is there (libpq: "require" with a CA
 * file behaves as "verify-ca"), the host name under verify-full only.
 */
export function tlsMaterial(host: string, mode: SslMode, files: TlsFiles | undefined): TlsMaterial {
  const verifyHost = mode === 'verify-full';
  try {
    const refused = tlsSettingsProblem({ sslmode: mode, sslrootcert: files?.sslrootcert ?? '' });
    if (refused) {
      throw new TlsSetupError('settings', refused);
    }
    const ca = rootCertificates(mode, files?.sslrootcert);
    const identity = files ? clientIdentity(files) : undefined;
    const verifyChain = ca !== undefined;
    return {
      options: {
        rejectUnauthorized: verifyChain,
        ...(ca ? { ca } : {}),
        ...(identity ? { cert: identity.cert, key: identity.key } : {}),
        checkServerIdentity: verifyHost ? hostChecker(host) : () => undefined,
      },
      verifyChain,
      verifyHost,
      clientCertificate: identity !== undefined,
    };
  } catch (err) {
    if (!(err instanceof TlsSetupError)) {
      throw err;
    }
    return { options: { minVersion: REFUSED_BY_TLS_CONNECT }, verifyChain: false, verifyHost, clientCertificate: false, deferred: err };
  }
}
