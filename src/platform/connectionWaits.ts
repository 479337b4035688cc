import * as vscode from 'vscode';
import type { FullLimit } from '../postgres/budget/serverFull';

/**
 * "Waiting for a free connection on <server>…" with Cancel, while work
 * waits for the server to have a free slot: one notification per server,
 * however many pieces of work wait; Cancel stops them all waiting.
 */
export class ConnectionWaits {
  private readonly shown = new Map<string, { waiting: number; controller: AbortController; end: () => void }>();

  begin(server: string, limit: FullLimit): { readonly done: () => void; readonly signal: AbortSignal } {
    let entry = this.shown.get(server);
    if (!entry) {
      const controller = new AbortController();
      let end: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const created = { waiting: 0, controller, end };
      entry = created;
      this.shown.set(server, created);
      const why = {
        database: () => vscode.l10n.t('the workspace database\'s connection limit is reached'),
        role: () => vscode.l10n.t('your login\'s connection limit is reached'),
        server: () => vscode.l10n.t('the server\'s max_connections is reached'),
        pooler: () => vscode.l10n.t('the connection pooler\'s server connections are all in use'),
      }[limit]();
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waiting for a free connection on {0}…', server), cancellable: true },
        (progress, token) => {
          progress.report({ message: why });
          token.onCancellationRequested(() => controller.abort());
          return ended;
        },
      );
    }
    const held = entry;
    held.waiting += 1;
    let done = false;
    return {
      signal: held.controller.signal,
      done: () => {
        if (done) {
          return;
        }
        done = true;
        held.waiting -= 1;
        if (held.waiting === 0) {
          this.shown.delete(server);
          held.end();
        }
      },
    };
  }
}
