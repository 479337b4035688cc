import * as vscode from 'vscode';
import type { WorkspaceRole } from '../core/roles';
import type { TableKind } from '../postgres/workspace/tables';

export function roleLabel(role: WorkspaceRole): string {
  switch (role) {
    case 'viewer':
      return vscode.l10n.t('Viewer');
    case 'editor':
      return vscode.l10n.t('Editor');
    case 'admin':
      return vscode.l10n.t('Admin');
  }
}

export function tableKindLabel(kind: TableKind): string {
  switch (kind) {
    case 'table':
      return vscode.l10n.t('Table');
    case 'partitioned table':
      return vscode.l10n.t('Partitioned table');
    case 'view':
      return vscode.l10n.t('View');
    case 'materialized view':
      return vscode.l10n.t('Materialized view');
    case 'foreign table':
      return vscode.l10n.t('Foreign table');
  }
}

/** "5 rows", "≈ 1.2M rows" (estimate), or "rows unknown". */
export function formatRows(rows: number | undefined, exact: boolean, locale: string): string {
  if (rows === undefined) {
    return vscode.l10n.t('rows unknown');
  }
  const number = new Intl.NumberFormat(locale, rows >= 10_000 ? { notation: 'compact', maximumFractionDigits: 1 } : {}).format(rows);
  return exact ? vscode.l10n.t('{0} rows', number) : vscode.l10n.t('≈ {0} rows', number);
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** "Label: value" in the user's language (French puts a space before the colon). */
export function labelled(label: string, value: string): string {
  return vscode.l10n.t('{0}: {1}', label, value);
}
