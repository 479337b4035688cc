import { memberNode } from './memberNode';
import { membersNode } from './membersNode';

/** The node kinds this feature adds to the Workspaces view. */
export const memberNodes = { members: membersNode, member: memberNode } as const;
