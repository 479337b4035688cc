import * as vscode from 'vscode';
import { qualifiedName } from '../../../core/identifiers';
import { dropPlan, dropTable, type Dependent } from '../../../postgres/workspace/dropTable';
import { command } from '../../../platform/commands/command';
import { progress } from '../../../platform/commands/pickers';
import { tableKindLabel } from '../../../platform/format';
import { resolveTableArg, tableArg } from '../../tableArg';

function dependentText(d: Dependent): string {
  const name = d.schema === 'public' ? d.name : `${d.schema}.${d.name}`;
  return d.kind === 'foreign key' ? vscode.l10n.t('the foreign key {0} of {1}', d.constraint ?? '', name) : `${tableKindLabel(d.kind).toLocaleLowerCase(vscode.env.language)} ${name}`;
}

/**
 * Deletes a table or view (editors and admins, as OpenHEXA's
 * deleteWorkspaceDatabaseTable) after a confirmation that names it, its row
 * estimate and what depends on it. With dependents, the plain delete is not
 * offered (PostgreSQL would refuse it): only deleting them too, by name.
 */
export const deleteTable = command('openhexa.deleteTable', [tableArg], async (services, arg) => {
  const title = vscode.l10n.t('Delete Table');
  const target = await resolveTableArg(services, arg, title, 'write');
  if (!target) {
    return;
  }
  const { ref, table } = target;
  const plan = await services.sessions.browse(ref.profile, ref.workspace.dbName, (c) => dropPlan(c, table));
  const shown = qualifiedName(table.schema, table.name);
  if (!plan) {
    services.tree.refresh();
    throw new Error(vscode.l10n.t('{0} is no longer in "{1}".', shown, ref.workspace.name));
  }
  const size = plan.rows === undefined ? '' : ` (${vscode.l10n.t('about {0} rows', new Intl.NumberFormat(vscode.env.language).format(plan.rows))})`;
  const question = vscode.l10n.t('Delete the {0} {1}{2} from "{3}"?', tableKindLabel(plan.kind).toLocaleLowerCase(vscode.env.language), shown, size, ref.workspace.name);
  const cascade = plan.dependents.length > 0;
  const confirm = cascade ? vscode.l10n.t('Delete It and Its Dependents') : vscode.l10n.t('Delete');
  const detail = cascade
    ? vscode.l10n.t('These depend on it and go with it (CASCADE): {0}. Its data cannot be brought back.', plan.dependents.map(dependentText).join(', '))
    : vscode.l10n.t('Its data cannot be brought back. Notebooks, dashboards and pipelines that read it stop finding it.');
  const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, confirm);
  if (answer !== confirm) {
    return;
  }
  await progress(vscode.l10n.t('Deleting {0}…', shown), () => services.sessions.write(ref.profile, ref.workspace.dbName, (c) => dropTable(c, { ...table, kind: plan.kind }, cascade)));
  services.log.info(`Deleted ${plan.kind} ${shown} from ${ref.workspace.slug}${cascade ? ` with ${plan.dependents.length} dependent(s)` : ''}`);
  services.tree.refresh();
});
