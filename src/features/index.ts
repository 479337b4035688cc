import type { Command } from '../platform/commands/command';
import { connections } from './connections';
import { credentials } from './credentials';
import type { Feature } from './feature';
import { importing } from './import';
import { instances } from './instances';
import { localServer } from './localServer';
import { notebooks } from './notebooks';
import { members } from './members';
import { preview } from './preview';
import { query } from './query';
import { savedQueries } from './savedQueries';
import { sqlNotebooks } from './sqlNotebooks';
import { servers } from './servers';
import { walkthrough } from './walkthrough';
import { workspaces } from './workspaces';

/** Every feature of the VS Code layer. A new feature is a folder plus one line here. */
export const FEATURES: readonly Feature[] = [servers, localServer, workspaces, importing, members, credentials, preview, query, savedQueries, sqlNotebooks, connections, notebooks, instances, walkthrough];

/** Every command the extension registers: what package.json must contribute, no more, no less. */
export const COMMANDS: readonly Command[] = FEATURES.flatMap((f) => f.commands);
