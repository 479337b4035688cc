import * as vscode from 'vscode';
import { loadSampleData as load } from '../../../localServer/sampleData';
import { command } from '../../../platform/commands/command';
import { workspaceArg } from '../../commandArgs';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';

/** Fills a workspace with the Sandbox's sample tables (refuses if they exist). */
export const loadSampleData = command('openhexa.loadSampleData', [workspaceArg({})], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Load Sample Data'), 'write');
  if (!ref) {
    return;
  }
  await progress(vscode.l10n.t('Loading sample data into "{0}"…', ref.workspace.name), () => services.sessions.write(ref.profile, ref.workspace.dbName, (c) => load(c)));
  services.tree.refresh();
});
