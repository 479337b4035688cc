/**
 * User-facing messages produced by the rules (no `vscode` here). Each is an
 * English sentence that is also its key in l10n/bundle.l10n.*.json, so the
 * VS Code layer shows it through `l10n.t(message)`. Keep them free of
 * interpolation: a unit test checks each one has a French translation.
 */
export const M = {
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
  sslmodeInvalid: 'TLS mode must be one of disable, prefer, require, verify-ca, verify-full',
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
  tlsCertificate: 'The server certificate could not be verified: use "require" to encrypt without verifying, or install the CA certificate',
  loginNotAllowed: 'The server does not accept this login from here (pg_hba.conf): ask the server administrator',
  unexpectedError: 'The server returned an error',
  diskFull: 'The server has no disk space left: free some space on it (or ask its administrator), then retry',
  tooManyConnections: 'The server has too many open connections: close some (other tools, notebooks), then retry',
} as const;

export type Message = (typeof M)[keyof typeof M];
