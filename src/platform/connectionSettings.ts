import * as vscode from 'vscode';
import type { ConnectionLimits } from '../postgres/pools';

const SECTION = 'openhexa.connections';

/** The window's share of a team's server, from the settings (openhexa.connections.*); a bad value keeps the default. */
export function connectionLimits(): Partial<ConnectionLimits> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const number = (key: string, min: number, max: number): number | undefined => {
    const value = config.get<unknown>(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  };
  const perDatabase = number('perDatabase', 2, 20);
  const idleSeconds = number('idleSeconds', 1, 3600);
  const waitSeconds = number('waitSeconds', 0, 600);
  return {
    ...(perDatabase !== undefined ? { perDatabase: Math.floor(perDatabase) } : {}),
    ...(idleSeconds !== undefined ? { idleMs: idleSeconds * 1000 } : {}),
    ...(waitSeconds !== undefined ? { waitMs: waitSeconds * 1000 } : {}),
  };
}

/** Calls `apply` whenever one of these settings changes. */
export function onConnectionSettings(apply: (limits: Partial<ConnectionLimits>) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) {
      apply(connectionLimits());
    }
  });
}
