import * as vscode from 'vscode';
import { setMemberRole } from '../../../postgres/workspace/catalogCalls';
import type { Command } from '../../../platform/commands/command';
import { pickRole } from '../../../platform/commands/pickers';
import { memberOf } from '../nodes/memberNode';

/** On a member in the tree, `(member, role)` (admins). */
export const changeMemberRole: Command = {
  id: 'openhexa.changeMemberRole',
  run: async ({ sessions, log, tree }, arg?: unknown, roleArg?: unknown) => {
    const node = memberOf(arg);
    const role = await pickRole(vscode.l10n.t('New role of {0} in {1}', node.member.login, node.workspace.name), roleArg);
    if (!role) {
      return;
    }
    await sessions.catalog(node.profile, (c) => setMemberRole(c, node.workspace.slug, node.member.login, role));
    log.info(`Changed the role of ${node.member.login} in ${node.workspace.slug} to ${role}`);
    tree.refresh();
  },
};
