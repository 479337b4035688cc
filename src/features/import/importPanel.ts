import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceRef } from '../../platform/commands/pickers';
import type { ImportSample } from '../../files/importSample';
import { importCsv } from '../../postgres/import/csvImport';
import { importToHostSchema, importToWebviewSchema, type ImportToHost, type ImportToWebview } from '../../protocol/importFile';
import { panelBasics } from '../../platform/panels/panelBasics';
import { PanelHost } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import { ImportController } from './importController';

const SPEC = { viewType: 'openhexa.importFile', app: 'importFile', toHost: importToHostSchema, toWebview: importToWebviewSchema };

/** A file's import into a workspace: the controller's logic over a panel, run as the member's own login. */
export class ImportPanel {
  private readonly host: PanelHost<ImportToHost, ImportToWebview>;
  private readonly controller: ImportController;

  constructor(services: Services, ref: WorkspaceRef, file: string, sample: ImportSample, schema: string, table: string) {
    const { profile, workspace } = ref;
    this.host = new PanelHost(services.extensionUri, SPEC, vscode.l10n.t('Import: {0}', path.basename(file)), services.log, (message) => this.controller.receive(message), () => {
      void this.controller.receive({ type: 'cancel' });
    });
    services.sessions.ensureOwnSessionRole(profile, workspace);
    this.controller = new ImportController(
      {
        ...panelBasics(services, (message: ImportToWebview) => this.host.post(message)),
        runImport: (plan, onProgress, signal) => services.sessions.write(profile, workspace.dbName, (c) => importCsv(c, plan, { onProgress: ({ bytes }) => onProgress(bytes), signal })),
        openPreview: (s, t) => void vscode.commands.executeCommand('openhexa.previewTable', { server: profile, slug: workspace.slug, schema: s, table: t }),
        refresh: () => services.tree.refresh(),
      },
      { file, fileName: path.basename(file), sample, workspaceName: workspace.name, schema, table },
    );
  }
}
