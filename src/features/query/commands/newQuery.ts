import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveSource } from '../../../sources/resolveSource';
import { workspaceArg } from '../../commandArgs';

/** An untitled SQL document bound to a workspace: a workspace or its Database in the tree (of a server or an instance), `{ server, slug }`, or picks (every member). */
export const newQuery = command('openhexa.newQuery', [workspaceArg({})], async (services, arg) => {
  const found = await resolveSource(services, arg, vscode.l10n.t('New Query'), 'browse');
  if (found) {
    await found.source.newQuery('');
  }
});
