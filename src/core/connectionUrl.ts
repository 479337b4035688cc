/** postgresql://user[:password]@host:port/db with every part percent-encoded; without a password, none is written. */
export function postgresUrl(parts: { user: string; password?: string; host: string; port: number; database: string }): string {
  const host = parts.host.includes(':') ? `[${parts.host}]` : parts.host;
  const password = parts.password === undefined ? '' : `:${encodeURIComponent(parts.password)}`;
  return `postgresql://${encodeURIComponent(parts.user)}${password}@${host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}
