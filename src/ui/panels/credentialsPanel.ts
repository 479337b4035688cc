import * as vscode from 'vscode';
import { postgresUrl } from '../../core/connectionUrl';
import { workspaceEnvNames } from '../../core/envNames';
import { may } from '../../core/roles';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import { workspaceRoleNames } from '../../core/workspaceNames';
import { regeneratePassword, revealPassword, type CredentialAccess, type WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import {
  credentialsToHostSchema,
  credentialsToWebviewSchema,
  type CopyField,
  type CredentialKind,
  type CredentialsToWebview,
  type CredentialsView,
} from '../../protocol/credentials';
import { CREDENTIALS_STRINGS } from '../../protocol/credentialsStrings';
import { roleLabel } from '../format';
import type { Log } from '../log';
import type { Sessions } from '../sessions';
import { localRoots, webviewHtml } from './webviewHtml';

const VIEW_TYPE = 'openhexa.credentials';

export function kindLabel(kind: CredentialKind): string {
  return kind === 'ro' ? vscode.l10n.t('read-only') : vscode.l10n.t('read/write');
}

/** Asks, naming what breaks; true when the admin confirmed. */
export async function confirmRegeneration(workspace: WorkspaceSummary, kind: CredentialKind): Promise<boolean> {
  const regenerate = vscode.l10n.t('Regenerate');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Regenerate the {0} password of "{1}"?', kindLabel(kind), workspace.name),
    {
      modal: true,
      detail:
        kind === 'ro'
          ? vscode.l10n.t('The current read-only password stops working at once: Superset, Tableau, Power BI and anything else using it must be given the new one.')
          : vscode.l10n.t('The current read/write password stops working at once: notebooks, pipelines and .env files using it must be given the new one.'),
    },
    regenerate,
  );
  return answer === regenerate;
}

/**
 * Controller of a workspace's credentials panel. Passwords stay on the
 * server until the user asks: reveal fetches one and sends it to the
 * webview, copy fetches it straight to the clipboard. Each is its own audit
 * record, committed by the server before it answers with the password.
 */
