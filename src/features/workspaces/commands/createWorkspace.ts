import * as vscode from 'vscode';
import { z } from 'zod';
import { connectionLimitSchema, durationSchema, guardsWith, OPENHEXA_GUARDS, workspaceGuardsSchema, type WorkspaceGuards } from '../../../core/workspaceGuards';
import { MAX_WORKSPACE_NAME } from '../../../core/workspaceNames';
import { isPlatformAdmin, listWorkspaces } from '../../../postgres/workspace/catalogCalls';
import { createWorkspace as create } from '../../../postgres/workspace/provisioning';
import { command } from '../../../platform/commands/command';
import { progress, resolveServer } from '../../../platform/commands/pickers';
import { profileOf, serverArg } from '../../commandArgs';
import { say } from '../../../platform/say';

/** The guards as a sentence (the pick's detail, the log). */
function describeGuards(g: WorkspaceGuards): string {
  return vscode.l10n.t(
    'At most {0} connections; idle transactions end after {1}, statements after {2}.',
    g.connectionLimit === -1 ? vscode.l10n.t('unlimited') : String(g.connectionLimit),
    g.idleInTransactionSessionTimeout,
    g.statementTimeout,
  );
}

function firstIssue(schema: z.ZodTypeAny, value: string): string | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : say(parsed.error.issues[0]?.message ?? 'Invalid value');
}

/** OpenHEXA's guards, or the platform admin's own: each value asked for with its default filled in. */
async function pickGuards(title: string): Promise<WorkspaceGuards | undefined> {
  const keep = { label: vscode.l10n.t("OpenHEXA's guards"), detail: describeGuards(OPENHEXA_GUARDS), change: false };
  const change = { label: vscode.l10n.t('Change the guards…'), detail: vscode.l10n.t('Set the connection limit and the timeouts of this database yourself.'), change: true };
  const picked = await vscode.window.showQuickPick([keep, change], { title, placeHolder: vscode.l10n.t('Guards of the new database') });
  if (!picked) {
    return undefined;
  }
  if (!picked.change) {
    return OPENHEXA_GUARDS;
  }
  const ask = (prompt: string, value: string, schema: z.ZodTypeAny): Thenable<string | undefined> =>
    vscode.window.showInputBox({ title, prompt, value, validateInput: (v) => firstIssue(schema, v) });
  const limit = await ask(vscode.l10n.t('Connection limit of the database (-1: no limit)'), String(OPENHEXA_GUARDS.connectionLimit), connectionLimitSchema);
  if (limit === undefined) {
    return undefined;
  }
  const idle = await ask(vscode.l10n.t('End transactions left idle after (idle_in_transaction_session_timeout; 0: never)'), OPENHEXA_GUARDS.idleInTransactionSessionTimeout, durationSchema);
  if (idle === undefined) {
    return undefined;
  }
  const statement = await ask(vscode.l10n.t('End statements running longer than (statement_timeout; 0: never)'), OPENHEXA_GUARDS.statementTimeout, durationSchema);
  if (statement === undefined) {
    return undefined;
  }
  return guardsWith({ connectionLimit: limit, idleInTransactionSessionTimeout: idle, statementTimeout: statement });
}

/** The guards' keys; their values are checked with the guards' own messages below. */
const guardsArg = z
  .object({ connectionLimit: z.unknown(), idleInTransactionSessionTimeout: z.unknown(), statementTimeout: z.unknown() })
  .partial()
  .strict()
  .describe('{ connectionLimit, idleInTransactionSessionTimeout, statementTimeout }, each optional');

/**
 * `(server, name, guards?)`: a workspace, its database and its two shared
 * logins (platform admins). `guards` changes OpenHEXA's per-database guards
 * (`{ connectionLimit, idleInTransactionSessionTimeout, statementTimeout }`,
 * each optional); given a name and no guards, OpenHEXA's apply unasked.
 */
export const createWorkspace = command(
  'openhexa.createWorkspace',
  [serverArg, z.string().describe('the name of the new workspace'), guardsArg],
  async ({ store, sessions, log, tree, walkthrough }, arg, nameArg, guardsGiven) => {
    const profile = await resolveServer(store, profileOf(arg), vscode.l10n.t('Create Workspace'));
    if (!profile) {
      return undefined;
    }
    if (!(await sessions.catalog(profile, (c) => isPlatformAdmin(c)))) {
      throw new Error(vscode.l10n.t('Only platform admins create workspaces, and your login on {0} is not one: ask one of them.', profile.label));
    }
    // Names already used on the server (a platform admin sees every workspace): said as one types.
    const taken = nameArg !== undefined ? [] : (await sessions.catalog(profile, (c) => listWorkspaces(c))).map((w) => w.name.trim().toLowerCase());
    const name =
      nameArg ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Create Workspace'),
        prompt: vscode.l10n.t('Name of the new workspace on {0}', profile.label),
        placeHolder: vscode.l10n.t('e.g. Malaria surveillance'),
        validateInput: (value) =>
          value.trim().length === 0
            ? vscode.l10n.t('Name is required')
            : value.trim().length > MAX_WORKSPACE_NAME
              ? vscode.l10n.t('Name must be at most 80 characters')
              : taken.includes(value.trim().toLowerCase())
                ? vscode.l10n.t('A workspace named "{0}" already exists on {1}.', value.trim(), profile.label)
                : undefined,
      }));
    if (name === undefined) {
      return undefined;
    }
    let guards: WorkspaceGuards | undefined;
    if (guardsGiven !== undefined) {
      const parsed = workspaceGuardsSchema.safeParse({ ...OPENHEXA_GUARDS, ...guardsGiven });
      if (!parsed.success) {
        throw new Error(vscode.l10n.t('The guards are not valid: {0}', say(parsed.error.issues[0]?.message ?? 'Invalid value')));
      }
      guards = parsed.data;
    } else {
      guards = nameArg !== undefined ? OPENHEXA_GUARDS : await pickGuards(vscode.l10n.t('Create Workspace'));
    }
    if (!guards) {
      return undefined;
    }
    const chosen = guards;
    const login = await sessions.login(profile, profile.catalogDatabase);
    const created = await progress(vscode.l10n.t('Creating the workspace "{0}" and its database…', name.trim()), () => create(login, profile.catalogDatabase, name, { guards: chosen }));
    log.info(`Created workspace ${created.slug} (database ${created.dbName}) on ${profile.label}; guards: ${JSON.stringify(chosen)}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Workspace "{0}" created, with its database {1}.', created.name, created.dbName));
    walkthrough.done('workspace');
    tree.refresh();
    return created;
  },
);
