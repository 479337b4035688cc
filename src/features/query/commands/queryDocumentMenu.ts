import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { command } from '../../../platform/commands/command';
import { bindByPicking, queryEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** The status bar item's menu: run on another workspace, allow writes or go back to read-only. */
export const queryDocumentMenu = command('openhexa.queryDocumentMenu', [documentArg], async (services, uri) => {
  const editor = queryEditor(uri);
  if (!editor) {
    return;
  }
  const { documents } = services.queries;
  const binding = documents.get(editor.document.uri);
  if (!binding) {
    await bindByPicking(services, editor.document);
    return;
  }
  type Choice = vscode.QuickPickItem & { run: () => unknown };
  const choices: Choice[] = [{ label: `$(database) ${vscode.l10n.t('Run on another workspace…')}`, run: () => bindByPicking(services, editor.document) }];
  if (may(binding.role, 'write')) {
    choices.push(
      binding.allowWrites
        ? { label: `$(lock) ${vscode.l10n.t('Back to read-only')}`, detail: vscode.l10n.t('Runs are read-only transactions, rolled back at their end.'), run: () => documents.setWrites(editor.document.uri, false) }
        : {
            label: `$(edit) ${vscode.l10n.t('Allow writes')}`,
            detail: vscode.l10n.t('Each run is one transaction: committed at its end, rolled back whole on an error. Until this document is closed.'),
            run: () => documents.setWrites(editor.document.uri, true),
          },
    );
  }
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('{0} · {1}', binding.workspaceName, editor.document.uri.scheme === 'untitled' ? editor.document.uri.path : vscode.workspace.asRelativePath(editor.document.uri)) });
  await picked?.run();
});
