import * as vscode from 'vscode';
import { setSavedQueryVisibility, type QueryVisibility } from '../../../postgres/savedQueries/savedQueryCalls';
import { command } from '../../../platform/commands/command';
import { resolveSavedQuery, savedQueryArg } from '../resolveSavedQuery';
import { savedQueryUri } from '../savedQueryFiles';
import { visibilityChoices } from '../visibilityChoices';

/** Shares a query with the workspace, or makes it private again (its author only). */
export const changeQueryVisibility = command('openhexa.changeQueryVisibility', [savedQueryArg], async (services, arg) => {
  const title = vscode.l10n.t('Change Query Visibility');
  const ref = await resolveSavedQuery(services, arg, title, (q) => q.isAuthor);
  if (!ref) {
    return;
  }
  if (!ref.query.isAuthor) {
    throw new Error(vscode.l10n.t('Only the author of "{0}" ({1}) may share it or make it private.', ref.query.name, ref.query.author));
  }
  const picked = await vscode.window.showQuickPick(visibilityChoices(ref.workspace.name, ref.query.visibility), { title: `${title}: ${ref.query.name}` });
  if (!picked || picked.value === ref.query.visibility) {
    return;
  }
  const visibility: QueryVisibility = picked.value;
  await services.sessions.catalog(ref.profile, (c) => setSavedQueryVisibility(c, ref.workspace.slug, ref.query.slug, visibility));
  services.savedQueryFiles.touched(savedQueryUri(ref.profile, ref.workspace.slug, ref.query.slug));
  services.tree.refresh();
});
