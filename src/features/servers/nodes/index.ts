import { needsInitNode } from './needsInitNode';
import { noWorkspacesNode } from './noWorkspacesNode';
import { problemNode } from './problemNode';
import { serverErrorNode } from './serverErrorNode';
import { serverNode } from './serverNode';
import { superuserWarningNode } from './superuserWarningNode';

/** The node kinds this feature adds to the Workspaces view. */
export const serverNodes = {
  server: serverNode,
  problem: problemNode,
  serverError: serverErrorNode,
  needsInit: needsInitNode,
  noWorkspaces: noWorkspacesNode,
  superuserWarning: superuserWarningNode,
} as const;
