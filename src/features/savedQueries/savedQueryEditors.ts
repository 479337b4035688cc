import * as vscode from 'vscode';
import type { ServerProfile } from '../../core/serverProfile';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import type { Services } from '../../platform/services';
import type { QueryBinding } from '../query/queryDocuments';
import { savedQueryUri } from './savedQueryFiles';

/** Opens a saved query's document, bound to its workspace (an open one is shown as it is: its writes mode too). */
export async function openSaved(services: Services, profile: ServerProfile, workspace: WorkspaceSummary, slug: string): Promise<{ editor: vscode.TextEditor; binding: QueryBinding }> {
  const uri = savedQueryUri(profile, workspace.slug, slug);
  const bound = services.queries.documents.get(uri);
  const binding = bound && bound.slug === workspace.slug ? bound : services.queries.bind(await vscode.workspace.openTextDocument(uri), profile, workspace);
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  return { editor, binding };
}
