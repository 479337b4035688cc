import * as vscode from 'vscode';
import type { Services } from '../services';
import { userMessage } from '../userMessage';
import type { Command } from './command';

/** Registers every command with the one error wrapper: a failure is logged and said in plain words, never thrown at VS Code. */
export function registerCommands(context: vscode.ExtensionContext, services: Services, commands: readonly Command[]): void {
  for (const command of commands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await command.run(services, ...args);
        } catch (err) {
          services.log.error(`Command ${command.id} failed`, err);
          void vscode.window.showErrorMessage(vscode.l10n.t('OpenHEXA: {0}', userMessage(err)));
          return undefined;
        }
      }),
    );
  }
}
