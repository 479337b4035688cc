/**
 * libpq's password file (~/.pgpass, or PGPASSFILE): lines of
 * host:port:database:username:password, "*" matching anything, "\" escaping
 * ":" and "\". The first matching line wins.
 */
export interface PgpassQuery {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
    } else if (ch === ':') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

export function pgpassLookup(content: string, query: PgpassQuery): string | undefined {
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim() === '' || raw.startsWith('#') ? undefined : raw;
    if (!line) {
      continue;
    }
    const fields = splitFields(line);
    if (fields.length < 5) {
      continue;
    }
    const [host, port, database, user] = fields;
    const password = fields.slice(4).join(':');
    const matches = (pattern: string | undefined, value: string) => pattern === '*' || pattern === value;
    const hostMatches = matches(host, query.host) || (host === 'localhost' && query.host === '127.0.0.1');
    if (hostMatches && matches(port, String(query.port)) && matches(database, query.database) && matches(user, query.user)) {
      return password;
    }
  }
  return undefined;
}
