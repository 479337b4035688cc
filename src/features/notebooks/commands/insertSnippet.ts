import * as vscode from 'vscode';
import { z } from 'zod';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { connectionSnippet } from '../../../core/notebooks/connectionSnippet';
import { databaseSnippet } from '../../../core/notebooks/databaseSnippet';
import { savedQuerySnippet } from '../../../core/notebooks/savedQuerySnippet';
import { SNIPPET_FLAVOURS } from '../../../core/notebooks/snippet';
import { connectionFields } from '../../../postgres/connections/connectionCalls';
import { readSavedQuery } from '../../../postgres/savedQueries/savedQueryCalls';
import { command } from '../../../platform/commands/command';
import type { Services } from '../../../platform/services';
import { givenValues } from '../../commandArgs';
import { notebookTargetArg, resolveNotebookTarget, type NotebookTarget } from '../notebookTarget';
import { insertSnippetOf, rDriver, type SnippetSubject } from '../snippetFlow';

/** What a snippet reads on a PostgreSQL server (its catalog); missing variables are written by Write Variables to .env there. */
function catalogSubject(services: Services, target: NotebookTarget): SnippetSubject {
  const ref = { server: target.profile, slug: target.workspace.slug };
  const base = { workspaceSlug: target.workspace.slug };
  if (target.what === 'database') {
    return { ...base, what: 'database', about: 'the workspace database', code: (flavour) => Promise.resolve(databaseSnippet(flavour, rDriver(), target.table)), writeVariables: () => vscode.commands.executeCommand('openhexa.writeEnv', { ...ref, target: 'database' }) };
  }
  if (target.what === 'query') {
    return {
      ...base,
      what: 'query',
      about: `saved query ${target.query.slug}`,
      // The SQL as it is now, read as the member (a query they may not read is not found).
      code: async (flavour) => savedQuerySnippet(flavour, rDriver(), await services.sessions.catalog(target.profile, (c) => readSavedQuery(c, target.workspace.slug, target.query.slug))),
      writeVariables: () => vscode.commands.executeCommand('openhexa.writeEnv', { ...ref, target: 'database' }),
    };
  }
  const { connection } = target;
  const type = CONNECTION_TYPES[connection.type];
  return {
    ...base,
    what: 'connection',
    connection,
    about: `connection ${connection.identifier}`,
    // Only a custom connection's snippet needs its codes; secrets stay masked in this call.
    code: async (flavour) =>
      connectionSnippet(type, connection.identifier, type.fields.length > 0 ? [] : await services.sessions.catalog(target.profile, (c) => connectionFields(c, target.workspace.slug, connection.identifier)), flavour, rDriver()),
    writeVariables: () => vscode.commands.executeCommand('openhexa.writeEnv', { ...ref, identifier: connection.identifier }),
  };
}

/** A cell that reads the workspace database, one of its tables, or a connection, after the selected cell of the active notebook. */
export const insertSnippet = command('openhexa.insertSnippet', [notebookTargetArg({ flavour: z.enum(SNIPPET_FLAVOURS) })], async (services, arg) => {
  const title = vscode.l10n.t('Insert Connection Snippet');
  const target = await resolveNotebookTarget(services, arg, title);
  if (!target) {
    return;
  }
  await insertSnippetOf(services, catalogSubject(services, target), givenValues(arg).flavour);
});
