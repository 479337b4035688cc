import * as vscode from 'vscode';
import { asCatalogError, CatalogError } from '../../postgres/catalog/catalogError';
import { describeLoginFailure } from '../../postgres/loginFailure';
import { SuperuserBrowsing } from '../../postgres/readOnly';
import type { TreeContext } from './nodeDef';
import type { TreeNode } from './nodeRegistry';
import { superuserWarning } from '../superuserWarning';
import { weakerTlsMessage } from '../weakerTlsMessage';
import { WeakerTlsError } from '../sessions';
import { say } from '../say';
import { OpenHexaError } from '../../openhexa/graphqlClient';

/** What to show for a failure: what to do (translated), and the server's own words. */
export function explain(err: unknown): { message: string; detail: string } {
  if (err instanceof CatalogError) {
    return { message: err.message, detail: '' };
  }
  if (err instanceof OpenHexaError) {
    return { message: say(err.said), detail: err.detail ?? '' };
  }
  if (err instanceof WeakerTlsError) {
    return weakerTlsMessage(err);
  }
  if (err instanceof SuperuserBrowsing) {
    return { message: vscode.l10n.t('Not read: this login is a superuser'), detail: superuserWarning() };
  }
  const failure = describeLoginFailure(err);
  // For errors we have no advice for, the server's own words are the most useful label.
  return failure.kind === 'other' ? { message: failure.detail, detail: say({ text: failure.message, args: failure.args }) } : { message: say({ text: failure.message, args: failure.args }), detail: failure.detail };
}

/** A level that fails shows why, in place, instead of an empty or broken tree. */
export async function guard(ctx: TreeContext, load: () => Promise<TreeNode[]>): Promise<TreeNode[]> {
  try {
    return await load();
  } catch (err) {
    const failure = explain(asCatalogError(err));
    ctx.log.warn(`Loading the Workspaces view failed: ${failure.detail || failure.message}`);
    return [{ kind: 'message', text: failure.message, tooltip: failure.detail, error: true }];
  }
}
