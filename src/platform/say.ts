import * as vscode from 'vscode';
import type { Said } from '../core/said';

/**
 * The one way the VS Code layer shows a sentence the rules wrote (messages.ts,
 * the testers' and the connection form's messages, a login failure): its
 * English text is its key in l10n/bundle.l10n.*.json, its values fill {0}, {1}…
 */
export function say(message: string | Said): string {
  return typeof message === 'string' ? vscode.l10n.t(message) : vscode.l10n.t(message.text, ...message.args);
}
