import type { Feature } from '../feature';
import { addMember } from './commands/addMember';
import { changeMemberRole } from './commands/changeMemberRole';
import { removeMember } from './commands/removeMember';

/** Members of a workspace and their roles (workspace admins). */
export const members: Feature = {
  commands: [addMember, changeMemberRole, removeMember],
};
