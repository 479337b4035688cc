import * as vscode from 'vscode';
import { removeMember as remove } from '../../../postgres/workspace/catalogCalls';
import type { Command } from '../../../platform/commands/command';
import { memberOf } from '../nodes/memberNode';

/** On a member in the tree, after a confirmation (admins). Their login itself is kept. */
export const removeMember: Command = {
  id: 'openhexa.removeMember',
  run: async ({ sessions, log, tree }, arg?: unknown) => {
    const node = memberOf(arg);
    const confirm = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove {0} from "{1}"?', node.member.login, node.workspace.name),
      { modal: true, detail: vscode.l10n.t('They lose access to its database at once. Their login itself is kept.') },
      confirm,
    );
    if (answer !== confirm) {
      return;
    }
    await sessions.catalog(node.profile, (c) => remove(c, node.workspace.slug, node.member.login));
    log.info(`Removed ${node.member.login} from ${node.workspace.slug}`);
    tree.refresh();
  },
};
