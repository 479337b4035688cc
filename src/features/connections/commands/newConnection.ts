import * as vscode from 'vscode';
import { z } from 'zod';
import { isConnectionTypeId } from '../../../core/connections/types';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { givenValues, workspaceArg } from '../../commandArgs';
import { ConnectionFormPanel } from '../form/connectionFormPanel';

/** Opens the connection form for a new connection (admins); `{ server, slug, type }` preselects a type. */
export const newConnection = command(
  'openhexa.newConnection',
  [workspaceArg({ type: z.string().refine(isConnectionTypeId) })],
  async (services, arg) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('New Connection'), 'manageConnections');
    if (ref) {
      const type = givenValues(arg).type;
      ConnectionFormPanel.show(services, ref, { mode: 'create', ...(type ? { initialType: type } : {}) });
    }
  },
);
