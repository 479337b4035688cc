import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { copyConnectionEnv as copyToClipboard } from '../copyConnectionEnv';
import { resolveSourceConnection, anyConnectionArg } from '../resolveConnection';

/** The connection's environment variables as .env lines, secrets included, on the clipboard (who may see its values; audited on a server). */
export const copyConnectionEnv = command('openhexa.copyConnectionEnv', [anyConnectionArg], async (services, arg) => {
  const found = await resolveSourceConnection(services, arg, vscode.l10n.t('Copy Environment Variables'), 'viewConnection');
  if (found) {
    await copyToClipboard(services, found.source, found.connection);
  }
});
