import * as vscode from 'vscode';
import type { WeakerTlsError } from './sessions';

/** What the tree and a failed command say when a profile would send the saved password under weaker TLS. */
export function weakerTlsMessage(err: WeakerTlsError): { message: string; detail: string } {
  const { profile, floor, now } = err;
  return {
    message: vscode.l10n.t('Not connected: this profile asks for weaker TLS ({0}) than your saved password was saved with ({1})', now.sslmode, floor.sslmode),
    detail: vscode.l10n.t('Your password for {0}@{1}:{2} is not sent until you confirm this profile (Confirm Weaker TLS): a folder\'s settings can repeat your login with weaker TLS to read it.', profile.user, profile.host, String(profile.port)),
  };
}
