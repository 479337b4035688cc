// Inserting a snippet cell, whatever the workspace is on: the flavour
// asked, the cell written into the active notebook (or a new one), and the
// .env variables it reads offered when missing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { envPrefix, fieldEnvName } from '../../core/connections/connectionEnvNames';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../core/connections/types';
import { databaseEnvNames } from '../../core/notebooks/databaseEnv';
import { DATABASE_FLAVOURS } from '../../core/notebooks/databaseSnippet';
import { QUERY_FLAVOURS } from '../../core/notebooks/savedQuerySnippet';
import { workspaceEnvNames } from '../../core/env/databaseEnvNames';
import { assignedNames } from '../../core/notebooks/envFileBlock';
import { flavoursIn, pickFlavour, R_DRIVERS, snippetFlavours, type NotebookLanguage, type RDriver, type SnippetFlavour } from '../../core/notebooks/snippet';
import { argOrPick } from '../../platform/commands/pickers';
import type { Services } from '../../platform/services';
import { userMessage } from '../../platform/userMessage';
import { readEnvFile } from '../../files/wholeFile';
import { envFileForWork } from './envFile';
import { activeJupyterNotebook, insertCell, newNotebookWith } from './insertIntoNotebook';

const LAST_FLAVOUR = 'openhexa.notebooks.lastFlavour';

/**
 * What a snippet reads, wherever the workspace lives (a server's catalog or
 * an OpenHEXA instance): the database (or a table of it), a saved query,
 * or a connection; how its code is made, and how the .env variables it
 * reads are written when missing.
 */
export interface SnippetSubject {
  readonly what: 'database' | 'query' | 'connection';
  readonly workspaceSlug: string;
  readonly connection?: { readonly identifier: string; readonly type: ConnectionTypeId };
  readonly about: string;
  code(flavour: SnippetFlavour): Promise<string>;
  writeVariables(): Promise<unknown>;
}

function flavourLabel(flavour: SnippetFlavour, subject: SnippetSubject): { label: string; detail: string } {
  const plain: Record<string, string> = {
    dhis2: vscode.l10n.t('requests, with HTTP Basic or the personal access token'),
    iaso: vscode.l10n.t('requests: the token first, then the API'),
    s3: vscode.l10n.t('boto3, with the endpoint when one is set'),
    gcs: vscode.l10n.t('google-cloud-storage, from the service account key'),
    custom: vscode.l10n.t('os.environ'),
  };
  switch (flavour) {
    case 'sdk':
      return { label: vscode.l10n.t('OpenHEXA SDK'), detail: vscode.l10n.t("from openhexa.sdk import workspace: the same code runs in OpenHEXA's notebooks (pip install openhexa.sdk)") };
    case 'sqlalchemy':
      return { label: vscode.l10n.t('SQLAlchemy and pandas'), detail: vscode.l10n.t('create_engine and pandas.read_sql') };
    case 'psycopg2':
      return { label: 'psycopg2', detail: vscode.l10n.t('A cursor and its rows, without pandas') };
    case 'python':
      return { label: vscode.l10n.t('Plain Python'), detail: subject.connection ? (plain[subject.connection.type] ?? '') : '' };
    case 'r':
      return { label: 'R', detail: '' };
  }
}

function chooseFlavour(services: Services, given: SnippetFlavour | undefined, offered: readonly SnippetFlavour[], subject: SnippetSubject): Promise<SnippetFlavour | undefined> {
  if (given !== undefined && !offered.includes(given)) {
    throw new Error(vscode.l10n.t('A {0} snippet is not offered here: choose one of {1}.', given, offered.join(', ')));
  }
  const last = pickFlavour(offered, services.state.get<SnippetFlavour>(LAST_FLAVOUR));
  const ordered = last ? [last, ...offered.filter((f) => f !== last)] : offered;
  return argOrPick(
    given ?? (offered.length === 1 ? offered[0] : undefined),
    () => ordered.map((flavour) => ({ ...flavourLabel(flavour, subject), description: flavour === last ? vscode.l10n.t('last used') : undefined, value: flavour })),
    { title: vscode.l10n.t('Insert Connection Snippet'), placeHolder: vscode.l10n.t('How should the notebook read it?') },
  );
}

export function rDriver(): RDriver {
  const set = vscode.workspace.getConfiguration('openhexa.notebooks').get<string>('rDriver');
  return R_DRIVERS.find((d) => d === set) ?? 'RPostgres';
}

/** The variables a subject's snippet needs: the database's six, or the connection's type and required fields. */
function neededNames(subject: SnippetSubject): string[] {
  if (subject.what === 'database') {
    return databaseEnvNames();
  }
  if (subject.what === 'query' || !subject.connection) {
    return [workspaceEnvNames().url];
  }
  const prefix = envPrefix(subject.connection.identifier);
  return [prefix, ...CONNECTION_TYPES[subject.connection.type].fields.filter((f) => f.required).map((f) => fieldEnvName(prefix, f.code))];
}

/** When the .env file does not set what the snippet reads yet, offers to write it. */
async function offerMissingVariables(services: Services, subject: SnippetSubject): Promise<void> {
  let file: string;
  try {
    const found = await envFileForWork(vscode.l10n.t('Insert Connection Snippet'));
    if (!found) {
      return;
    }
    file = found.file;
  } catch {
    return; // No folder: nowhere to write .env; the snippet says where its variables come from.
  }
  const present = assignedNames(await readEnvFile(file));
  const missing = neededNames(subject).filter((n) => !present.has(n));
  if (missing.length === 0) {
    return;
  }
  const write = vscode.l10n.t('Write Variables to .env');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The snippet reads {0}, which {1} does not set yet.', missing.length > 3 ? `${missing.slice(0, 3).join(', ')}…` : missing.join(', '), path.basename(file)),
    write,
  );
  if (choice === write) {
    // Said as a command's failure is: this runs after the command that inserted the cell ended.
    await subject.writeVariables().then(undefined, (err: unknown) => {
      services.log.error(`Writing the variables of ${subject.workspaceSlug} failed`, err);
      void vscode.window.showErrorMessage(vscode.l10n.t('OpenHEXA: {0}', userMessage(err)));
    });
  }
}

/** A cell that reads the subject, after the selected cell of the active notebook (or in a new notebook). */
export async function insertSnippetOf(services: Services, subject: SnippetSubject, given: SnippetFlavour | undefined): Promise<void> {
  const active = activeJupyterNotebook();
  let language: NotebookLanguage = active?.language ?? 'python';
  if (!active) {
    const create = vscode.l10n.t('Create a Notebook');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No Jupyter notebook is active. Create a Python notebook holding the snippet?'), create);
    if (choice !== create) {
      return;
    }
    language = 'python';
  }
  const offered = flavoursIn(language, subject.what === 'database' ? DATABASE_FLAVOURS : subject.what === 'query' || !subject.connection ? QUERY_FLAVOURS : snippetFlavours(CONNECTION_TYPES[subject.connection.type].snippets));
  const flavour = await chooseFlavour(services, given, offered, subject);
  if (!flavour) {
    return;
  }
  const code = await subject.code(flavour);
  if (active) {
    await insertCell(active.editor, code, language);
  } else {
    await newNotebookWith(code);
  }
  if (language === 'python') {
    await services.state.update(LAST_FLAVOUR, flavour);
  }
  services.walkthrough.done('notebook');
  services.log.info(`Inserted a ${flavour} snippet for ${subject.about} of ${subject.workspaceSlug}`);
  void offerMissingVariables(services, subject);
}

