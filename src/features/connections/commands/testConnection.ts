import * as vscode from 'vscode';
import { connectionValues } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { testerFor } from '../../../testers';
import { connectionArg, resolveConnection } from '../resolveConnection';
import { say } from '../../../platform/say';

/** Tests a saved connection from this computer, with its service's protocol (editors and admins; the read of its values is audited). */
export const testConnection = command('openhexa.testConnection', [connectionArg({})], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Test Connection'), 'useConnection');
  if (!ref) {
    return;
  }
  const { connection } = ref;
  const tester = testerFor(connection.type);
  if (!tester) {
    void vscode.window.showInformationMessage(vscode.l10n.t('A custom connection has no service to test: its fields can hold anything.'));
    return;
  }
  const fields = await services.sessions.catalog(ref.profile, (c) => connectionValues(c, ref.workspace.slug, connection.identifier, 'test'));
  const values = Object.fromEntries(fields.map((f) => [f.code, f.value]));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}"…', connection.name), cancellable: true },
    (_progress, token) => {
      const cancel = new AbortController();
      token.onCancellationRequested(() => cancel.abort());
      return tester(values, { signal: cancel.signal });
    },
  );
  const message = say(outcome.said);
  if (outcome.ok) {
    services.log.info(`Test of connection ${connection.identifier} (${ref.workspace.slug}) passed`);
    void vscode.window.showInformationMessage(`${connection.name}: ${message}`);
  } else {
    services.log.warn(`Test of connection ${connection.identifier} (${ref.workspace.slug}) failed: ${outcome.said.text}${outcome.detail ? ` (${outcome.detail})` : ''}`);
    void vscode.window.showErrorMessage(`${connection.name}: ${message}`);
  }
});
