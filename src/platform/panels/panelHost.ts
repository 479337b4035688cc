import * as vscode from 'vscode';
import type { z } from 'zod';
import type { Logger } from '../../core/logger';
import { localRoots, webviewHtml } from './webviewHtml';

/** What makes one kind of panel: its webview bundle and its two message schemas. */
export interface PanelSpec<ToHost, ToWebview> {
  readonly viewType: string;
  /** Bundle name under dist/webview (webview/<app>/main.ts). */
  readonly app: string;
  readonly toHost: z.ZodType<ToHost>;
  readonly toWebview: z.ZodType<ToWebview>;
  /** Beside the active editor, which keeps the focus (a query's results), instead of in its place. */
  readonly beside?: boolean;
}

/**
 * A webview panel and its typed channel, for every panel: the options
 * (scripts, retained context, local resources limited to the bundle and
 * media), the nonce-CSP HTML, every message checked with zod in both
 * directions, nothing posted after it closed, and disposal.
 */
export class PanelHost<ToHost, ToWebview> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private closed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly spec: PanelSpec<ToHost, ToWebview>,
    title: string,
    private readonly log: Logger,
    onMessage: (message: ToHost) => unknown,
    private readonly onClose: () => void,
  ) {
    const column = spec.beside ? { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : vscode.ViewColumn.Active;
    this.panel = vscode.window.createWebviewPanel(spec.viewType, title, column, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: localRoots(extensionUri),
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'openhexa.svg');
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, spec.app, title);
    this.disposables.push(
      // Closed by the user: forget it (dispose() covers closing it from code).
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = spec.toHost.safeParse(raw);
        if (!parsed.success) {
          this.log.warn(`${spec.viewType}: ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
          return;
        }
        void Promise.resolve(onMessage(parsed.data)).catch((err: unknown) => this.log.error(`${spec.viewType}: handling a message failed`, err));
      }),
    );
  }

  /** Checked against the schema; dropped once the panel is closed (work may finish after the tab went). */
  post(message: ToWebview): void {
    if (!this.closed) {
      void this.panel.webview.postMessage(this.spec.toWebview.parse(message));
    }
  }

  reveal(): void {
    // A panel beside the editor is shown without taking the focus from it.
    this.panel.reveal(undefined, this.spec.beside === true);
  }

  /** Closes the panel, whoever asks: its owner forgets it either way, so showing it again opens a new one. */
  dispose(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.onClose();
    this.panel.dispose();
  }
}

/** At most one panel per key (a workspace's credentials, a table's preview): showing it again reveals the open one. */
export class PanelRegistry<P extends { reveal(): void; dispose(): void }> {
  private readonly open = new Map<string, P>();

  get(key: string): P | undefined {
    return this.open.get(key);
  }

  /** The open panel, revealed, or a new one. No await between the check and the registration: two quick clicks open one tab. */
  showOrCreate(key: string, create: () => P): P {
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const made = create();
    this.open.set(key, made);
    return made;
  }

  forget(key: string): void {
    this.open.delete(key);
  }

  disposeAll(): void {
    for (const panel of [...this.open.values()]) {
      panel.dispose();
    }
  }
}
