import * as vscode from 'vscode';
import type { Services } from '../services';
import { userMessage } from '../userMessage';
import { ArgumentsError, type Command } from './command';

function argumentsMessage(err: ArgumentsError): string {
  return err.expected === undefined
    ? vscode.l10n.t('The command {0} takes no argument {1}. Run it from the OpenHEXA Workspaces view or the Command Palette.', err.command, String(err.position))
    : vscode.l10n.t('The command {0} cannot use its argument {1}: it takes {2}. Run it from the OpenHEXA Workspaces view or the Command Palette.', err.command, String(err.position), err.expected);
}

/**
 * Registers every command with its arguments checked once, and the one error
 * wrapper: a failure is logged and said in plain words, never thrown at VS Code.
 */
export function registerCommands(context: vscode.ExtensionContext, services: Services, commands: readonly Command[]): void {
  for (const command of commands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await command.invoke(services, args);
        } catch (err) {
          services.log.error(`Command ${command.id} failed`, err);
          void vscode.window.showErrorMessage(vscode.l10n.t('OpenHEXA: {0}', err instanceof ArgumentsError ? argumentsMessage(err) : userMessage(err)));
          return undefined;
        }
      }),
    );
  }
}
