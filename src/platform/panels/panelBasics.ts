import * as vscode from 'vscode';
import type { Translate } from '../../core/logger';
import type { Services } from '../services';
import { userMessage } from '../userMessage';

/** What every panel's controller is given the same way: posting, VS Code's translation, the log, the language, failures in plain words, the clipboard. */
export function panelBasics<M>(services: Services, post: (message: M) => void) {
  return {
    post,
    t: ((text, ...args) => vscode.l10n.t(text, ...args)) as Translate,
    log: services.log,
    locale: vscode.env.language,
    describe: userMessage,
    writeClipboard: (text: string): Promise<void> => Promise.resolve(vscode.env.clipboard.writeText(text)),
  };
}

/** The save dialog, the progress notification with Cancel, and the "exported" message with Open, for a panel's CSV export. */
export function exportDialogs() {
  return {
    chooseExportFile: async (dialogTitle: string, defaultName: string): Promise<string | undefined> => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ title: dialogTitle, defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters: { CSV: ['csv'] } });
      return target?.fsPath;
    },
    choosePngFile: async (dialogTitle: string, defaultName: string): Promise<string | undefined> => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ title: dialogTitle, defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters: { PNG: ['png'] } });
      return target?.fsPath;
    },
    withExportProgress: <T>(progressTitle: string, run: (report: (message: string) => void, onCancel: (stop: () => void) => void) => Promise<T>): Promise<T> =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressTitle, cancellable: true }, (progress, token) =>
          run(
            (message) => progress.report({ message }),
            (stop) => token.onCancellationRequested(stop),
          ),
        ),
      ),
    announceExported: (text: string, file: string): void => {
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(text, open).then((picked) => picked === open && vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file)));
    },
  };
}
