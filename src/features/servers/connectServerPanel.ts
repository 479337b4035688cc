import * as vscode from 'vscode';
import type { ConnectForm } from '../../protocol/connectServer';
import { toHostSchema, toWebviewSchema, type ToHost, type ToWebview } from '../../protocol/connectServer';
import { initializeCatalog } from '../../postgres/catalog/migrate';
import { probeServer } from '../../postgres/probeServer';
import { hostPlace } from '../../postgres/tls/loginTls';
import type { Log } from '../../platform/log';
import { PanelHost, PanelRegistry } from '../../platform/panels/panelHost';
import type { ServerStore } from '../../platform/serverStore';
import { ConnectServerController } from './connectServerController';

const SPEC = { viewType: 'openhexa.connectServer', app: 'connectServer', toHost: toHostSchema, toWebview: toWebviewSchema };

/**
 * A path on the machine the extension runs on, as the file dialog takes it:
 * in a remote window (code-server, SSH) that is the remote's scheme, not file:.
 */
function localFileUri(fsPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && folder.scheme !== 'file' ? folder.with({ path: fsPath }) : vscode.Uri.file(fsPath);
}

/** The "Connect to a Server" panel in VS Code: the controller's logic over a panel, PostgreSQL, the store and the file dialog. One at a time, revealed if open. */
export class ConnectServerPanel {
  private static readonly panels = new PanelRegistry<ConnectServerPanel>();
  private readonly host: PanelHost<ToHost, ToWebview>;

  static show(extensionUri: vscode.Uri, store: ServerStore, log: Log, initial: Partial<ConnectForm> = {}): ConnectServerPanel {
    return ConnectServerPanel.panels.showOrCreate('connect', () => new ConnectServerPanel(extensionUri, store, log, initial));
  }

  private constructor(extensionUri: vscode.Uri, store: ServerStore, log: Log, initial: Partial<ConnectForm>) {
    const controller = new ConnectServerController({
      post: (message) => this.host.post(message),
      t: (text, ...args) => vscode.l10n.t(text, ...args),
      log,
      place: hostPlace(),
      workspaceScopeAvailable: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      initial,
      pickFile: async (dialog, current) => {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          canSelectFolders: false,
          ...dialog,
          openLabel: vscode.l10n.t('Choose'),
          ...(current ? { defaultUri: localFileUri(current) } : {}),
        });
        return picked?.[0]?.fsPath;
      },
      probe: probeServer,
      initialize: initializeCatalog,
      storedPassphrase: (profile) => Promise.resolve(store.keyPassphrase(profile)),
      save: (profile, password, scope, keyPassphrase) => store.save(profile, password, scope, keyPassphrase),
      inform: (text) => void vscode.window.showInformationMessage(text),
      close: () => this.dispose(),
    });
    this.host = new PanelHost(extensionUri, SPEC, vscode.l10n.t('Connect to a Server'), log, (message) => controller.receive(message), () => ConnectServerPanel.panels.forget('connect'));
  }

  reveal(): void {
    this.host.reveal();
  }

  dispose(): void {
    this.host.dispose();
  }
}
