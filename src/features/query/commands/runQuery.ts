import { command } from '../../../platform/commands/command';
import { boundEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** Ctrl+Enter: the selection, else the statement under the cursor, on the document's workspace. */
export const runQuery = command('openhexa.runQuery', [documentArg], async (services, uri) => {
  const bound = await boundEditor(services, uri);
  if (bound) {
    await services.queries.run(bound.editor, bound.binding, 'statement');
  }
});
