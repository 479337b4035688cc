import * as vscode from 'vscode';
import { terminalEnvironment, type WorkspaceSection } from '../../core/notebooks/workspaceEnvFile';
import type { Services } from '../../platform/services';
import { refusalText } from './refusals';

/**
 * A terminal whose environment holds a workspace's variables (and libpq's
 * PG* for psql), a server's or an instance's: sections whose names a
 * program would act on are left out and said. It is not restored after a
 * reload (its environment would be stored to restore it).
 */
export function openVariablesTerminal(services: Services, workspace: { readonly slug: string; readonly name: string }, sections: readonly WorkspaceSection[], tls: Readonly<Record<string, string>>, set: string): void {
  const { env, refused } = terminalEnvironment(sections, tls);
  for (const refusal of refused) {
    services.log.warn(`Left ${refusal.key} of workspace ${workspace.slug} out of the terminal: ${refusal.reason} (${refusal.variable})`);
    void vscode.window.showWarningMessage(refusalText(refusal));
  }
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('OpenHEXA: {0}', workspace.name),
    env,
    iconPath: new vscode.ThemeIcon('database'),
    isTransient: true,
  });
  terminal.show();
  services.log.info(`Opened a terminal with the ${Object.keys(env).length} variables of workspace ${workspace.slug} (${set} login)`);
}
