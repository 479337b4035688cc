import { handedOutTls } from '../../core/tls/handedOutTls';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../core/connections/types';
import type { DatabaseSet } from '../../core/notebooks/databaseEnv';
import { connectionSection, databaseSection, planEnvWrite, type EnvWritePlan, type WorkspaceSection } from '../../core/notebooks/workspaceEnvFile';
import { connectionValues, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { revealPassword } from '../../postgres/workspace/catalogCalls';
import { argOrPick, progress, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { addToGitignore, gitIgnores } from '../../files/gitIgnore';
import { readEnvFile, writeEnvFile } from '../../files/wholeFile';
import { confirmedEnvFile, envFileForWork } from './envFile';
import { refusalText } from './refusals';

/** Whose variables a block holds: the workspace, on the server its database is on. */
export interface EnvOwner {
  readonly slug: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export function ownerOf(ref: WorkspaceRef): EnvOwner {
  return { slug: ref.workspace.slug, name: ref.workspace.name, host: ref.profile.host, port: ref.profile.port };
}

/** The read/write or read-only login, asked for unless given. */
export function pickDatabaseSet(given: DatabaseSet | undefined, title: string): Promise<DatabaseSet | undefined> {
  return argOrPick(
    given,
    () => [
      { label: vscode.l10n.t('Read/write login'), detail: vscode.l10n.t("As OpenHEXA's notebooks get it: reads and writes the workspace database."), value: 'rw' as const },
      { label: vscode.l10n.t('Read-only login'), detail: vscode.l10n.t('For a notebook that only reads: the server refuses its writes.'), value: 'ro' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Which login should the variables hold?') },
  );
}

/** WORKSPACE_DATABASE_* with the chosen login's password (read through the audited catalog call). */
export async function readDatabaseSection(services: Services, ref: WorkspaceRef, set: DatabaseSet): Promise<WorkspaceSection> {
  const credential = await services.sessions.catalog(ref.profile, (c) => revealPassword(c, ref.workspace.slug, set, 'copy'));
  const { host, port } = ref.profile;
  const tls = handedOutTls(services.sessions.tls(ref.profile), services.sessions.tlsSeen(ref.profile), true);
  return databaseSection(set, { host, port, dbName: ref.workspace.dbName, username: credential.username, password: credential.password, tls });
}

/** A connection's variables, its secrets read through the audited catalog call ("use"). */
export async function readConnectionSection(services: Services, ref: WorkspaceRef, connection: ConnectionSummary): Promise<WorkspaceSection> {
  const fields = await services.sessions.catalog(ref.profile, (c) => connectionValues(c, ref.workspace.slug, connection.identifier, 'use'));
  return connectionSection(CONNECTION_TYPES[connection.type], connection.identifier, connection.name, fields);
}

/**
 * Chooses which other workspaces' blocks to replace: none when the file
 * holds none; else the user says, in a modal that names them and what would
 * combine. Undefined when the user cancels.
 */
async function replacingOthers(plan: EnvWritePlan, shown: string, workspace: string): Promise<string[] | undefined> {
  if (plan.others.length === 0) {
    return [];
  }
  const keys = plan.others.map((o) => o.key);
  const replace = vscode.l10n.t('Replace Them');
  const clashes = plan.others.flatMap((o) => o.clashes);
  if (clashes.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} holds the variables of {1}, and they would combine with those of "{2}".', shown, keys.join(', '), workspace),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Both set {0}: a notebook would read one workspace\'s values with the other\'s secrets. Replace them with the variables of "{1}", or cancel and use another folder.',
          clashes.join(', '),
          workspace,
        ),
      },
      replace,
    );
    return answer === replace ? keys : undefined;
  }
  const keep = vscode.l10n.t('Keep Both');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already holds the variables of {1}.', shown, keys.join(', ')),
    { modal: true, detail: vscode.l10n.t('A notebook in this folder would see the variables of both workspaces. Replace them with those of "{0}", or keep both (no name is shared).', workspace) },
    replace,
    keep,
  );
  return answer === replace ? keys : answer === keep ? [] : undefined;
}

/**
 * Merges the sections into the workspace's block of the .env file, then
 * says what was written, that kernels must restart, and anything that would
 * surprise: git does not ignore the file, what was left out and why,
 * prefixes the SDK would mix among the workspace's connections
 * (`identifiers`: all of them). Refuses to write where a line outside the
 * blocks sets one of the names, and asks before another workspace's
 * variables share the file.
 */
