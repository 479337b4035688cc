import { command } from '../../../platform/commands/command';
import { resolveSavedQuery, savedQueryArg } from '../resolveSavedQuery';
import { openSaved } from '../savedQueryEditors';

/** Opens a saved query as a document bound to its workspace (read-only when the member may not change it). */
export const openSavedQuery = command('openhexa.openSavedQuery', [savedQueryArg], async (services, arg) => {
  const ref = await resolveSavedQuery(services, arg, 'Open Query');
  if (ref) {
    await openSaved(services, ref.profile, ref.workspace, ref.query.slug);
  }
});
