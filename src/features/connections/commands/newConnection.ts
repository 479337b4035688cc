import * as vscode from 'vscode';
import { isConnectionTypeId } from '../../../core/connections/types';
import type { Command } from '../../../platform/commands/command';
import { resolveWorkspace } from '../../../platform/commands/pickers';
import { ConnectionFormPanel } from '../form/connectionFormPanel';

/** Opens the connection form for a new connection (admins); `{ server, slug, type }` preselects a type. */
export const newConnection: Command = {
  id: 'openhexa.newConnection',
  run: async (services, arg?: unknown) => {
    const ref = await resolveWorkspace(services, arg, vscode.l10n.t('New Connection'));
    if (!ref) {
      return;
    }
    const type = arg && typeof arg === 'object' ? (arg as { type?: unknown }).type : undefined;
    ConnectionFormPanel.show(services, ref, { mode: 'create', ...(isConnectionTypeId(type) ? { initialType: type } : {}) });
  },
};
