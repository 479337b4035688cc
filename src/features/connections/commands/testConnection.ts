import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { say } from '../../../platform/say';
import { resolveSourceConnection, anyConnectionArg } from '../resolveConnection';

/** Tests a saved connection with its service's protocol (who may see its values; the read is audited on a server). */
export const testConnection = command('openhexa.testConnection', [anyConnectionArg], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Test Connection'), 'viewConnection');
  if (!found) {
    return;
  }
  const { source, connection } = found;
  if (connection.type === 'custom') {
    void vscode.window.showInformationMessage(vscode.l10n.t('A custom connection has no service to test: its fields can hold anything.'));
    return;
  }
  const values = Object.fromEntries((await source.connectionValues(connection.identifier, 'test')).map((f) => [f.code, f.value]));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}"…', connection.name), cancellable: true },
    (_progress, token) => {
      const cancel = new AbortController();
      token.onCancellationRequested(() => cancel.abort());
      return source.testConnection(connection.type, values, cancel.signal);
    },
  );
  if (!outcome) {
    return;
  }
  const message = say(outcome.said);
  const where = `${connection.identifier} (${source.workspace.slug} at ${source.where})`;
  if (outcome.ok) {
    services.log.info(`Test of connection ${where} passed`);
    void vscode.window.showInformationMessage(`${connection.name}: ${message}`);
  } else {
    services.log.warn(`Test of connection ${where} failed: ${outcome.said.text}${outcome.detail ? ` (${outcome.detail})` : ''}`);
    void vscode.window.showErrorMessage(`${connection.name}: ${message}`);
  }
});
