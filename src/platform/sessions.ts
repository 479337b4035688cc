import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client, PoolClient } from 'pg';
import type * as vscode from 'vscode';
import { pgpassLookup } from '../core/pgpass';
import { profileKey, type ServerProfile } from '../core/serverProfile';
import type { WorkspaceRole } from '../core/roles';
import { syncOwnSessionRole, syncSessionRoles } from '../postgres/workspace/sessionRoles';
import { withConnection, type Login } from '../postgres/connect';
import { PoolRegistry, type ConnectionLimits } from '../postgres/pools';
import { QueryRunner } from '../postgres/query/queryRunner';
import { PreviewSession } from '../postgres/preview/previewSession';
import type { Priority } from '../postgres/budget/connectionGate';
import type { FullLimit } from '../postgres/budget/serverFull';
import type { Logger } from '../core/logger';
import { hostPlace, loginTls } from '../postgres/tls/loginTls';
import type { TlsInUse } from '../postgres/tls/tlsInUse';
import { effectiveTls, type EffectiveTls } from '../core/tls/tlsSettings';
import { weakerThan, type TlsFloor } from '../core/tls/tlsFloor';
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

/**
 * A profile would send the saved password under weaker TLS than it was saved
 * with (core/tls/tlsFloor): nothing is sent until the user confirms this
 * profile by name (Confirm Weaker TLS).
 */
export class WeakerTlsError extends Error {
  constructor(
    readonly profile: ServerProfile,
    readonly floor: TlsFloor,
    readonly now: EffectiveTls,
  ) {
    super(`The profile "${profile.label}" would send the saved password of ${profile.user}@${profile.host}:${profile.port} with sslmode=${now.sslmode}, weaker than the ${floor.sslmode} it was saved with`);
    this.name = 'WeakerTlsError';
  }
}

/** What the window shows of its waits: the Logs, and "Waiting for a free connection…" with Cancel. */
export interface WaitDisplay {
  readonly log: Logger;
  serverFull(server: string, limit: FullLimit): { readonly done: () => void; readonly signal?: AbortSignal };
}

const WHAT: Record<Priority, string> = { page: 'a preview page', interactive: 'the tree or a command', background: 'a count or an export' };

/**
 * Connections of the VS Code layer: one pool per server login and database,
 * within the window's budget (openhexa.connections.*): previews, the tree,
 * counts and exports share it.
 */
export class Sessions implements vscode.Disposable {
  private readonly pools: PoolRegistry;
  /** Session-role checks already made in this window (postgres/workspace/sessionRoles). */
  private readonly sessionRolesChecked = new Set<string>();

  constructor(
    private readonly store: ServerStore,
    limits: Partial<ConnectionLimits> = {},
    display?: WaitDisplay,
  ) {
    this.pools = new PoolRegistry(limits, {
      queued: (login, priority, state) =>
        display?.log.info(`Waiting in this window's queue for a connection to ${login.database} on ${login.host}:${login.port}: ${WHAT[priority]} (${state.inUse} of ${state.limit} in use, ${state.waiting} waiting)`),
      serverFull: (login, limit) => {
        display?.log.warn(
          limit === 'pooler'
            ? `The pooler at ${login.host}:${login.port} holds a connection to ${login.database} in its queue (its server connections are all in use); waiting`
            : `${login.host}:${login.port} refused a connection to ${login.database} (${limit} connection limit reached); trying again`,
        );
        const label = this.store.read().profiles.find((p) => p.host === login.host && p.port === login.port && p.user === login.user)?.label;
        return display?.serverFull(label ?? `${login.host}:${login.port}`, limit) ?? { done: () => undefined };
      },
    });
  }

  /** The settings changed. */
  setLimits(limits: Partial<ConnectionLimits>): void {
    this.pools.setLimits(limits);
  }

  /** A preview panel's reads, within this window's budget for the database. */
  preview(login: Login, schema: string, table: string): PreviewSession {
    return new PreviewSession(login, schema, table, this.pools);
  }

  /** A query document's runs, within this window's budget for the database. */
  queryRunner(login: Login): QueryRunner {
    return new QueryRunner(this.pools.source(login));
  }

  async login(profile: ServerProfile, database: string): Promise<Login> {
    // The secrets in one round trip to secret storage: this runs before every catalog call and read.
    const [stored, keyPassphrase, floor] = await Promise.all([this.store.password(profile), this.store.keyPassphrase(profile), this.store.passwordFloor(profile)]);
    if (stored !== undefined && floor && weakerThan(this.tls(profile), floor)) {
      throw new WeakerTlsError(profile, floor, this.tls(profile));
    }
    const password = stored ?? libpqPassword(profile, database);
    const { sslmode, tls } = loginTls(profile, keyPassphrase);
    return { host: profile.host, port: profile.port, user: profile.user, password, database, sslmode, tls, ...(profile.pooler ? { pooler: true } : {}) };
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

  /** Reads a database with a login given whole (an OpenHEXA instance's credentials): as browse. */
  browseAs<T>(login: Login, run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.pools.browse(login, run);
  }

  /** Writes to a workspace database (sample data) on a connection of its own, search_path pinned. */
  async write<T>(profile: ServerProfile, database: string, run: (client: Client) => Promise<T>): Promise<T> {
    return withConnection(await this.login(profile, database), run);
  }

  /**
   * Once per window: the login's own sessions in this workspace database act
   * as its writer group exactly while it is an editor or admin there (a
   * member added by a workspace admin, whom only the login itself may set).
   */
  ensureOwnSessionRole(profile: ServerProfile, workspace: { readonly dbName: string; readonly role: WorkspaceRole }): void {
    this.once(`${profileKey(profile)}|${workspace.dbName}|${workspace.role}`, () => this.catalog(profile, (c) => syncOwnSessionRole(c, workspace.dbName, workspace.role)));
  }

  /** Once per window, for a platform admin: every workspace's logins act as their role says (the ones it may set). */
  ensureSessionRoles(profile: ServerProfile): void {
    this.once(profileKey(profile), () => this.catalog(profile, (c) => syncSessionRoles(c)));
  }

  private once(key: string, run: () => Promise<unknown>): void {
    if (this.sessionRolesChecked.has(key)) {
      return;
    }
    this.sessionRolesChecked.add(key);
    // Best effort, in the background: a failure (server gone) is tried again next time.
    run().catch(() => this.sessionRolesChecked.delete(key));
  }

  /** After a profile or its password changed. */
  forget(profile: ServerProfile): Promise<void> {
    return this.pools.closeServer(profile.host, profile.port, profile.user);
  }

  dispose(): void {
    void this.pools.dispose();
  }
}
