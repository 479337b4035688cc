import * as vscode from 'vscode';

/** Plain words for the risk of browsing as a superuser (tree and connect form). */
export function superuserWarning(): string {
  return vscode.l10n.t(
    'This login is a superuser. Reading a workspace\'s data runs code its editors wrote (views, functions, policies) with your privileges, here with full power over the server, so the extension lists workspaces but previews, counts and exports nothing with this login. Connect with a login that has CREATEDB and CREATEROLE instead.',
  );
}
