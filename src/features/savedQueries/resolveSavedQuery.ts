import * as vscode from 'vscode';
import { z } from 'zod';
import { listSavedQueries, type SavedQuerySummary } from '../../postgres/savedQueries/savedQueryCalls';
import { argOrPick, resolveWorkspace, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { workspaceArg } from '../commandArgs';
import type { SavedQueryNode } from './nodes/savedQueryNode';

export interface SavedQueryRef extends WorkspaceRef {
  readonly query: SavedQuerySummary;
}

/** A saved query: its node, or `{ server, slug, query }` (each picked when left out). */
export const savedQueryArg = workspaceArg({ query: z.string().min(1) }, 'a saved query (or a node of its workspace) in the OpenHEXA Workspaces view, or { server, slug, query }');
type SavedQueryArg = z.output<typeof savedQueryArg>;

function isSavedQueryNode(arg: SavedQueryArg | undefined): arg is SavedQueryNode {
  return arg !== undefined && 'kind' in arg && arg.kind === 'savedQuery';
}

/** A saved query from its tree node, from `{ server, slug, query }`, or picked among those the member may read; `which` narrows the pick. */
export async function resolveSavedQuery(services: Services, arg: SavedQueryArg | undefined, title: string, which: (q: SavedQuerySummary) => boolean = () => true): Promise<SavedQueryRef | undefined> {
  if (isSavedQueryNode(arg)) {
    // Its workspace's catalog (only a server keeps saved queries).
    const ref = await resolveWorkspace(services, arg, title);
    return ref && { ...ref, query: arg.query };
  }
  const ref = await resolveWorkspace(services, arg, title);
  if (!ref) {
    return undefined;
  }
  const queries = await services.sessions.catalog(ref.profile, (c) => listSavedQueries(c, ref.workspace.slug));
  const slug = arg && 'query' in arg ? arg.query : undefined;
  if (slug !== undefined) {
    const found = queries.find((q) => q.slug === slug);
    if (!found) {
      throw new Error(vscode.l10n.t('The workspace "{0}" has no query "{1}" that you may read.', ref.workspace.name, slug));
    }
    return { ...ref, query: found };
  }
  const offered = queries.filter(which);
  if (offered.length === 0) {
    throw new Error(vscode.l10n.t('The workspace "{0}" has no saved query for this.', ref.workspace.name));
  }
  const query = await argOrPick(undefined, () => offered.map((q) => ({ label: q.name, description: q.visibility === 'PRIVATE' ? vscode.l10n.t('Private') : vscode.l10n.t('Shared'), value: q })), {
    title,
    placeHolder: vscode.l10n.t('Choose a query'),
  });
  return query ? { ...ref, query } : undefined;
}
