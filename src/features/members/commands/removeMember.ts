import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { memberArg, memberOf } from '../memberArg';

/** On a member in the tree, after a confirmation (who may manage the workspace's members). Their login itself is kept. */
export const removeMember = command('openhexa.removeMember', [memberArg], async (services, arg) => {
  const { source, member } = memberOf(arg);
  const confirm = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} from "{1}"?', member.name, source.workspace.name),
    { modal: true, detail: vscode.l10n.t('They lose access to its database at once. Their login itself is kept.') },
    confirm,
  );
  if (answer !== confirm) {
    return;
  }
  await source.removeMember(member.name);
  services.log.info(`Removed ${member.name} from ${source.workspace.slug}`);
  services.tree.refresh();
});