export async function writeVariables(services: Services, owner: EnvOwner, identifiers: readonly string[], read: () => Promise<WorkspaceSection[]>, title: string): Promise<void> {
  // The file first: no secret is read (and audited) for a file that cannot be written.
  const target = await envFileForWork(title);
  if (!target) {
    return;
  }
  const file = await confirmedEnvFile(services, target, owner.name);
  if (!file) {
    return;
  }
  const sections = await progress(vscode.l10n.t('Reading the variables of "{0}"…', owner.name), read);
  if (sections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The workspace "{0}" has no connections yet: nothing to write.', owner.name));
    return;
  }
  const { folder } = target;
  const shown = path.relative(folder.uri.fsPath, file) || file;
  const before = await readEnvFile(file);
  const first = planEnvWrite(before, owner, sections, identifiers);
  if (first.alsoOutside.length > 0) {
    const open = vscode.l10n.t('Open {0}', path.basename(file));
    const lines = first.alsoOutside.map((o) => vscode.l10n.t('{0} (line {1})', o.name, String(o.line))).join(', ');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('{0} already sets {1} outside the OpenHEXA blocks: a kernel would read that value with the secrets of "{2}". Remove those lines, then write again.', shown, lines, owner.name), open)
      .then(async (choice) => {
        if (choice === open) {
          await vscode.window.showTextDocument(vscode.Uri.file(file));
        }
      });
    return;
  }
  const replacing = await replacingOthers(first, shown, owner.name);
  if (!replacing) {
    return;
  }
  const plan = replacing.length > 0 ? planEnvWrite(before, owner, sections, identifiers, replacing) : first;
  const refused = plan.refused.map(refusalText);
  if (plan.written.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was written to {0}. {1}', shown, refused.join(' ')));
    return;
  }
  await writeEnvFile(file, plan.text);
  const count = plan.written.reduce((n, s) => n + s.entries.length, 0);
  services.log.info(`Wrote ${count} variables of workspace ${owner.slug} to ${file} (${plan.written.map((s) => s.key).join(', ')})${replacing.length > 0 ? `, replacing ${replacing.join(', ')}` : ''}`);
  for (const refusal of plan.refused) {
    services.log.warn(`Left ${refusal.key} of workspace ${owner.slug} out of ${file}: ${refusal.reason} (${refusal.variable})`);
  }

  const ignored = await gitIgnores(file);
  services.log.info(`git ${ignored === undefined ? 'does not track the folder of' : ignored ? 'ignores' : 'does not ignore'} ${file}`);
  // One notification says it all: VS Code shows at most three toasts in 800 ms and sends the rest
  // to the notification center unseen, and the progress toast is already one of them.
  const warnings: string[] = [...refused];
  if (ignored === false) {
    warnings.push(vscode.l10n.t('{0} holds secrets and git does not ignore it: a commit would publish them.', shown));
  }
  if (plan.collisions.length > 0) {
    warnings.push(
      vscode.l10n.t(
        'The OpenHEXA SDK reads every variable that starts with PREFIX_ as a connection\'s field, so it would mix {0}. Change one of the identifiers (Change Connection Identifier).',
        plan.collisions.map(([a, b]) => `${a}_* / ${b}`).join(', '),
      ),
    );
  }
  const wrote = vscode.l10n.t('Wrote {0} variables of "{1}" to {2}, readable by you only. A running kernel sees them only after you restart it.', String(count), owner.name, shown);
  const add = vscode.l10n.t('Add to .gitignore');
  const open = vscode.l10n.t('Open {0}', path.basename(file));
  const actions = ignored === false ? [add, open] : [open];
  const message = [wrote, ...warnings].join(' ');
  const shownMessage = warnings.length > 0 ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions);
  void shownMessage.then(async (choice) => {
    if (choice === open) {
      await vscode.window.showTextDocument(vscode.Uri.file(file));
    } else if (choice === add) {
      const nowIgnored = await addToGitignore(file);
      void (nowIgnored
        ? vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to .gitignore.', shown))
        : vscode.window.showWarningMessage(vscode.l10n.t('Git still does not ignore {0}: check the repository\'s .gitignore rules.', shown)));
    }
  });
}
