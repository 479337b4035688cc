import { command } from '../../../platform/commands/command';
import { queryEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** Stops the document's run: the server stops its statement, the transaction is rolled back. */
export const cancelQuery = command('openhexa.cancelQuery', [documentArg], async (services, uri) => {
  const editor = queryEditor(uri);
  if (editor) {
    await services.queries.cancel(editor.document);
  }
});
