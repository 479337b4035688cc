import { z } from 'zod';
import { resolveTable, resolveWorkspace, type WorkspaceRef } from '../platform/commands/pickers';
import type { Services } from '../platform/services';
import type { WorkspaceNeed } from '../core/workspaceNeeds';
import { givenValues, isTreeNode, workspaceArg } from './commandArgs';
import { resolveSource } from '../sources/resolveSource';
import type { SourceTable, WorkspaceSource } from '../sources/workspaceSource';

/** A table or view: one in the tree, or `{ server, slug, schema, table }`, each part picked when left out. */
export const tableArg = workspaceArg({ schema: z.string().min(1), table: z.string().min(1) }, 'a table or view in the OpenHEXA Workspaces view, or { server, slug, schema, table }');

/** The workspace and the table a command was given, asking for what is missing (every member may read; `need` says what else the command needs). */
export async function resolveTableArg(services: Services, arg: z.output<typeof tableArg> | undefined, title: string, need: WorkspaceNeed = 'browse'): Promise<{ ref: WorkspaceRef; table: { schema: string; name: string } } | undefined> {
  const ref = await resolveWorkspace(services, arg, title, need);
  if (!ref) {
    return undefined;
  }
  const given = givenValues(arg);
  const node = arg && isTreeNode(arg) && arg.kind === 'table' ? arg.table : undefined;
  const table = await resolveTable(services, ref, node ?? (given.table === undefined ? undefined : { schema: given.schema ?? 'public', name: given.table }), title);
  return table ? { ref, table } : undefined;
}

/** The workspace (as a source) and the table a command was given, asking for what is missing. */
export async function resolveSourceTable(services: Services, arg: z.output<typeof tableArg> | undefined, title: string): Promise<{ source: WorkspaceSource; table: SourceTable } | undefined> {
  const found = await resolveSource(services, arg, title, 'browse');
  if (!found) {
    return undefined;
  }
  const given = givenValues(arg);
  const table = found.place.at === 'table' ? found.place.table : given.table !== undefined ? { schema: given.schema ?? 'public', name: given.table } : await found.source.pickTable(title);
  return table ? { source: found.source, table } : undefined;
}
