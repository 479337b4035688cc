/**
 * User-facing messages produced by the rules (no `vscode` here). Each is an
 * English sentence that is also its key in l10n/bundle.l10n.*.json, so the
 * VS Code layer shows it through `l10n.t(message)`. Keep them free of
 * interpolation: a unit test checks each one has a French translation.
 */
export const M = {
  superuserWarning:
    'This login is a superuser. Reading a workspace\'s data runs code its editors wrote (views, functions, policies) with your privileges, here with full power over the server, so the extension lists workspaces but previews, counts and exports nothing with this login. Connect with a login that has CREATEDB and CREATEROLE instead.',
  nameRequired: 'Name is required',
  nameTooLong: 'Name must be at most 80 characters',
  hostRequired: 'Host is required',
  hostTooLong: 'Host must be at most 255 characters',
  hostInvalid: 'Host must be a host name or an IP address, without spaces, "/" or "@"',
  portNotNumber: 'Port must be a number',
  portNotWhole: 'Port must be a whole number',
  portRange: 'Port must be between 1 and 65535',
  userRequired: 'User is required',
  userTooLong: 'User must be at most 63 bytes',
  catalogRequired: 'Catalog database is required',
  catalogTooLong: 'Catalog database must be at most 63 bytes',
  sslmodeInvalid: 'TLS mode must be one of disable, allow, prefer, require, verify-ca, verify-full',
  sslmodeWeakForSystem: 'With the system\'s CAs ("system"), the TLS mode must be verify-full',
  tlsFileInvalid: 'A file path, without line breaks',
  urlScheme: 'A PostgreSQL URL starts with postgresql:// (for example postgresql://user@host:5432/openhexa)',
  urlInvalid: 'This is not a valid URL: check for spaces or unescaped characters (use %40 for "@" in a password)',
  urlNoHost: 'The URL has no host: postgresql://user@HOST:5432/database',
  urlBadEscape: 'The URL has a malformed percent-encoded character',
  settingNotList: 'The setting must be a list of servers',
  serverUnreachable: 'The server cannot be reached: check the host and port, and that PostgreSQL is running and accepts TCP connections',
  serverTimeout: 'The server did not answer in time: check the host, the port and any firewall or VPN in between',
  authFailed: 'The server refused the user name or password',
  tlsRequired: 'The server requires an encrypted connection: set the TLS mode to "require" (or verify-ca / verify-full)',
  tlsUnsupported: 'The server does not support encrypted connections: set the TLS mode to "prefer" or "disable"',
  tlsUntrusted: 'The server\'s certificate is not signed by a CA this connection trusts: choose the CA certificate file your provider gives (on RDS, global-bundle.pem), or set the TLS mode to "require" to encrypt without verifying',
  tlsNoCaFile: 'This TLS mode verifies the server, but there is no CA certificate file: choose the CA file your provider gives, enter "system" for the operating system\'s CAs, or set the TLS mode to "require"',
  tlsCaFile: 'The CA certificate file cannot be used: it must be readable and hold PEM certificates (-----BEGIN CERTIFICATE-----)',
  tlsHostMismatch: 'The server\'s certificate is for {0}, not for {1}: connect with a host name the certificate holds, or set the TLS mode to "verify-ca" to check the CA only',
  tlsExpired: 'The server\'s certificate has expired or is not valid yet: its administrator must renew it (check this computer\'s date and time too)',
  tlsClientCertRequired: 'The server requires a client certificate for this login: choose your client certificate and its key',
  tlsClientCertRejected: 'The server refused the client certificate: it must be signed by a CA the server trusts and, where the server checks it, name this login',
  tlsClientFiles: 'The client certificate or its key cannot be used: check both files, that the key belongs to the certificate, and that only you can read the key (chmod 600)',
  tlsKeyPassphrase: 'The passphrase of the client key is wrong: enter the passphrase the key was encrypted with',
  tlsKeyPassphraseMissing: 'The client key is encrypted: enter its passphrase',
  tlsSettings: 'With the system\'s CAs ("system") the TLS mode must be verify-full: those CAs vouch for any server they signed, so only the host name check makes them safe',
  loginNotAllowed: 'The server does not accept this login from here (pg_hba.conf): ask the server administrator',
  unexpectedError: 'The server returned an error',
  diskFull: 'The server has no disk space left: free some space on it (or ask its administrator), then retry',
  tooManyConnections: 'The server has too many open connections: close some (other tools, notebooks), then retry',
  fullDatabase:
    'The workspace database has no free connection after {0} s of waiting: its connection limit is reached (members, BI tools, notebooks and pipelines share it). Close tools you do not use, ask the server\'s admin to raise the limit, or put a pooler such as PgBouncer in front of the server.',
  stoppedWaiting: 'Stopped waiting for a free connection. Try again when the server has room.',
  fullRole: 'Your login has no free connection after {0} s of waiting: its own connection limit is reached. Close other tools that use this login, or ask the server\'s admin to raise its limit.',
  fullServer:
    'The server has no free connection after {0} s of waiting: its max_connections is reached. Close tools you do not use, ask the server\'s admin to raise max_connections, or put a pooler such as PgBouncer in front of the server.',
  fullPooler:
    'The connection pooler gave no connection after {0} s of waiting: the server connections it may open are all in use (or it cannot reach the server). Try again in a moment, close tools you do not use, or ask the server\'s admin to look at the pooler (its default_pool_size and max_db_connections, and its log).',
} as const;

export type Message = (typeof M)[keyof typeof M];
