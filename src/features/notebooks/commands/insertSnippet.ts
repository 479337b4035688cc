import * as vscode from 'vscode';
import { z } from 'zod';
import { CONNECTION_TYPES } from '../../../core/connections/types';
import { connectionSnippet } from '../../../core/notebooks/connectionSnippet';
import { databaseSnippet } from '../../../core/notebooks/databaseSnippet';
import { savedQuerySnippet } from '../../../core/notebooks/savedQuerySnippet';
import { SNIPPET_FLAVOURS } from '../../../core/notebooks/snippet';
import { command } from '../../../platform/commands/command';
import type { Services } from '../../../platform/services';
import { givenValues } from '../../commandArgs';
import { notebookTargetArg, resolveNotebookTarget, type NotebookTarget } from '../notebookTarget';
import { insertSnippetOf, rDriver, type SnippetSubject } from '../snippetFlow';
import { writeSourceEnv } from '../writeSourceEnv';

/** What a snippet reads and how its code is made; missing variables are written as Write Variables to .env writes them. */
function snippetSubject(services: Services, { source, subject }: NotebookTarget): SnippetSubject {
  const base = { workspaceSlug: source.workspace.slug };
  const title = vscode.l10n.t('Write Variables to .env');
  const writeDatabase = () => writeSourceEnv(services, source, { at: 'database' }, {}, title);
  switch (subject.what) {
    case 'database':
      return { ...base, what: 'database', about: 'the workspace database', code: (flavour) => Promise.resolve(databaseSnippet(flavour, rDriver(), subject.table)), writeVariables: writeDatabase };
    case 'query':
      // The SQL as it is now, read as the member (a query they may not read is not found).
      return { ...base, what: 'query', about: `saved query ${subject.query.slug}`, code: async (flavour) => savedQuerySnippet(flavour, rDriver(), await source.savedQuery(subject.query.slug)), writeVariables: writeDatabase };
    case 'connection': {
      const { connection } = subject;
      const type = CONNECTION_TYPES[connection.type];
      return {
        ...base,
        what: 'connection',
        connection,
        about: `connection ${connection.identifier}`,
        // Only a custom connection's snippet needs its codes; no value is read for it.
        code: async (flavour) => connectionSnippet(type, connection.identifier, type.fields.length > 0 ? [] : (await source.fieldCodes(connection.identifier)).map((code) => ({ code })), flavour, rDriver()),
        writeVariables: () => writeSourceEnv(services, source, { at: 'connection', connection }, {}, title),
      };
    }
  }
}

/** A cell that reads the workspace database, one of its tables, a saved query or a connection (of a server or an instance), after the selected cell of the active notebook. */
export const insertSnippet = command('openhexa.insertSnippet', [notebookTargetArg({ flavour: z.enum(SNIPPET_FLAVOURS) })], async (services, arg) => {
  const title = vscode.l10n.t('Insert Connection Snippet');
  const target = await resolveNotebookTarget(services, arg, title);
  if (!target) {
    return;
  }
  await insertSnippetOf(services, snippetSubject(services, target), givenValues(arg).flavour);
});
