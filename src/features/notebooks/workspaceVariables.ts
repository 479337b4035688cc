import { handedOutTls } from '../../core/tls/handedOutTls';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONNECTION_TYPES } from '../../core/connections/types';
import type { DatabaseSet } from '../../core/notebooks/databaseEnv';
import { writeSections } from '../../core/notebooks/envFileBlock';
import { blockComment, blockKey, connectionSection, databaseSection, workspaceCollisions, type WorkspaceSection } from '../../core/notebooks/workspaceEnvFile';
import { connectionValues, type ConnectionSummary } from '../../postgres/connections/connectionCalls';
import { revealPassword } from '../../postgres/workspace/catalogCalls';
import { progress, type WorkspaceRef } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { addToGitignore, envFileForWork, gitIgnores, readEnvFile, writeEnvFile } from './envFile';

export function ownerOf(ref: WorkspaceRef): { slug: string; name: string; host: string; port: number } {
  return { slug: ref.workspace.slug, name: ref.workspace.name, host: ref.profile.host, port: ref.profile.port };
}

/** The read/write or read-only login, asked for unless given. */
export async function pickDatabaseSet(given: unknown, title: string): Promise<DatabaseSet | undefined> {
  if (given === 'rw' || given === 'ro') {
    return given;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Read/write login'), detail: vscode.l10n.t("As OpenHEXA's notebooks get it: reads and writes the workspace database."), set: 'rw' as const },
      { label: vscode.l10n.t('Read-only login'), detail: vscode.l10n.t('For a notebook that only reads: the server refuses its writes.'), set: 'ro' as const },
    ],
    { title, placeHolder: vscode.l10n.t('Which login should the variables hold?') },
  );
  return picked?.set;
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
 * Merges the sections into the workspace's block of the .env file, then
 * says what was written, that kernels must restart, and anything that would
 * surprise: git does not ignore the file, a value one reader reads
 * differently, a name also set elsewhere, prefixes the SDK would mix among
 * the workspace's connections (`identifiers`: all of them).
 */
export async function writeVariables(services: Services, ref: WorkspaceRef, identifiers: readonly string[], read: () => Promise<WorkspaceSection[]>, title: string): Promise<void> {
  // The file first: no secret is read (and audited) for a file that cannot be written.
  const target = await envFileForWork(title);
  if (!target) {
    return;
  }
  const sections = await progress(vscode.l10n.t('Reading the variables of "{0}"…', ref.workspace.name), read);
  if (sections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The workspace "{0}" has no connections yet: nothing to write.', ref.workspace.name));
    return;
  }
  const { file, folder } = target;
  const shown = path.relative(folder.uri.fsPath, file) || file;
  const written = writeSections(await readEnvFile(file), blockKey(ownerOf(ref)), blockComment(ownerOf(ref)), sections);
  await writeEnvFile(file, written.text);
  const count = sections.reduce((n, s) => n + s.entries.length, 0);
  services.log.info(`Wrote ${count} variables of workspace ${ref.workspace.slug} to ${file} (${sections.map((s) => s.key).join(', ')})`);

  const ignored = await gitIgnores(file);
  services.log.info(`git ${ignored === undefined ? 'does not track the folder of' : ignored ? 'ignores' : 'does not ignore'} ${file}`);
  // One notification says it all: VS Code shows at most three toasts in 800 ms and sends the rest
  // to the notification center unseen, and the progress toast is already one of them.
  const warnings: string[] = [];
  if (ignored === false) {
    warnings.push(vscode.l10n.t('{0} holds secrets and git does not ignore it: a commit would publish them.', shown));
  }
  if (written.misread.length > 0) {
    warnings.push(
      vscode.l10n.t(
        'No .env text reads the same in the Jupyter extension and in python-dotenv for {0}: written as the Jupyter extension reads it. A script that loads .env with python-dotenv gets another value.',
        written.misread.map((m) => m.name).join(', '),
      ),
    );
  }
  if (written.alsoOutside.length > 0) {
    warnings.push(vscode.l10n.t('{0} also sets {1} elsewhere; whichever line comes last wins.', shown, written.alsoOutside.join(', ')));
  }
  const mixed = workspaceCollisions(identifiers, sections);
  if (mixed.length > 0) {
    warnings.push(
      vscode.l10n.t(
        'The OpenHEXA SDK reads every variable that starts with PREFIX_ as a connection\'s field, so it would mix {0}. Change one of the identifiers (Change Connection Identifier).',
        mixed.map(([a, b]) => `${a}_* / ${b}`).join(', '),
      ),
    );
  }
  const wrote = vscode.l10n.t('Wrote {0} variables of "{1}" to {2}, readable by you only. A running kernel sees them only after you restart it.', String(count), ref.workspace.name, shown);
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
