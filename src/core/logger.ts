/** Where code with no VS Code import writes its log lines (the OpenHEXA output channel implements it). */
export interface Logger {
  /** Detail for diagnosing a problem: shown only at the Debug log level. */
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** Translates an English UI string, with {0}-style placeholders (vscode.l10n.t in the extension). */
export type Translate = (text: string, ...args: (string | number)[]) => string;
