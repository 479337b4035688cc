import * as vscode from 'vscode';
import type { WorkspaceNeed } from '../../core/workspaceNeeds';

/**
 * Why a command is refused before its first step: in one workspace (named),
 * or on a server where no workspace of the user allows it. PostgreSQL
 * would refuse it anyway; this says so before any question is asked.
 */
export function refusalOf(need: WorkspaceNeed, workspace: string | undefined, server?: string): string {
  if (workspace === undefined) {
    return need === 'platformAdmin'
      ? vscode.l10n.t('Only platform admins delete workspaces, and your login on {0} is not one.', server ?? '')
      : vscode.l10n.t('None of your workspaces on {0} allows this: {1}', server ?? '', whoMay(need));
  }
  switch (need) {
    case 'platformAdmin':
      return vscode.l10n.t('Only platform admins delete workspaces such as "{0}", and your login is not one: ask one of them.', workspace);
    case 'seeCredentials':
    case 'useConnection':
      return vscode.l10n.t('Viewers of "{0}" cannot read its credentials or connections\' values: ask an admin of the workspace for the editor role.', workspace);
    case 'write':
      return vscode.l10n.t('This writes to the database of "{0}": it needs the editor or admin role there.', workspace);
    case 'regeneratePassword':
      return vscode.l10n.t('Only the admins of "{0}" regenerate its passwords.', workspace);
    case 'manageConnections':
      return vscode.l10n.t('Only the admins of "{0}" create, change and delete its connections.', workspace);
    case 'manageMembers':
      return vscode.l10n.t('Only the admins of "{0}" add members and change their roles.', workspace);
    case 'browse':
    case 'listConnections':
      return vscode.l10n.t('You are not a member of "{0}".', workspace);
  }
}

function whoMay(need: Exclude<WorkspaceNeed, 'platformAdmin'>): string {
  switch (need) {
    case 'seeCredentials':
    case 'useConnection':
    case 'write':
      return vscode.l10n.t('it needs the editor or admin role.');
    case 'regeneratePassword':
    case 'manageConnections':
    case 'manageMembers':
      return vscode.l10n.t('it needs the admin role.');
    case 'browse':
    case 'listConnections':
      return vscode.l10n.t('you are a member of none.');
  }
}
