import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redactSecrets } from '../core/redact';

/** The "OpenHEXA" output channel. Every line passes through redaction first. */
export class Log implements vscode.Disposable, Logger {
  private readonly channel = vscode.window.createOutputChannel('OpenHEXA', { log: true });

  debug(message: string): void {
    this.channel.debug(redactSecrets(message));
  }

  info(message: string): void {
    this.channel.info(redactSecrets(message));
  }

  warn(message: string): void {
    this.channel.warn(redactSecrets(message));
  }

  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.message}` : err === undefined ? '' : `: ${String(err)}`;
    this.channel.error(redactSecrets(`${message}${detail}`));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
