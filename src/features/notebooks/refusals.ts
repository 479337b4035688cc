import * as vscode from 'vscode';
import type { RefusedValue } from '../../core/notebooks/dotenvValue';
import { say } from '../../platform/say';

/** What of a workspace was not handed out, and why (a section of .env, a terminal's variables, the clipboard). */
export interface Refusal {
  /** "connection:my-db" or "database"; or the connection's identifier. */
  readonly key: string;
  readonly variable: string;
  readonly reason: 'reserved' | RefusedValue;
  readonly readBy?: string;
}

function whose(key: string): string {
  const identifier = key.startsWith('connection:') ? key.slice('connection:'.length) : key === 'database' ? undefined : key;
  return identifier === undefined ? vscode.l10n.t('The workspace database') : vscode.l10n.t('The connection {0}', identifier);
}

/** One sentence per refusal: whose, which variable, why, and what to do. */
export function refusalText(refusal: Refusal): string {
  const who = whose(refusal.key);
  switch (refusal.reason) {
    case 'reserved':
      return vscode.l10n.t(
        '{0} was left out: its variable {1} is read by {2}, and a connection must not set it on your machine. An admin of the workspace can change its identifier or field code.',
        who,
        refusal.variable,
        // The readers' names are keys of the French bundle too (core/env/reservedEnvNames).
        say(refusal.readBy ?? '?'),
      );
    case 'expands':
      return vscode.l10n.t('{0} was left out: the value of {1} holds "${…}", which python-dotenv and the Jupyter extension replace with another variable (a secret, perhaps).', who, refusal.variable);
    case 'separator':
      return vscode.l10n.t('{0} was left out: the value of {1} holds a line separator (U+2028 or U+2029), which the Jupyter extension drops.', who, refusal.variable);
    case 'no-text':
      return vscode.l10n.t(
        '{0} was left out: no .env line holds the value of {1} so that python-dotenv and the Jupyter extension read it back and a shell that sources the file runs nothing (it has both kinds of quotes, or a single quote beside $( or a backquote). Open Terminal with Workspace Variables gives it to a terminal instead.',
        who,
        refusal.variable,
      );
  }
}
