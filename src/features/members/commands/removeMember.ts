import * as vscode from 'vscode';
import { removeMember as remove } from '../../../postgres/workspace/catalogCalls';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { memberArg, memberOf } from '../memberArg';
import { sayWhatSessionsKeep } from '../sessionsEnded';

/** On a member in the tree, after a confirmation (admins). Their login itself is kept. */
export const removeMember = command('openhexa.removeMember', [memberArg], async (services, arg) => {
  const node = memberOf(arg);
  if (!(await resolveWorkspace(services, node, vscode.l10n.t('Remove Member'), 'manageMembers'))) {
    return;
  }
  const confirm = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} from "{1}"?', node.member.login, node.workspace.name),
    { modal: true, detail: vscode.l10n.t('They lose access to its database at once. Their login itself is kept.') },
    confirm,
  );
  if (answer !== confirm) {
    return;
  }
  const ended = await services.sessions.catalog(node.profile, (c) => remove(c, node.workspace.slug, node.member.login));
  services.log.info(`Removed ${node.member.login} from ${node.workspace.slug}`);
  sayWhatSessionsKeep(services, node.member.login, ended);
  services.tree.refresh();
});
