import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';

/** Opens the extension's walkthrough directly (also from the palette). */
export const openWalkthrough: Command = {
  id: 'openhexa.openWalkthrough',
  run: ({ extensionId }) => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#openhexa.gettingStarted`, false),
};
