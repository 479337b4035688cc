import * as vscode from 'vscode';

/**
 * In Restricted Mode the folder is not trusted: its settings may choose
 * where secrets go (python.envFile, a server profile). What writes secrets
 * to this machine (.env, a terminal's environment) refuses, saying how to
 * trust the folder.
 */
export function requireTrust(title: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(
      vscode.l10n.t('{0} is not available in Restricted Mode: the folder\'s settings could choose where your secrets go. Trust the folder (Manage Workspace Trust) to use it.', title),
    );
  }
}
