import * as vscode from 'vscode';
import { connectionEnv } from '../../core/connections/connectionEnvNames';
import { dotenvLines } from '../../core/connections/envText';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../core/connections/types';
import type { Services } from '../../platform/services';
import type { WorkspaceSource } from '../../sources/workspaceSource';
import { refusalText } from '../notebooks/refusals';

/**
 * A connection's environment variables as .env lines, secrets included, on
 * the clipboard (the read is audited where the kind keeps an audit record).
 * Its type is looked up when the caller does not know it (the form).
 */
export async function copyConnectionEnv(services: Services, source: WorkspaceSource, connection: { readonly identifier: string; readonly name: string; readonly type?: ConnectionTypeId }): Promise<void> {
  const { identifier } = connection;
  const type = connection.type ?? (await source.connections()).find((c) => c.identifier === identifier)?.type ?? 'custom';
  const env = connectionEnv(CONNECTION_TYPES[type], identifier, await source.connectionValues(identifier, 'copy'));
  const lines = dotenvLines(env);
  if ('refused' in lines) {
    // Nothing reaches the clipboard: a paste into .env would set what the refusal names.
    throw new Error(refusalText({ key: identifier, ...lines.refused, variable: lines.refused.name }));
  }
  await vscode.env.clipboard.writeText(`${lines.text}\n`);
  const count = String(env.length);
  if (source.audited) {
    services.log.info(`Copied the environment variables of connection ${identifier} (${source.workspace.slug}); the read is in the audit log`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} environment variables of "{1}" to the clipboard, secrets included. The read is recorded in the audit log.', count, connection.name));
  } else {
    services.log.info(`Copied the environment variables of connection ${identifier} (${source.workspace.slug} at ${source.where})`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} environment variables of "{1}" to the clipboard, secrets included.', count, connection.name));
  }
}
