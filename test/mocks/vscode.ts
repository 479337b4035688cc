// A stand-in for the `vscode` module in the unit tier, so the VS Code layer's
// modules load in plain Node and commands can be run by their arguments.
// Only what the extension uses is here; what a test looks at is recorded.
// Anything else throws and names itself, so a missing piece is never silent.

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Disposable {
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const [scheme, rest] = value.split(':', 2);
    return new Uri(scheme ?? 'file', rest ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export enum ViewColumn {
  Active = -1,
  One = 1,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ProgressLocation {
  Notification = 15,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
}

/** vscode.l10n.t: English with {0}-style placeholders filled. */
export const l10n = {
  t(message: string, ...args: unknown[]): string {
    return message.replace(/\{(\d+)\}/g, (hole, i: string) => (args[Number(i)] === undefined ? hole : String(args[Number(i)])));
  },
};

/** What tests see of the user-facing side. */
export const recorded = {
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string }[],
  clipboard: '',
  contexts: new Map<string, unknown>(),
  /** The answer the next message with buttons gets (a button label), or undefined (dismissed). */
  nextAnswer: undefined as string | undefined,
  /** Each quick pick shown: its title and the labels it offered. */
  quickPicks: [] as { title: string | undefined; labels: string[] }[],
  /** The label the next quick pick gets picked, or undefined (dismissed). */
  nextPick: undefined as string | undefined,
  reset(): void {
    this.messages.length = 0;
    this.clipboard = '';
    this.contexts.clear();
    this.nextAnswer = undefined;
    this.quickPicks.length = 0;
    this.nextPick = undefined;
  },
};

function message(level: 'info' | 'warning' | 'error') {
  return async (text: string, ...rest: unknown[]): Promise<string | undefined> => {
    recorded.messages.push({ level, text });
    const buttons = rest.filter((r): r is string => typeof r === 'string');
    const answer = recorded.nextAnswer;
    recorded.nextAnswer = undefined;
    return answer !== undefined && buttons.includes(answer) ? answer : undefined;
  };
}

function notMocked(name: string): never {
  throw new Error(`vscode.${name} is not in the unit tier's stand-in (test/mocks/vscode.ts): add it, or test this in the host tier`);
}

export const window = {
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  async withProgress<T>(_options: unknown, task: (progress: { report(value: unknown): void }, token: { onCancellationRequested(l: () => void): Disposable }) => Promise<T>): Promise<T> {
    return task({ report: () => undefined }, { onCancellationRequested: () => new Disposable() });
  },
  createOutputChannel: () => ({ debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined, dispose: () => undefined }),
  async showQuickPick<T extends { label: string }>(items: readonly T[] | Promise<readonly T[]>, options?: { title?: string }): Promise<T | undefined> {
    const offered = await items;
    recorded.quickPicks.push({ title: options?.title, labels: offered.map((i) => i.label) });
    const answer = recorded.nextPick;
    recorded.nextPick = undefined;
    return offered.find((i) => i.label === answer);
  },
  showInputBox: () => notMocked('window.showInputBox'),
  createWebviewPanel: () => notMocked('window.createWebviewPanel'),
  createTreeView: () => notMocked('window.createTreeView'),
  createStatusBarItem: () => notMocked('window.createStatusBarItem'),
  showSaveDialog: () => notMocked('window.showSaveDialog'),
};

const registeredCommands = new Map<string, (...args: unknown[]) => unknown>();

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    registeredCommands.set(id, handler);
    return new Disposable(() => registeredCommands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') {
      recorded.contexts.set(String(args[0]), args[1]);
      return undefined;
    }
    const handler = registeredCommands.get(id);
    return handler ? handler(...args) : notMocked(`commands.executeCommand('${id}')`);
  },
};

export const env = {
  language: 'en',
  clipboard: {
    async writeText(text: string): Promise<void> {
      recorded.clipboard = text;
    },
    async readText(): Promise<string> {
      return recorded.clipboard;
    },
  },
};

export const workspace = {
  workspaceFolders: undefined,
  getConfiguration: () => ({ get: <T>(_key: string, fallback: T): T => fallback, inspect: () => undefined, update: async () => undefined }),
  onDidChangeConfiguration: () => new Disposable(),
};

export const version = '1.100.0-unit';
