import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client, PoolClient } from 'pg';
import type * as vscode from 'vscode';
import { pgpassLookup } from '../core/pgpass';
import type { ServerProfile } from '../core/serverProfile';
import { withConnection, type Login } from '../postgres/connect';
import { PoolRegistry } from '../postgres/pools';
import { hostPlace, loginTls } from '../postgres/tls/loginTls';
import type { TlsInUse } from '../postgres/tls/tlsInUse';
import { effectiveTls, type EffectiveTls } from '../core/tls/tlsSettings';
import type { ServerStore } from './serverStore';

/** Where a profile's password comes from, libpq's conventions after secret storage. */
function libpqPassword(profile: ServerProfile, database: string): string | undefined {
  if (process.env.PGPASSWORD) {
    return process.env.PGPASSWORD;
  }
  const file = process.env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass');
  try {
    return pgpassLookup(fs.readFileSync(file, 'utf8'), { host: profile.host, port: profile.port, database, user: profile.user });
  } catch {
    return undefined;
  }
}

/** Connections of the VS Code layer: one pool per server login and database. */
export class Sessions implements vscode.Disposable {
  private readonly pools = new PoolRegistry();

  constructor(private readonly store: ServerStore) {}

  async login(profile: ServerProfile, database: string): Promise<Login> {
    // Both secrets in one round trip to secret storage: this runs before every catalog call and read.
    const [stored, keyPassphrase] = await Promise.all([this.store.password(profile), this.store.keyPassphrase(profile)]);
    const password = stored ?? libpqPassword(profile, database);
    const { sslmode, tls } = loginTls(profile, keyPassphrase);
    return { host: profile.host, port: profile.port, user: profile.user, password, database, sslmode, tls };
  }

  /** The profile's TLS settings after libpq's fallbacks (PGSSLMODE…, ~/.postgresql). */
  tls(profile: ServerProfile): EffectiveTls {
    return effectiveTls(profile, hostPlace());
  }

  /** What TLS the product's last connection to this server had; undefined when none (or not connected yet). */
  tlsSeen(profile: ServerProfile): TlsInUse | undefined {
    return this.pools.tlsSeen(profile.host, profile.port);
  }

  async catalog<T>(profile: ServerProfile, run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.pools.withClient(await this.login(profile, profile.catalogDatabase), run);
  }

  /** Reads a workspace database: read-only, search_path pinned, ended by ROLLBACK (postgres/readOnly.ts). */
  async browse<T>(profile: ServerProfile, database: string, run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.pools.browse(await this.login(profile, database), run);
  }

  /** Writes to a workspace database (sample data) on a connection of its own, search_path pinned. */
  async write<T>(profile: ServerProfile, database: string, run: (client: Client) => Promise<T>): Promise<T> {
    return withConnection(await this.login(profile, database), run);
  }

  /** After a profile or its password changed. */
  forget(profile: ServerProfile): Promise<void> {
    return this.pools.closeServer(profile.host, profile.port, profile.user);
  }

  dispose(): void {
    void this.pools.dispose();
  }
}
