/**
 * Masks what looks like a secret before text reaches a log or an error
 * message: passwords in connection URLs and in key=value / JSON pairs.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@\s/]*@/gi;
const PAIR_PASSWORD = /((?:password|passwd|pwd|secret|token|access_key_secret|service_account_key)["']?\s*[:=]\s*["']?)([^"'\s,;&}]+)/gi;

// SQL as PostgreSQL logs it with a failed statement: ... PASSWORD 'secret'
const SQL_PASSWORD = /(\bPASSWORD\s+)(?:E?'(?:[^']|'')*'|\$\$[\s\S]*?\$\$)/gi;

export const MASK = '••••••';

export function redactSecrets(text: string): string {
  return text.replace(SQL_PASSWORD, `$1'${MASK}'`).replace(URL_PASSWORD, `$1${MASK}@`).replace(PAIR_PASSWORD, `$1${MASK}`);
}
