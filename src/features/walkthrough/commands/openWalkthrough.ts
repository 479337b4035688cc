import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';

/** Opens the extension's walkthrough directly (also from the palette). */
export const openWalkthrough = command('openhexa.openWalkthrough', [], ({ extensionId }) => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#openhexa.gettingStarted`, false));
