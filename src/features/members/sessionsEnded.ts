import * as vscode from 'vscode';
import type { SessionsEnded } from '../../postgres/workspace/catalogCalls';
import type { Services } from '../../platform/services';

/**
 * Tells the admin what became of the member's open sessions after a role
 * change: a session keeps the role it started with, so those left open
 * (a running notebook, a pooler's server connection) keep the old one.
 */
export function sayWhatSessionsKeep(services: Pick<Services, 'log'>, login: string, ended: SessionsEnded): void {
  if (ended.closed > 0) {
    services.log.info(`Ended ${ended.closed} open session(s) of ${login} on the workspace database so that the new role applies to them`);
  }
  if (ended.leftOpen > 0) {
    services.log.warn(`${ended.leftOpen} session(s) of ${login} on the workspace database keep the old role until they reconnect`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Sessions of {0} still open on the workspace database: {1}. They keep the old role until they reconnect: ask {0} to reconnect, or the server\'s admin to end them (or to grant pg_signal_backend to the catalog\'s owner, so that a role change ends them).',
        login,
        String(ended.leftOpen),
      ),
    );
  }
}
