import * as vscode from 'vscode';
import type { QueryVisibility } from '../../postgres/savedQueries/savedQueryCalls';

/** The two visibilities, each saying who reads, runs and changes the query; the current one marked. */
export function visibilityChoices(workspaceName: string, current?: QueryVisibility): (vscode.QuickPickItem & { value: QueryVisibility })[] {
  const mark = (v: QueryVisibility): string => (v === current ? ` ${vscode.l10n.t('(now)')}` : '');
  return [
    { label: `$(lock) ${vscode.l10n.t('Private')}${mark('PRIVATE')}`, detail: vscode.l10n.t('Only you see, run and change it.'), value: 'PRIVATE' },
    {
      label: `$(organization) ${vscode.l10n.t('Shared with the workspace')}${mark('WORKSPACE')}`,
      detail: vscode.l10n.t('Every member of {0} sees and runs it; its editors and admins may change it. Each runs it as their own login.', workspaceName),
      value: 'WORKSPACE',
    },
  ];
}
