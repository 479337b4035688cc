import * as vscode from 'vscode';
import { connectionEnv } from '../../../core/connections/connectionEnvNames';
import { dotenvLines } from '../../../core/connections/envText';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { connectionValues } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { refusalText } from '../../notebooks/refusals';
import { connectionArg, resolveConnection } from '../resolveConnection';

/** The connection's environment variables as .env lines, secrets included, on the clipboard (editors and admins; audited). */
export const copyConnectionEnv = command('openhexa.copyConnectionEnv', [connectionArg({})], async (services, arg) => {
  const ref = await resolveConnection(services, arg, vscode.l10n.t('Copy Environment Variables'), 'useConnection');
  if (!ref) {
    return;
  }
  const { connection } = ref;
  const fields = await services.sessions.catalog(ref.profile, (c) => connectionValues(c, ref.workspace.slug, connection.identifier, 'copy'));
  const env = connectionEnv(CONNECTION_TYPES[connection.type], connection.identifier, fields);
  const lines = dotenvLines(env);
  if ('refused' in lines) {
    // Nothing reaches the clipboard: a paste into .env would set what the refusal names.
    throw new Error(refusalText({ key: connection.identifier, ...lines.refused, variable: lines.refused.name }));
  }
  await vscode.env.clipboard.writeText(`${lines.text}\n`);
  services.log.info(`Copied the environment variables of connection ${connection.identifier} (${ref.workspace.slug}); the read is in the audit log`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied {0} environment variables of "{1}" to the clipboard, secrets included. The read is recorded in the audit log.', String(env.length), connection.name),
  );
});
