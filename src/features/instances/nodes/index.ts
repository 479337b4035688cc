import { instanceNode } from './instanceNode';

/** An OpenHEXA instance's row; its workspaces' rows are any WorkspaceSource's (the source… node kinds of each feature). */
export const instanceNodes = {
  instance: instanceNode,
} as const;
