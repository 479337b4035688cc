import { command } from '../../../platform/commands/command';
import { boundEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** Every statement of the document, in one transaction, stopping at the first that fails. */
export const runQueryDocument = command('openhexa.runQueryDocument', [documentArg], async (services, uri) => {
  const bound = await boundEditor(services, uri);
  if (bound) {
    await services.queries.run(bound.editor, bound.binding, 'document');
  }
});
