import * as vscode from 'vscode';
import { may } from '../../../core/roles';
import { historyRetention, myHistory, workspaceLog, type HistoryEntry } from '../../../postgres/savedQueries/historyCalls';
import { command } from '../../../platform/commands/command';
import { resolveWorkspace, type WorkspaceRef } from '../../../platform/commands/pickers';
import type { Services } from '../../../platform/services';
import { userMessage } from '../../../platform/userMessage';
import { workspaceArg } from '../../commandArgs';
import { historyItem, RUN_AGAIN, type HistoryItem } from '../historyItems';

/** The workspace of the active SQL document, when it is bound to one. */
function activeWorkspace(services: Services): WorkspaceRef | undefined {
  const document = vscode.window.activeTextEditor?.document;
  const binding = document && services.queries.documents.get(document.uri);
  const profile = binding && services.queries.documents.profileOf(binding);
  return binding && profile ? { profile, workspace: { slug: binding.slug, name: binding.workspaceName, dbName: binding.dbName, role: binding.role, status: 'ready' } } : undefined;
}

const EVERYONE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('organization'), tooltip: vscode.l10n.t("Everyone's runs (admins)") };
const MINE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('person'), tooltip: vscode.l10n.t('Only your runs') };

/**
 * Your runs in a workspace, from any machine (the catalog keeps them):
 * type to search their SQL on the server; Enter opens one in a new query,
 * its play button runs it again there. An admin may show everyone's.
 */
export const queryHistory = command('openhexa.queryHistory', [workspaceArg({})], async (services, arg) => {
  const title = vscode.l10n.t('Query History');
  const ref = arg ? await resolveWorkspace(services, arg, title) : (activeWorkspace(services) ?? (await resolveWorkspace(services, undefined, title)));
  if (!ref) {
    return;
  }
  const { profile, workspace } = ref;
  const locale = vscode.env.language;
  const days = await services.sessions.catalog(profile, (c) => historyRetention(c));
  const pick = vscode.window.createQuickPick<HistoryItem>();
  let everyone = false;
  const titleOf = (): string =>
    everyone ? vscode.l10n.t("Query History · {0} · everyone's runs (kept {1} days)", workspace.name, days) : vscode.l10n.t('Query History · {0} · your runs (kept {1} days)', workspace.name, days);
  pick.title = titleOf();
  pick.placeholder = vscode.l10n.t('Search the SQL of the runs (Enter opens one in a new query)');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.buttons = may(workspace.role, 'manageMembers') ? [EVERYONE] : [];
  let asked = 0;
  const load = async (): Promise<void> => {
    const ask = ++asked;
    pick.busy = true;
    try {
      const search = pick.value.trim();
      const entries = await services.sessions.catalog(profile, (c) => (everyone ? workspaceLog(c, workspace.slug, search) : myHistory(c, workspace.slug, search)));
      if (ask !== asked) {
        return;
      }
      pick.items =
        entries.length > 0
          ? entries.map((e) => historyItem(e, locale))
          : [{ label: search ? vscode.l10n.t('No run matches "{0}"', search) : vscode.l10n.t('No runs yet: what you run in a query document of {0} shows here.', workspace.name), alwaysShow: true }];
    } catch (err) {
      if (ask === asked) {
        pick.items = [{ label: `$(error) ${userMessage(err)}`, alwaysShow: true }];
      }
    } finally {
      if (ask === asked) {
        pick.busy = false;
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const again = async (entry: HistoryEntry, run: boolean): Promise<void> => {
    pick.hide();
    const editor = await services.queries.newQuery(profile, workspace, entry.sql ?? '');
    if (run) {
      const binding = services.queries.documents.get(editor.document.uri);
      if (binding) {
        await services.queries.run(editor, binding, 'document');
      }
    }
  };
  pick.onDidChangeValue(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  });
  pick.onDidTriggerButton((button) => {
    everyone = button === EVERYONE;
    pick.buttons = [everyone ? MINE : EVERYONE];
    pick.title = titleOf();
    void load();
  });
  pick.onDidTriggerItemButton(({ item, button }) => {
    if (button === RUN_AGAIN && item.entry?.sql !== undefined) {
      void again(item.entry, true);
    }
  });
  pick.onDidAccept(() => {
    const entry = pick.selectedItems[0]?.entry;
    if (entry?.sql !== undefined) {
      void again(entry, false);
    }
  });
  pick.onDidHide(() => {
    clearTimeout(timer);
    pick.dispose();
  });
  pick.show();
  await load();
});
