import type { Feature } from '../feature';
import { cancelQuery } from './commands/cancelQuery';
import { explainAnalyzeQuery } from './commands/explainAnalyzeQuery';
import { explainQuery } from './commands/explainQuery';
import { newQuery } from './commands/newQuery';
import { queryDocumentMenu } from './commands/queryDocumentMenu';
import { queryTable } from './commands/queryTable';
import { runQuery } from './commands/runQuery';
import { runQueryDocument } from './commands/runQueryDocument';

/** Data Studio: SQL documents bound to a workspace, run as the member's own login, results beside them. */
export const query: Feature = {
  commands: [newQuery, queryTable, runQuery, runQueryDocument, explainQuery, explainAnalyzeQuery, cancelQuery, queryDocumentMenu],
};
