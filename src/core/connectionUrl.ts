/** postgresql://user:password@host:port/db with every part percent-encoded. */
export function postgresUrl(parts: { user: string; password: string; host: string; port: number; database: string }): string {
  const host = parts.host.includes(':') ? `[${parts.host}]` : parts.host;
  return `postgresql://${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}@${host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}
