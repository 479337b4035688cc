import { localStateNode } from './localStateNode';

/** The node kinds this feature adds to the Workspaces view. */
export const localServerNodes = { localState: localStateNode } as const;
