import * as vscode from 'vscode';
import { deleteSavedQuery as remove } from '../../../postgres/savedQueries/savedQueryCalls';
import { command } from '../../../platform/commands/command';
import { resolveSavedQuery, savedQueryArg } from '../resolveSavedQuery';
import { savedQueryUri } from '../savedQueryFiles';

/** Deletes a saved query after a confirmation (its author, or an editor or admin for a shared one). */
export const deleteSavedQuery = command('openhexa.deleteSavedQuery', [savedQueryArg], async (services, arg) => {
  const ref = await resolveSavedQuery(services, arg, vscode.l10n.t('Delete Query'), (q) => q.canEdit);
  if (!ref) {
    return;
  }
  const { query } = ref;
  const confirm = vscode.l10n.t('Delete');
  const detail =
    query.visibility === 'WORKSPACE'
      ? vscode.l10n.t('It is shared: every member of {0} loses it, and what runs it by its identifier ({1}) stops finding it.', ref.workspace.name, query.slug)
      : vscode.l10n.t('It is private: nobody else sees it.');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the query "{0}" from "{1}"?', query.name, ref.workspace.name), { modal: true, detail }, confirm);
  if (answer !== confirm) {
    return;
  }
  await services.sessions.catalog(ref.profile, (c) => remove(c, ref.workspace.slug, query.slug));
  services.log.info(`Deleted query ${query.slug} from ${ref.workspace.slug}`);
  services.savedQueryFiles.touched(savedQueryUri(ref.profile, ref.workspace.slug, query.slug), true);
  services.tree.refresh();
});
