import * as vscode from 'vscode';
import type { HistoryEntry } from '../../postgres/savedQueries/historyCalls';

/** A run of the history as a quick pick shows it. */
export type HistoryItem = vscode.QuickPickItem & { readonly entry?: HistoryEntry };

export const RUN_AGAIN: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('play'), tooltip: vscode.l10n.t('Run again (in a new query)') };

const ICONS: Record<HistoryEntry['status'], string> = { success: 'pass', error: 'error', cancelled: 'circle-slash' };

/** The SQL on one line, cut to what a row shows. */
function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

export function historyItem(entry: HistoryEntry, locale: string): HistoryItem {
  const facts = [
    entry.rows === undefined ? undefined : vscode.l10n.t('{0} rows', entry.rows.toLocaleString(locale)),
    entry.durationMs === undefined ? undefined : vscode.l10n.t('{0} ms', entry.durationMs.toLocaleString(locale)),
    entry.writes ? vscode.l10n.t('writes allowed') : vscode.l10n.t('read-only'),
    entry.status === 'error' ? vscode.l10n.t('error {0}', entry.errorCode ?? '') : entry.status === 'cancelled' ? vscode.l10n.t('cancelled') : undefined,
  ].filter((f): f is string => f !== undefined);
  // The facts go on the second line: the SQL takes the whole first.
  const where = [
    entry.at.toLocaleString(locale),
    ...facts,
    ...(entry.login ? [entry.login] : []),
    ...(entry.origin === 'notebook' ? [vscode.l10n.t('notebook')] : []),
    ...(entry.savedQuery ? [vscode.l10n.t('saved query {0}', entry.savedQuery)] : []),
    ...(entry.sqlTruncated ? [vscode.l10n.t('SQL kept to its first 100,000 characters')] : []),
  ];
  if (entry.sql === undefined) {
    return { label: `$(${ICONS[entry.status]}) ${vscode.l10n.t("(a run of this member's private query)")}`, detail: where.join(' · '), alwaysShow: true, entry };
  }
  return {
    label: `$(${ICONS[entry.status]}) ${oneLine(entry.sql)}`,
    detail: where.join(' · '),
    alwaysShow: true,
    entry,
    ...(entry.sqlTruncated ? {} : { buttons: [RUN_AGAIN] }),
  };
}
