// The workspace database, reached directly with the credentials OpenHEXA
// hands to editors and admins: the read-only login for browsing, previews
// and the console, the read/write one where the user writes. The product's
// own paging, TLS and budget then apply as on a PostgreSQL server.
import type { DatabaseLogin } from '../core/notebooks/databaseEnv';
import type { HandedOutTls } from '../core/tls/handedOutTls';
import type { SslMode } from '../core/tls/sslMode';
import { connect, type Login } from '../postgres/connect';
import type { OpenHexaCredentials } from './operations';

/** A login for the product's pools; libpq's default sslmode (prefer) unless the profile says more. */
export function databaseLogin(credentials: OpenHexaCredentials, sslmode: SslMode = 'prefer'): Login {
  return { host: credentials.host, port: credentials.port, user: credentials.username, password: credentials.password, database: credentials.dbName, sslmode };
}

/**
 * The query console's login on an instance's workspace database: the
 * read-only credentials for read-only runs, so the database itself refuses
 * a write there; the read/write ones when the document allows writes.
 */
export function consoleLogin(credentials: { readonly rw: OpenHexaCredentials; readonly ro: OpenHexaCredentials }, mode: 'read-only' | 'writes'): Login {
  return databaseLogin(mode === 'writes' ? credentials.rw : credentials.ro);
}

/** WORKSPACE_DATABASE_* for a notebook's .env, from the same credentials. */
export function envLogin(credentials: OpenHexaCredentials, tls: HandedOutTls): DatabaseLogin {
  return { host: credentials.host, port: credentials.port, dbName: credentials.dbName, username: credentials.username, password: credentials.password, tls };
}

/** Errors that say the database does not answer from this computer (a firewall, a private network), not that it refused the login. */
const UNREACHABLE = /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|timeout expired|connection timeout/i;

/** How long a database that answered is taken to answer still: each probe is a login on the team's server. */
const REACHED_FOR_MS = 10 * 60_000;
const reached = new Map<string, number>();

/**
 * Whether the workspace database answers from here: a refused login still
 * counts as reachable (the preview then says why). An answer is remembered
 * for ten minutes per host and port, so previews one after another cost no
 * probe login; one that did not answer is tried again each time.
 */
export async function databaseReachable(login: Login, now: () => number = Date.now): Promise<boolean> {
  const place = `${login.host}:${login.port}`;
  const at = reached.get(place);
  if (at !== undefined && now() - at < REACHED_FOR_MS) {
    return true;
  }
  try {
    const client = await connect(login);
    await client.end();
  } catch (err) {
    const text = err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err);
    if (UNREACHABLE.test(text)) {
      reached.delete(place);
      return false;
    }
  }
  reached.set(place, now());
  return true;
}
