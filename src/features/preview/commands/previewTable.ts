import * as vscode from 'vscode';
import { z } from 'zod';
import { command } from '../../../platform/commands/command';
import { resolveTable, resolveWorkspace } from '../../../platform/commands/pickers';
import { givenValues, isTreeNode, workspaceArg } from '../../commandArgs';
import { PreviewPanel } from '../previewPanel';

const previewArg = workspaceArg({ schema: z.string().min(1), table: z.string().min(1) }, 'a table or view in the OpenHEXA Workspaces view, or { server, slug, schema, table }');

/** The preview of a table or view: a table in the tree, `{ server, slug, schema, table }`, or picks (every member). */
export const previewTable = command('openhexa.previewTable', [previewArg], async (services, arg) => {
  const ref = await resolveWorkspace(services, arg, vscode.l10n.t('Preview Table'));
  if (!ref) {
    return;
  }
  const given = givenValues(arg);
  const node = arg && isTreeNode(arg) && arg.kind === 'table' ? arg.table : undefined;
  const table = await resolveTable(services, ref, node ?? (given.table === undefined ? undefined : { schema: given.schema ?? 'public', name: given.table }));
  if (table) {
    await PreviewPanel.show(services, ref.profile, ref.workspace, table);
    services.walkthrough.done('preview');
  }
});
