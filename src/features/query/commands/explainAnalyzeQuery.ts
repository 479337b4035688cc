import { command } from '../../../platform/commands/command';
import { boundEditor } from '../activeQuery';
import { documentArg } from '../queryArgs';

/** The statement run with EXPLAIN ANALYZE in a transaction that is rolled back: its plan with rows and times. */
export const explainAnalyzeQuery = command('openhexa.explainAnalyzeQuery', [documentArg], async (services, uri) => {
  const bound = await boundEditor(services, uri);
  if (bound) {
    await services.queries.run(bound.editor, bound.binding, 'statement', 'analyze');
  }
});
