import * as vscode from 'vscode';
import type { Translate } from '../../core/logger';
import type { Services } from '../services';
import { userMessage } from '../userMessage';

/** What every panel's controller is given the same way: posting, VS Code's translation, the log, the language, failures in plain words, the clipboard. */
export function panelBasics<M>(services: Services, post: (message: M) => void) {
  return {
    post,
    t: ((text, ...args) => vscode.l10n.t(text, ...args)) as Translate,
    log: services.log,
    locale: vscode.env.language,
    describe: userMessage,
    writeClipboard: (text: string): Promise<void> => Promise.resolve(vscode.env.clipboard.writeText(text)),
  };
}
