import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceRef } from '../../platform/commands/pickers';
import { importToHostSchema, importToWebviewSchema, type ImportToHost, type ImportToWebview } from '../../protocol/importFile';
import { panelBasics } from '../../platform/panels/panelBasics';
import { PanelHost } from '../../platform/panels/panelHost';
import type { Services } from '../../platform/services';
import { checkWholeFile } from '../../files/checkWholeFile';
import { readSheetSample } from '../../files/workbookSheets';
import { readImportTargets } from '../../postgres/import/importTargets';
import { importIntoTable } from '../../postgres/import/tableImport';
import { ImportController, INFER_ROWS, type ImportFileSample } from './importController';

const SPEC = { viewType: 'openhexa.importFile', app: 'importFile', toHost: importToHostSchema, toWebview: importToWebviewSchema };

/** A file's import into a workspace: the controller's logic over a panel, run as the member's own login. */
export class ImportPanel {
  private readonly host: PanelHost<ImportToHost, ImportToWebview>;
  private readonly controller: ImportController;

  constructor(services: Services, ref: WorkspaceRef, file: string, sample: ImportFileSample, schema: string, table: string) {
    const { profile, workspace } = ref;
    this.host = new PanelHost(services.extensionUri, SPEC, vscode.l10n.t('Import: {0}', path.basename(file)), services.log, (message) => this.controller.receive(message), () => {
      void this.controller.receive({ type: 'cancel' });
    });
    services.sessions.ensureOwnSessionRole(profile, workspace);
    this.controller = new ImportController(
      {
        ...panelBasics(services, (message: ImportToWebview) => this.host.post(message)),
        runImport: (plan, onProgress, signal) => services.sessions.write(profile, workspace.dbName, (c) => importIntoTable(c, plan, { onProgress, signal })),
        checkWholeFile: (source, width, onProgress, signal) => checkWholeFile(source, width, { onProgress, signal }),
        readSheet: async (sheet) => (await readSheetSample(file, sheet, INFER_ROWS + 1)).rows,
        readTargets: (s) => services.sessions.browse(profile, workspace.dbName, (c) => readImportTargets(c, s)),
        openPreview: (s, t) => void vscode.commands.executeCommand('openhexa.previewTable', { server: profile, slug: workspace.slug, schema: s, table: t }),
        refresh: () => services.tree.refresh(),
      },
      { file, fileName: path.basename(file), sample, workspaceName: workspace.name, schema, table },
    );
  }
}
