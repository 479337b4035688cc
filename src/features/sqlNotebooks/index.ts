import type { Feature } from '../feature';
import { notebookSqlMenu } from './commands/notebookSqlMenu';
import { sqlNotebooksOf } from './sqlNotebooks';

/** SQL cells in .ipynb notebooks, run on a workspace through the OpenHEXA SQL controller. */
export const sqlNotebooks: Feature = {
  commands: [notebookSqlMenu],
  activate(context, services) {
    context.subscriptions.push(sqlNotebooksOf(services));
  },
};
