import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { loadSampleData as load } from '../../../localServer/sampleData';
import type { Command } from '../../../platform/commands/command';
import { progress, resolveWorkspace } from '../../../platform/commands/pickers';

/** Fills a workspace with the Sandbox's sample tables (refuses if they exist). */
export const loadSampleData: Command = {
  id: 'openhexa.loadSampleData',
  run: async (services, arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Load Sample Data'));
    if (!ref) {
      return;
    }
    if (!may(ref.workspace.role, 'write')) {
      throw new Error(vscode.l10n.t('Loading sample data writes to "{0}": it needs the Editor or Admin role.', ref.workspace.name));
    }
    await progress(vscode.l10n.t('Loading sample data into "{0}"…', ref.workspace.name), () => services.sessions.write(ref.profile, ref.workspace.dbName, (c) => load(c)));
    services.tree.refresh();
  },
};