export class CredentialsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, CredentialsPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Passwords shown in the panel, only after an explicit reveal. */
  private readonly revealed = new Map<CredentialKind, string>();

  static show(extensionUri: vscode.Uri, sessions: Sessions, log: Log, profile: ServerProfile, workspace: WorkspaceSummary): CredentialsPanel {
    if (!may(workspace.role, 'seeCredentials')) {
      throw new Error(
        vscode.l10n.t('As a {0} of "{1}" you cannot see its database credentials. Ask a workspace admin for the Editor role.', roleLabel(workspace.role), workspace.name),
      );
    }
    const key = `${profileKey(profile)}/${workspace.slug}`;
    const existing = CredentialsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Credentials: {0}', workspace.name), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: localRoots(extensionUri),
    });
    const controller = new CredentialsPanel(panel, extensionUri, sessions, log, profile, workspace, key);
    CredentialsPanel.open.set(key, controller);
    return controller;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly sessions: Sessions,
    private readonly log: Log,
    private readonly profile: ServerProfile,
    private readonly workspace: WorkspaceSummary,
    private readonly key: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'openhexa.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'credentials', vscode.l10n.t('Credentials: {0}', workspace.name));
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
    );
  }

  private post(message: CredentialsToWebview): void {
    void this.panel.webview.postMessage(credentialsToWebviewSchema.parse(message));
  }

  private view(): CredentialsView {
    const roles = workspaceRoleNames(this.workspace.dbName);
    return {
      workspace: { name: this.workspace.name, slug: this.workspace.slug, dbName: this.workspace.dbName, role: this.workspace.role },
      host: this.profile.host,
      port: this.profile.port,
      sslRequired: ['require', 'verify-ca', 'verify-full'].includes(this.profile.sslmode),
      sets: (['ro', 'rw'] as const).map((kind) => ({
        kind,
        username: kind === 'ro' ? roles.ro : roles.rw,
        ...(this.revealed.has(kind) ? { password: this.revealed.get(kind) } : {}),
      })),
      canRegenerate: may(this.workspace.role, 'regeneratePassword'),
      envNames: Object.values(workspaceEnvNames()),
    };
  }

  /** One password, through the audited two-step catalog call. */
  private async fetch(kind: CredentialKind, access: CredentialAccess): Promise<string> {
    const credential = await this.sessions.catalog(this.profile, (c) => revealPassword(c, this.workspace.slug, kind, access));
    return credential.password;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = credentialsToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn('Credentials panel: ignored a malformed message');
      return;
    }
    const message = parsed.data;
    try {
      switch (message.type) {
        case 'ready':
          this.post({ type: 'init', strings: Object.fromEntries(CREDENTIALS_STRINGS.map((s) => [s, vscode.l10n.t(s)])), view: this.view() });
          return;
        case 'reveal':
          this.revealed.set(message.kind, await this.fetch(message.kind, 'reveal'));
          this.log.info(`Revealed the ${message.kind} password of workspace ${this.workspace.slug}`);
          this.post({ type: 'update', view: this.view() });
          return;
        case 'hide':
          this.revealed.delete(message.kind);
          this.post({ type: 'update', view: this.view() });
          return;
        case 'copy':
          await vscode.env.clipboard.writeText(await this.copyText(message.kind, message.field));
          this.post({ type: 'notice', text: vscode.l10n.t('Copied to the clipboard.'), error: false });
          return;
        case 'regenerate':
          await this.regenerate(message.kind);
          return;
      }
    } catch (err) {
      this.log.error(`Credentials panel (${this.workspace.slug})`, err);
      this.post({ type: 'notice', text: err instanceof Error ? err.message : String(err), error: true });
    }
  }

  private async copyText(kind: CredentialKind, field: CopyField): Promise<string> {
    const username = kind === 'ro' ? workspaceRoleNames(this.workspace.dbName).ro : workspaceRoleNames(this.workspace.dbName).rw;
    switch (field) {
      case 'host':
        return this.profile.host;
      case 'port':
        return String(this.profile.port);
      case 'database':
        return this.workspace.dbName;
      case 'username':
        return username;
      case 'password':
      case 'url':
      case 'env': {
        const password = await this.fetch(kind, 'copy');
        this.log.info(`Copied the ${kind} ${field} of workspace ${this.workspace.slug}`);
        const url = postgresUrl({ user: username, password, host: this.profile.host, port: this.profile.port, database: this.workspace.dbName });
        if (field === 'password') {
          return password;
        }
        if (field === 'url') {
          return url;
        }
        const names = workspaceEnvNames();
        return [
          `${names.host}=${this.profile.host}`,
          `${names.port}=${this.profile.port}`,
          `${names.dbName}=${this.workspace.dbName}`,
          `${names.username}=${username}`,
          `${names.password}=${password}`,
          `${names.url}=${url}`,
        ].join('\n');
      }
    }
  }

  async regenerate(kind: CredentialKind): Promise<void> {
    if (!(await confirmRegeneration(this.workspace, kind))) {
      return;
    }
    const fresh = await this.sessions.catalog(this.profile, (c) => regeneratePassword(c, this.workspace.slug, kind));
    this.log.info(`Regenerated the ${kind} password of workspace ${this.workspace.slug}`);
    // The regeneration's own audit record covers showing its result.
    if (this.revealed.has(kind)) {
      this.revealed.set(kind, fresh);
    }
    this.post({ type: 'update', view: this.view() });
    this.post({ type: 'notice', text: vscode.l10n.t('New {0} password set. The old one no longer works.', kindLabel(kind)), error: false });
  }

  static forWorkspace(profile: ServerProfile, slug: string): CredentialsPanel | undefined {
    return CredentialsPanel.open.get(`${profileKey(profile)}/${slug}`);
  }

  dispose(): void {
    CredentialsPanel.open.delete(this.key);
    this.revealed.clear();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }
}
