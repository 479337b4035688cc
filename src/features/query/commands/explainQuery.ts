import { command } from '../../../platform/commands/command';
import { boundEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** The plan of the statement under the cursor (or selected), without running it, as a tree. */
export const explainQuery = command('openhexa.explainQuery', [documentArg], async (services, uri) => {
  const bound = await boundEditor(services, uri);
  if (bound) {
    await services.queries.run(bound.editor, bound.binding, 'statement', 'plan');
  }
});
