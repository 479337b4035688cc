import type * as vscode from 'vscode';
import type { Command } from '../platform/commands/command';
import type { Services } from '../platform/services';

/** A feature of the VS Code layer: its commands, and what else it sets up when the extension activates. */
export interface Feature {
  readonly commands: readonly Command[];
  activate?(context: vscode.ExtensionContext, services: Services): void;
}
