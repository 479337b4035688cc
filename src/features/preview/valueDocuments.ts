import * as vscode from 'vscode';

const SCHEME = 'openhexa-value';
/** Values kept for open documents; the oldest go first beyond this. */
const MAX_VALUES = 50;

/**
 * Whole cell values shown as read-only documents: no "save changes?" when
 * they are closed or when VS Code quits, and nothing written to disk.
 */
export class ValueDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly values = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  private counter = 0;

  constructor() {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === SCHEME) {
          this.values.delete(document.uri.toString());
        }
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.values.get(uri.toString()) ?? vscode.l10n.t('This value is no longer kept: open it again from the preview.');
  }

  async show(name: string, value: string, json: boolean): Promise<void> {
    this.counter += 1;
    const safe = name.replace(/[/\\]/g, '_');
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${this.counter}/${safe}.${json ? 'json' : 'txt'}` });
    this.values.set(uri.toString(), value);
    while (this.values.size > MAX_VALUES) {
      this.values.delete(this.values.keys().next().value as string);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }
}

declare module '../../platform/services' {
  interface Services {
    /** Read-only documents that show one cell's whole value. */
    readonly values: ValueDocuments;
  }
}
