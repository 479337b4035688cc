import * as vscode from 'vscode';
import { z } from 'zod';
import { WORKSPACE_ROLES } from '../../../core/roles';
import { command } from '../../../platform/commands/command';
import { pickRole } from '../../../platform/commands/pickers';
import { memberArg, memberOf } from '../memberArg';

/** On a member in the tree, `(member, role)` (who may manage the workspace's members). */
export const changeMemberRole = command('openhexa.changeMemberRole', [memberArg, z.enum(WORKSPACE_ROLES).describe("'viewer', 'editor' or 'admin'")], async (services, arg, roleArg) => {
  const { source, member } = memberOf(arg);
  const role = await pickRole(vscode.l10n.t('New role of {0} in {1}', member.name, source.workspace.name), roleArg);
  if (!role) {
    return;
  }
  await source.setMemberRole(member.name, role);
  services.log.info(`Changed the role of ${member.name} in ${source.workspace.slug} to ${role}`);
  services.tree.refresh();
});
