import * as vscode from 'vscode';
import type { Command } from '../../../platform/commands/command';
import { resolveTable, resolveWorkspace } from '../../../platform/commands/pickers';
import { PreviewPanel } from '../previewPanel';

/** The preview of a table or view: a table in the tree, `{ server, slug, schema, table }`, or picks (every member). */
export const previewTable: Command = {
  id: 'openhexa.previewTable',
  run: async (services, arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Preview Table'));
    if (!ref) {
      return;
    }
    const table = await resolveTable(services, ref, arg);
    if (table) {
      await PreviewPanel.show(services, ref.profile, ref.workspace, table);
      services.walkthrough.done('preview');
    }
  },
};
