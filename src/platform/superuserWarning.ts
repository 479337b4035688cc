import * as vscode from 'vscode';

/** Plain words for the risk of browsing as a superuser (tree and connect form). */
export function superuserWarning(): string {
  return vscode.l10n.t(
    'This login is a superuser. Browsing a workspace runs code its editors wrote (views, functions) with your privileges: as a superuser, with full power over the server. Connect with a login that has CREATEDB and CREATEROLE instead.',
  );
}
