import * as vscode from 'vscode';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import { credentialsToHostSchema, credentialsToWebviewSchema, type CredentialKind, type CredentialsToHost, type CredentialsToWebview } from '../../protocol/credentials';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import type { WorkspaceSource } from '../../sources/workspaceSource';
import { CredentialsController, type CredentialsDeps, type CredentialsTarget } from './credentialsController';

const SPEC = { viewType: 'openhexa.credentials', app: 'credentials', toHost: credentialsToHostSchema, toWebview: credentialsToWebviewSchema };

export function kindLabel(kind: CredentialKind): string {
  return kind === 'ro' ? vscode.l10n.t('read-only') : vscode.l10n.t('read/write');
}

/** Asks, naming what breaks; true when the admin confirmed. */
export async function confirmRegeneration(workspace: Pick<WorkspaceSummary, 'name'>, kind: CredentialKind): Promise<boolean> {
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

/** A workspace's credentials panel in VS Code: the controller's logic over a panel, the catalog and the clipboard. */
export class CredentialsPanel {
  private static readonly panels = new PanelRegistry<CredentialsPanel>();
  private readonly host: PanelHost<CredentialsToHost, CredentialsToWebview>;
  private readonly controller: CredentialsController;

  /** The credentials panel of a workspace, whichever kind of server keeps its passwords; a second call reveals the open tab. */
  static async show(services: Services, source: WorkspaceSource): Promise<CredentialsPanel> {
    const refused = source.refusal('seeCredentials');
    if (refused) {
      throw new Error(refused);
    }
    const open = CredentialsPanel.panels.get(source.key);
    if (open) {
      open.reveal();
      return open;
    }
    const { passwords, target } = await source.credentials();
    return CredentialsPanel.open(services, source.key, passwords, target);
  }

  private static open(services: Services, key: string, source: Pick<CredentialsDeps, 'fetchPassword' | 'regeneratePassword'>, target: CredentialsTarget): CredentialsPanel {
    return CredentialsPanel.panels.showOrCreate(key, () => new CredentialsPanel(services, key, source, target));
  }

  /** The open credentials panel of this source's workspace, if any. */
  static forSource(source: Pick<WorkspaceSource, 'key'>): CredentialsPanel | undefined {
    return CredentialsPanel.panels.get(source.key);
  }

  private constructor(services: Services, key: string, source: Pick<CredentialsDeps, 'fetchPassword' | 'regeneratePassword'>, target: CredentialsTarget) {
    const { log } = services;
    const { workspace } = target;
    const title = vscode.l10n.t('Credentials: {0}', workspace.name);
    this.host = new PanelHost(services.extensionUri, SPEC, title, log, (message) => this.controller.receive(message), () => {
      CredentialsPanel.panels.forget(key);
      this.controller.dispose();
    });
    this.controller = new CredentialsController(
      {
        post: (message) => this.host.post(message),
        t: (text, ...args) => vscode.l10n.t(text, ...args),
        log,
        ...source,
        confirmRegeneration: (kind) => confirmRegeneration(workspace, kind),
        writeClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      },
      target,
    );
  }

  /** Regenerate from the command palette while the panel is open: the panel shows the result. */
  regenerate(kind: CredentialKind): Promise<void> {
    return this.controller.regenerate(kind);
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }
}
