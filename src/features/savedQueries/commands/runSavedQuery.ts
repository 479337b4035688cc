import { command } from '../../../platform/commands/command';
import { resolveSavedQuery, savedQueryArg } from '../resolveSavedQuery';
import { openSaved } from '../savedQueryEditors';

/** Opens a saved query and runs it whole, as its document runs: the member's own login, read-only unless they allowed writes on it. */
export const runSavedQuery = command('openhexa.runSavedQuery', [savedQueryArg], async (services, arg) => {
  const ref = await resolveSavedQuery(services, arg, 'Run Query');
  if (!ref) {
    return;
  }
  const { editor, binding } = await openSaved(services, ref.profile, ref.workspace, ref.query.slug);
  await services.queries.run(editor, binding, 'document');
});
