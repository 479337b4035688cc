import { memberNode } from './memberNode';
import { membersNode } from './membersNode';
import { sourceMembersNode } from './sourceMembersNode';

/** The node kinds this feature adds to the Workspaces view. */
export const memberNodes = { members: membersNode, member: memberNode, sourceMembers: sourceMembersNode } as const;
