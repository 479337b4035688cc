import * as vscode from 'vscode';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { workspaceArg } from '../../commandArgs';

/** An untitled SQL document bound to a workspace: a workspace or its Database in the tree, `{ server, slug }`, or picks (every member). */
export const newQuery = command('openhexa.newQuery', [workspaceArg({})], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('New Query'));
  if (ref) {
    await services.queries.newQuery(ref.profile, ref.workspace, '');
  }
});
