import { postgresUrl } from '../connectionUrl';
import { workspaceEnvNames } from '../env/databaseEnvNames';
import { tlsUrlQuery, type HandedOutTls } from '../tls/handedOutTls';
import type { EnvEntry } from './envFileBlock';

/** Which login the workspace database's variables hold. */
export const DATABASE_SETS = ['rw', 'ro'] as const;
export type DatabaseSet = (typeof DATABASE_SETS)[number];

export interface DatabaseLogin {
  readonly host: string;
  readonly port: number;
  readonly dbName: string;
  readonly username: string;
  readonly password: string;
  /** The TLS settings the URL carries (core/tls/handedOutTls). */
  readonly tls: HandedOutTls;
}

/**
 * WORKSPACE_DATABASE_*, as OpenHEXA's notebooks get them (the SDK does
 * int() on the port and reads the URL as is). The URL is percent-encoded and
 * carries the TLS settings a program on this computer needs (sslmode, and
 * the CA and client certificate files where they matter).
 */
export function databaseEnv(login: DatabaseLogin): EnvEntry[] {
  const names = workspaceEnvNames();
  const base = postgresUrl({ user: login.username, password: login.password, host: login.host, port: login.port, database: login.dbName });
  return [
    { name: names.host, value: login.host },
    { name: names.port, value: String(login.port) },
    { name: names.dbName, value: login.dbName },
    { name: names.username, value: login.username },
    { name: names.password, value: login.password },
    { name: names.url, value: `${base}${tlsUrlQuery(login.tls)}` },
  ];
}

/** The names, for "are they in the file yet?". */
export function databaseEnvNames(): string[] {
  return Object.values(workspaceEnvNames());
}
