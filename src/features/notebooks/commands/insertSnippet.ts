import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { envPrefix, fieldEnvName } from '../../../core/connections/connectionEnvNames';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { connectionSnippet } from '../../../core/notebooks/connectionSnippet';
import { databaseEnvNames } from '../../../core/notebooks/databaseEnv';
import { DATABASE_FLAVOURS, databaseSnippet } from '../../../core/notebooks/databaseSnippet';
import { QUERY_FLAVOURS, savedQuerySnippet } from '../../../core/notebooks/savedQuerySnippet';
import { workspaceEnvNames } from '../../../core/env/databaseEnvNames';
import { readSavedQuery } from '../../../postgres/savedQueries/savedQueryCalls';
import { assignedNames } from '../../../core/notebooks/envFileBlock';
import { flavoursIn, pickFlavour, R_DRIVERS, SNIPPET_FLAVOURS, snippetFlavours, type NotebookLanguage, type RDriver, type SnippetFlavour } from '../../../core/notebooks/snippet';
import { connectionFields } from '../../../postgres/connections/connectionCalls';
import { command } from '../../../platform/commands/command';
import { argOrPick } from '../../../platform/commands/pickers';
import type { Services } from '../../../platform/services';
import { givenValues } from '../../commandArgs';
import { readEnvFile } from '../../../files/wholeFile';
import { envFileForWork } from '../envFile';
import { activeJupyterNotebook, insertCell, newNotebookWith } from '../insertIntoNotebook';
import { notebookTargetArg, resolveNotebookTarget, type NotebookTarget } from '../notebookTarget';

const LAST_FLAVOUR = 'openhexa.notebooks.lastFlavour';

function flavourLabel(flavour: SnippetFlavour, target: NotebookTarget): { label: string; detail: string } {
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
      return { label: vscode.l10n.t('Plain Python'), detail: target.what === 'connection' ? (plain[target.connection.type] ?? '') : '' };
    case 'r':
      return { label: 'R', detail: '' };
  }
}

function chooseFlavour(services: Services, given: SnippetFlavour | undefined, offered: readonly SnippetFlavour[], target: NotebookTarget): Promise<SnippetFlavour | undefined> {
  if (given !== undefined && !offered.includes(given)) {
    throw new Error(vscode.l10n.t('A {0} snippet is not offered here: choose one of {1}.', given, offered.join(', ')));
  }
  const last = pickFlavour(offered, services.state.get<SnippetFlavour>(LAST_FLAVOUR));
  const ordered = last ? [last, ...offered.filter((f) => f !== last)] : offered;
  return argOrPick(
    given ?? (offered.length === 1 ? offered[0] : undefined),
    () => ordered.map((flavour) => ({ ...flavourLabel(flavour, target), description: flavour === last ? vscode.l10n.t('last used') : undefined, value: flavour })),
    { title: vscode.l10n.t('Insert Connection Snippet'), placeHolder: vscode.l10n.t('How should the notebook read it?') },
  );
}

function rDriver(): RDriver {
  const set = vscode.workspace.getConfiguration('openhexa.notebooks').get<string>('rDriver');
  return R_DRIVERS.find((d) => d === set) ?? 'RPostgres';
}

/** The variables a target's snippet needs: the database's six, or the connection's type and required fields. */
function neededNames(target: NotebookTarget): string[] {
  if (target.what === 'database') {
    return databaseEnvNames();
  }
  if (target.what === 'query') {
    return [workspaceEnvNames().url];
  }
  const prefix = envPrefix(target.connection.identifier);
  return [prefix, ...CONNECTION_TYPES[target.connection.type].fields.filter((f) => f.required).map((f) => fieldEnvName(prefix, f.code))];
}

async function snippetOf(services: Services, target: NotebookTarget, flavour: SnippetFlavour): Promise<string> {
  if (target.what === 'database') {
    return databaseSnippet(flavour, rDriver(), target.table);
  }
  if (target.what === 'query') {
    // The SQL as it is now, read as the member (a query they may not read is not found).
    const query = await services.sessions.catalog(target.profile, (c) => readSavedQuery(c, target.workspace.slug, target.query.slug));
    return savedQuerySnippet(flavour, rDriver(), query);
  }
  const type = CONNECTION_TYPES[target.connection.type];
  // Only a custom connection's snippet needs its codes; secrets stay masked in this call.
  const fields = type.fields.length > 0 ? [] : await services.sessions.catalog(target.profile, (c) => connectionFields(c, target.workspace.slug, target.connection.identifier));
  return connectionSnippet(type, target.connection.identifier, fields, flavour, rDriver());
}

/** When the .env file does not set what the snippet reads yet, offers to write it. */
async function offerMissingVariables(target: NotebookTarget): Promise<void> {
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
  const missing = neededNames(target).filter((n) => !present.has(n));
  if (missing.length === 0) {
    return;
  }
  const write = vscode.l10n.t('Write Variables to .env');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The snippet reads {0}, which {1} does not set yet.', missing.length > 3 ? `${missing.slice(0, 3).join(', ')}…` : missing.join(', '), path.basename(file)),
    write,
  );
  if (choice === write) {
    const ref = { server: target.profile, slug: target.workspace.slug };
    await vscode.commands.executeCommand('openhexa.writeEnv', target.what === 'connection' ? { ...ref, identifier: target.connection.identifier } : { ...ref, target: 'database' });
  }
}

/** A cell that reads the workspace database, one of its tables, or a connection, after the selected cell of the active notebook. */
export const insertSnippet = command('openhexa.insertSnippet', [notebookTargetArg({ flavour: z.enum(SNIPPET_FLAVOURS) })], async (services, arg) => {
  const title = vscode.l10n.t('Insert Connection Snippet');
  const target = await resolveNotebookTarget(services, arg, title);
  if (!target) {
    return;
  }
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
  const offered = flavoursIn(language, target.what === 'database' ? DATABASE_FLAVOURS : target.what === 'query' ? QUERY_FLAVOURS : snippetFlavours(CONNECTION_TYPES[target.connection.type].snippets));
  const flavour = await chooseFlavour(services, givenValues(arg).flavour, offered, target);
  if (!flavour) {
    return;
  }
  const code = await snippetOf(services, target, flavour);
  if (active) {
    await insertCell(active.editor, code, language);
  } else {
    await newNotebookWith(code);
  }
  if (language === 'python') {
    await services.state.update(LAST_FLAVOUR, flavour);
  }
  services.walkthrough.done('notebook');
  const about = target.what === 'connection' ? `connection ${target.connection.identifier}` : target.what === 'query' ? `saved query ${target.query.slug}` : 'the workspace database';
  services.log.info(`Inserted a ${flavour} snippet for ${about} of ${target.workspace.slug}`);
  void offerMissingVariables(target);
});
