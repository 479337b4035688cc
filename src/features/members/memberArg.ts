import * as vscode from 'vscode';
import { nodeArg } from '../commandArgs';
import type { MemberNode } from './nodes/memberNode';

/** A member in the Members list: member commands run on the tree only. */
export const memberArg = nodeArg(['member'], 'a member in the Members list of a workspace');

/** The member a command was run on, when the source's rules let the user manage members; says where to run it otherwise (from the palette). */
export function memberOf(arg: MemberNode | undefined): MemberNode {
  if (!arg) {
    throw new Error(vscode.l10n.t('Choose a member in the Members list of a workspace.'));
  }
  const refused = arg.source.refusal('manageMembers');
  if (refused) {
    throw new Error(refused);
  }
  return arg;
}
