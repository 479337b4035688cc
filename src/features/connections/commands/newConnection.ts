import * as vscode from 'vscode';
import { z } from 'zod';
import { isConnectionTypeId } from '../../../core/connections/types';
import { command } from '../../../platform/commands/command';
import { resolveSource } from '../../../sources/resolveSource';
import { givenValues, workspaceArg } from '../../commandArgs';
import { ConnectionFormPanel } from '../form/connectionFormPanel';

/** Opens the connection form for a new connection (admins on a server; on an instance, as OpenHEXA allows); `{ server, slug, type }` preselects a type. */
export const newConnection = command('openhexa.newConnection', [workspaceArg({ type: z.string().refine(isConnectionTypeId) })], async (services, arg) => {
  const found = await resolveSource(services, arg, vscode.l10n.t('New Connection'), 'createConnection');
  if (found) {
    const type = givenValues(arg).type;
    ConnectionFormPanel.show(services, found.source, { mode: 'create', ...(type ? { initialType: type } : {}) });
  }
});
