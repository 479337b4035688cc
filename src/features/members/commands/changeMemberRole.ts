import * as vscode from 'vscode';
import { z } from 'zod';
import { WORKSPACE_ROLES } from '../../../core/roles';
import { setMemberRole } from '../../../postgres/workspace/catalogCalls';
import { command } from '../../../platform/commands/command';
import { pickRole, resolveWorkspace } from '../../../platform/commands/pickers';
import { memberArg, memberOf } from '../memberArg';
import { sayWhatSessionsKeep } from '../sessionsEnded';

/** On a member in the tree, `(member, role)` (admins). */
export const changeMemberRole = command('openhexa.changeMemberRole', [memberArg, z.enum(WORKSPACE_ROLES).describe("'viewer', 'editor' or 'admin'")], async (services, arg, roleArg) => {
  const node = memberOf(arg);
  const title = vscode.l10n.t('New role of {0} in {1}', node.member.login, node.workspace.name);
  if (!(await resolveWorkspace(services, node, title, 'manageMembers'))) {
    return;
  }
  const role = await pickRole(title, roleArg);
  if (!role) {
    return;
  }
  const ended = await services.sessions.catalog(node.profile, (c) => setMemberRole(c, node.workspace.slug, node.member.login, role));
  services.log.info(`Changed the role of ${node.member.login} in ${node.workspace.slug} to ${role}`);
  sayWhatSessionsKeep(services, node.member.login, ended);
  services.tree.refresh();
});
