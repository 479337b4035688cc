import * as vscode from 'vscode';
import { connectionEnv } from '../../core/connections/connectionEnvNames';
import { dotenvLines } from '../../core/connections/envText';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../core/connections/types';
import type { InstanceWorkspace } from '../../openhexa/instanceCalls';
import { instanceConnections } from '../../openhexa/instanceConnections';
import type { InstanceProfile } from '../../platform/instances';
import type { Services } from '../../platform/services';
import { ConnectionFormPanel, type FormRequest } from '../connections/form/connectionFormPanel';
import { refusalText } from '../notebooks/refusals';

export interface InstanceWorkspaceRef {
  readonly profile: InstanceProfile;
  readonly workspace: InstanceWorkspace;
}

/** The product's connection form on an instance's workspace: OpenHEXA keeps the connections and tests them from its servers. */
export function showInstanceConnectionForm(services: Services, ref: InstanceWorkspaceRef, request: FormRequest, canEdit: boolean): ConnectionFormPanel {
  const { profile, workspace } = ref;
  const store = instanceConnections(() => services.instances.session(profile.server), workspace.slug);
  const key = `instance:${profile.server}/${workspace.slug}/${request.mode}/${request.identifier ?? ''}`;
  return ConnectionFormPanel.open(
    services,
    key,
    workspace,
    request,
    {
      list: () => store.list(),
      fields: (identifier) => store.fields(identifier),
      values: (identifier) => store.values(identifier),
      create: (connection) => store.create(connection),
      update: (identifier, edit) => store.update(identifier, edit),
      test: (type, values, signal) => store.test(type, values, signal),
      copyEnv: async (identifier) => {
        const connection = (await store.list()).find((c) => c.identifier === identifier);
        const type: ConnectionTypeId = connection?.type ?? 'custom';
        const env = connectionEnv(CONNECTION_TYPES[type], identifier, await store.values(identifier));
        const lines = dotenvLines(env);
        if ('refused' in lines) {
          throw new Error(refusalText({ key: identifier, ...lines.refused, variable: lines.refused.name }));
        }
        await vscode.env.clipboard.writeText(`${lines.text}\n`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} environment variables of "{1}" to the clipboard, secrets included.', String(env.length), connection?.name ?? identifier));
      },
      changeIdentifier: async () => {
        void vscode.window.showInformationMessage(vscode.l10n.t("On an OpenHEXA instance, a connection's identifier is changed on OpenHEXA itself (the connection's page); this form changes its name, description and values."));
        return undefined;
      },
    },
    canEdit,
    (identifier) => showInstanceConnectionForm(services, ref, { mode: 'edit', identifier, ...(request.name ? { name: request.name } : {}) }, canEdit),
  );
}
