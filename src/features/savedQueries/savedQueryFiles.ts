import * as vscode from 'vscode';
import { SAVED_QUERY_SCHEME, savedQueryAddress, savedQueryUriParts, type SavedQueryAddress } from '../../core/query/savedQueryAddress';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import { CatalogError } from '../../postgres/catalog/catalogError';
import { readSavedQuery, updateSavedQuery, type SavedQuery } from '../../postgres/savedQueries/savedQueryCalls';
import type { Log } from '../../platform/log';
import type { ServerStore } from '../../platform/serverStore';
import type { Sessions } from '../../platform/sessions';

/** The document of a saved query. */
export function savedQueryUri(profile: ServerProfile, workspace: string, query: string): vscode.Uri {
  return vscode.Uri.from(savedQueryUriParts({ server: profileKey(profile), workspace, query }));
}

/**
 * Saved queries as files, so an editor opens, saves and notices them as it
 * does files on disk: a query the member may not edit opens read-only; a
 * save sends the SQL with the revision last read (stat or read), and
 * VS Code's own check (the file's time changed since it was opened) asks
 * before overwriting a query someone saved since; the server refuses the
 * rare save that slips between the two.
 */
export class SavedQueryFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** The revision of each query as last read: what a save names. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly services: { readonly store: ServerStore; readonly sessions: Sessions; readonly log: Log }) {}

  /** Open editors of this query read it again (renamed, shared, deleted from the tree). */
  touched(uri: vscode.Uri, deleted = false): void {
    this.changed.fire([{ type: deleted ? vscode.FileChangeType.Deleted : vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    // Other members' saves are not pushed: a save checks for them.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const query = await this.read(uri);
    return {
      type: vscode.FileType.File,
      ctime: query.updatedAt.getTime(),
      mtime: query.updatedAt.getTime(),
      size: Buffer.byteLength(query.sql, 'utf8'),
      ...(query.canEdit ? {} : { permissions: vscode.FilePermission.Readonly }),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from((await this.read(uri)).sql, 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { address, profile } = this.locate(uri);
    const revision = this.seen.get(uri.toString()) ?? (await this.read(uri)).revision;
    const sql = Buffer.from(content).toString('utf8');
    const next = await this.call(() => this.services.sessions.catalog(profile, (c) => updateSavedQuery(c, address.workspace, address.query, { sql, revision })));
    this.seen.set(uri.toString(), next);
    this.services.log.info(`Saved query ${address.query} of ${address.workspace} (revision ${next})`);
    this.touched(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  private locate(uri: vscode.Uri): { address: SavedQueryAddress; profile: ServerProfile } {
    const address = savedQueryAddress(uri);
    if (!address) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const profile = this.services.store.read().profiles.find((p) => profileKey(p) === address.server);
    if (!profile) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('The server of this saved query is no longer in your servers: add it again to open the query.'));
    }
    return { address, profile };
  }

  private async read(uri: vscode.Uri): Promise<SavedQuery> {
    const { address, profile } = this.locate(uri);
    const query = await this.call(() => this.services.sessions.catalog(profile, (c) => readSavedQuery(c, address.workspace, address.query)));
    this.seen.set(uri.toString(), query.revision);
    return query;
  }

  /** The catalog's refusals as the file errors an editor understands, with the server's words. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof CatalogError && err.kind === 'notFound') {
        throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('This query was deleted, or made private by its author: {0}', err.message));
      }
      if (err instanceof CatalogError && err.kind === 'notAllowed') {
        throw vscode.FileSystemError.NoPermissions(err.message);
      }
      if (err instanceof CatalogError && err.kind === 'conflict') {
        throw new Error(vscode.l10n.t('Not saved: {0}. Copy your changes, close the query and open it again to see theirs.', err.message));
      }
      throw err;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export { SAVED_QUERY_SCHEME };

declare module '../../platform/services' {
  interface Services {
    /** Saved queries as documents (the openhexa-query: scheme). */
    readonly savedQueryFiles: SavedQueryFiles;
  }
}
