import type { Feature } from '../feature';
import { addMember } from './commands/addMember';
import { changeMemberRole } from './commands/changeMemberRole';
import { removeMember } from './commands/removeMember';
import { memberNode } from './nodes/memberNode';
import { membersNode } from './nodes/membersNode';

/** Members of a workspace and their roles (workspace admins). */
export const members: Feature = {
  commands: [addMember, changeMemberRole, removeMember],
};

export const memberNodes = { members: membersNode, member: memberNode } as const;
