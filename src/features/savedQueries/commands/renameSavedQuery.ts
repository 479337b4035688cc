import * as vscode from 'vscode';
import { updateSavedQuery } from '../../../postgres/savedQueries/savedQueryCalls';
import { command } from '../../../platform/commands/command';
import { resolveSavedQuery, savedQueryArg } from '../resolveSavedQuery';
import { savedQueryUri } from '../savedQueryFiles';
import { queryNameProblem } from '../queryNames';

/** Renames a saved query and changes its description (its author, or an editor or admin for a shared one). Its identifier stays. */
export const renameSavedQuery = command('openhexa.renameSavedQuery', [savedQueryArg], async (services, arg) => {
  const ref = await resolveSavedQuery(services, arg, vscode.l10n.t('Rename Query'), (q) => q.canEdit);
  if (!ref) {
    return;
  }
  const { query } = ref;
  const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Rename Query'), prompt: vscode.l10n.t('The new name of "{0}" (its identifier, {1}, stays)', query.name, query.slug), value: query.name, validateInput: queryNameProblem });
  if (name === undefined) {
    return;
  }
  const description = await vscode.window.showInputBox({ title: vscode.l10n.t('Rename Query'), prompt: vscode.l10n.t('Its description (optional)'), value: query.description, validateInput: (v) => (v.length > 2000 ? vscode.l10n.t('At most 2000 characters') : undefined) });
  if (description === undefined) {
    return;
  }
  await services.sessions.catalog(ref.profile, (c) => updateSavedQuery(c, ref.workspace.slug, query.slug, { name: name.trim(), description }));
  services.savedQueryFiles.touched(savedQueryUri(ref.profile, ref.workspace.slug, query.slug));
  services.tree.refresh();
});
