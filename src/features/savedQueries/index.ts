import type { Feature } from '../feature';
import { changeQueryVisibility } from './commands/changeQueryVisibility';
import { deleteSavedQuery } from './commands/deleteSavedQuery';
import { openSavedQuery } from './commands/openSavedQuery';
import { queryHistory } from './commands/queryHistory';
import { renameSavedQuery } from './commands/renameSavedQuery';
import { runSavedQuery } from './commands/runSavedQuery';
import { saveAsWorkspaceQuery } from './commands/saveAsWorkspaceQuery';
import { saveQueryDocument } from './commands/saveQueryDocument';

/** Data Studio for a team: queries saved in the workspace (private or shared), and each member's run history. */
export const savedQueries: Feature = {
  commands: [openSavedQuery, runSavedQuery, renameSavedQuery, changeQueryVisibility, deleteSavedQuery, saveAsWorkspaceQuery, saveQueryDocument, queryHistory],
};
