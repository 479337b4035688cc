import { postgresUrl } from '../../core/connectionUrl';
import { workspaceEnvNames } from '../../core/env/databaseEnvNames';
import type { Logger, Translate } from '../../core/logger';
import { may, type WorkspaceRole } from '../../core/roles';
import { alwaysEncrypted, verifiesServer } from '../../core/tls/sslMode';
import { tlsUrlQuery, type HandedOutTls } from '../../core/tls/handedOutTls';
import { workspaceRoleNames } from '../../core/workspaceNames';
import type { CredentialAccess } from '../../postgres/workspace/catalogCalls';
import { credentialsToHostSchema, type CopyField, type CredentialKind, type CredentialsToWebview, type CredentialsView } from '../../protocol/credentials';
import { CREDENTIALS_STRINGS } from '../../protocol/credentialsStrings';

/** The workspace and server a credentials panel is about. */
export interface CredentialsTarget {
  readonly host: string;
  readonly port: number;
  /** What a BI tool elsewhere needs to connect as the product does (sslmode only: the files are this computer's). */
  readonly tls: HandedOutTls;
  readonly workspace: { readonly name: string; readonly slug: string; readonly dbName: string; readonly role: WorkspaceRole };
  /** The logins' names where the server names them (an OpenHEXA instance); else the product's own naming of the database's roles. */
  readonly usernames?: { readonly rw: string; readonly ro: string };
  /** Whether regenerating is offered, where the server says (OpenHEXA: editors and admins); else the product's roles (admins). */
  readonly canRegenerate?: boolean;
  /** The server records each reveal and copy (false: an OpenHEXA instance, which does not). */
  readonly audited?: boolean;
}

/** What the controller needs from outside; the panel glue passes VS Code's, tests pass their own. */
export interface CredentialsDeps {
  post(message: CredentialsToWebview): void;
  readonly t: Translate;
  readonly log: Logger;
  /** One password through the audited two-step catalog call. */
  fetchPassword(kind: CredentialKind, access: CredentialAccess): Promise<string>;
  /** A new password made by the server; the old one stops working. */
  regeneratePassword(kind: CredentialKind): Promise<string>;
  /** Asks, saying what breaks; true when confirmed. */
  confirmRegeneration(kind: CredentialKind): Promise<boolean>;
  writeClipboard(text: string): Promise<void>;
}

/**
 * A workspace's credentials panel, as messages in and out. Passwords stay on
 * the server until the user asks: a reveal fetches one and shows it, a copy
 * fetches it straight to the clipboard; each is its own audit record.
 */
export class CredentialsController {
  /** Passwords shown in the panel, only after an explicit reveal. */
  private readonly revealed = new Map<CredentialKind, string>();

  constructor(
    private readonly deps: CredentialsDeps,
    private readonly target: CredentialsTarget,
  ) {}

  /** A message from the webview, checked against the protocol; anything else is ignored and logged. */
  async receive(raw: unknown): Promise<void> {
    const parsed = credentialsToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn('Credentials panel: ignored a malformed message');
      return;
    }
    const message = parsed.data;
    const { t, post, log } = this.deps;
    const slug = this.target.workspace.slug;
    try {
      switch (message.type) {
        case 'ready':
          post({ type: 'init', strings: Object.fromEntries(CREDENTIALS_STRINGS.map((s) => [s, t(s)])), view: this.view() });
          return;
        case 'reveal':
          this.revealed.set(message.kind, await this.deps.fetchPassword(message.kind, 'reveal'));
          log.info(`Revealed the ${message.kind} password of workspace ${slug}`);
          post({ type: 'update', view: this.view() });
          return;
        case 'hide':
          this.revealed.delete(message.kind);
          post({ type: 'update', view: this.view() });
          return;
        case 'copy':
          await this.deps.writeClipboard(await this.copyText(message.kind, message.field));
          post({ type: 'notice', text: t('Copied to the clipboard.'), error: false });
          return;
        case 'regenerate':
          await this.regenerate(message.kind);
          return;
      }
    } catch (err) {
      log.error(`Credentials panel (${slug})`, err);
      post({ type: 'notice', text: err instanceof Error ? err.message : String(err), error: true });
    }
  }

  async regenerate(kind: CredentialKind): Promise<void> {
    if (!(await this.deps.confirmRegeneration(kind))) {
      return;
    }
    const fresh = await this.deps.regeneratePassword(kind);
    this.deps.log.info(`Regenerated the ${kind} password of workspace ${this.target.workspace.slug}`);
    // The regeneration's own audit record covers showing its result.
    if (this.revealed.has(kind)) {
      this.revealed.set(kind, fresh);
    }
    const { t, post } = this.deps;
    post({ type: 'update', view: this.view() });
    post({ type: 'notice', text: t('New {0} password set. The old one no longer works.', kind === 'ro' ? t('read-only') : t('read/write')), error: false });
  }

  /** Forgets what was revealed (the panel closed). */
  dispose(): void {
    this.revealed.clear();
  }

  private username(kind: CredentialKind): string {
    const roles = this.target.usernames ?? workspaceRoleNames(this.target.workspace.dbName);
    return kind === 'ro' ? roles.ro : roles.rw;
  }

  private view(): CredentialsView {
    const { host, port, tls, workspace } = this.target;
    return {
      workspace,
      host,
      port,
      sslRequired: tls.sslmode !== undefined && alwaysEncrypted(tls.sslmode),
      ...(tls.sslmode ? { sslmode: tls.sslmode } : {}),
      verifyServer: tls.sslmode !== undefined && verifiesServer(tls.sslmode),
      urlQuery: tlsUrlQuery(tls),
      sets: (['ro', 'rw'] as const).map((kind) => ({ kind, username: this.username(kind), ...(this.revealed.has(kind) ? { password: this.revealed.get(kind) } : {}) })),
      canRegenerate: this.target.canRegenerate ?? may(workspace.role, 'regeneratePassword'),
      audited: this.target.audited ?? true,
      envNames: Object.values(workspaceEnvNames()),
    };
  }

  private async copyText(kind: CredentialKind, field: CopyField): Promise<string> {
    const { host, port, workspace } = this.target;
    const username = this.username(kind);
    switch (field) {
      case 'host':
        return host;
      case 'port':
        return String(port);
      case 'database':
        return workspace.dbName;
      case 'username':
        return username;
      case 'password':
      case 'url':
      case 'env': {
        const password = await this.deps.fetchPassword(kind, 'copy');
        this.deps.log.info(`Copied the ${kind} ${field} of workspace ${workspace.slug}`);
        const url = postgresUrl({ user: username, password, host, port, database: workspace.dbName }) + tlsUrlQuery(this.target.tls);
        if (field === 'password') {
          return password;
        }
        if (field === 'url') {
          return url;
        }
        const names = workspaceEnvNames();
        return [
          `${names.host}=${host}`,
          `${names.port}=${port}`,
          `${names.dbName}=${workspace.dbName}`,
          `${names.username}=${username}`,
          `${names.password}=${password}`,
          `${names.url}=${url}`,
        ].join('\n');
      }
    }
  }
}
