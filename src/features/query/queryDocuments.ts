import * as vscode from 'vscode';
import type { WorkspaceRole } from '../../core/roles';
import { may } from '../../core/roles';
import { profileKey, type ServerProfile } from '../../core/serverProfile';
import type { WorkspaceSummary } from '../../postgres/workspace/catalogCalls';
import type { ServerStore } from '../../platform/serverStore';

/** The workspace a SQL document runs on, as the member who bound it. */
export interface QueryBinding {
  /** The server profile's key, or `openhexa:<address>` for an OpenHEXA instance's workspace. */
  readonly server: string;
  /** An OpenHEXA instance's address: the document runs with the credentials OpenHEXA hands for the workspace database. */
  readonly instance?: string;
  readonly slug: string;
  readonly workspaceName: string;
  readonly dbName: string;
  readonly role: WorkspaceRole;
  /** Off by default, and off again when the document is reopened: writes are asked for each time. */
  readonly allowWrites: boolean;
}

const STATE_KEY = 'openhexa.queryBindings';

/** A binding's server key for an instance: never a profile's (those are user@host:port). */
export function instanceKey(instance: string): string {
  return `openhexa:${instance}`;
}

type Kept = Record<string, Omit<QueryBinding, 'allowWrites'>>;

/**
 * Which SQL documents are bound to which workspace: a New Query's untitled
 * document, or any .sql file the user bound. A file's binding is kept in
 * the folder's state (workspaceState: never a secret, only which server
 * profile, workspace and role), not in the file and not in settings, so a
 * cloned folder cannot point a document at another server. Allow writes is
 * never kept.
 */
export class QueryDocuments implements vscode.Disposable {
  private readonly bindings = new Map<string, QueryBinding>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: ServerStore,
  ) {
    for (const [uri, kept] of Object.entries(state.get<Kept>(STATE_KEY, {}))) {
      this.bindings.set(uri, { ...kept, allowWrites: false });
    }
  }

  get(uri: vscode.Uri): QueryBinding | undefined {
    return this.bindings.get(uri.toString());
  }

  /** The server profile a binding names, if it is still configured. */
  profileOf(binding: QueryBinding): ServerProfile | undefined {
    return this.store.read().profiles.find((p) => profileKey(p) === binding.server);
  }

  bind(uri: vscode.Uri, profile: ServerProfile, workspace: WorkspaceSummary): QueryBinding {
    const binding: QueryBinding = { server: profileKey(profile), slug: workspace.slug, workspaceName: workspace.name, dbName: workspace.dbName, role: workspace.role, allowWrites: false };
    this.bindings.set(uri.toString(), binding);
    this.keep();
    this.changed.fire(uri);
    return binding;
  }

  /** Binds a document to a workspace of an OpenHEXA instance, whose database is `dbName`. */
  bindInstance(uri: vscode.Uri, instance: string, workspace: { readonly slug: string; readonly name: string; readonly role: WorkspaceRole }, dbName: string): QueryBinding {
    const binding: QueryBinding = { server: instanceKey(instance), instance, slug: workspace.slug, workspaceName: workspace.name, dbName, role: workspace.role, allowWrites: false };
    this.bindings.set(uri.toString(), binding);
    this.keep();
    this.changed.fire(uri);
    return binding;
  }

  /** Allow writes on a document (editors and admins only: a viewer's writes PostgreSQL refuses anyway). */
  setWrites(uri: vscode.Uri, allow: boolean): void {
    const binding = this.get(uri);
    if (!binding || (allow && !may(binding.role, 'write'))) {
      return;
    }
    this.bindings.set(uri.toString(), { ...binding, allowWrites: allow });
    this.changed.fire(uri);
  }

  /** A document closed: an untitled one's binding goes with it; a file's stays (read-only again). */
  closed(uri: vscode.Uri): void {
    if (uri.scheme === 'untitled') {
      this.bindings.delete(uri.toString());
    } else {
      this.setWrites(uri, false);
    }
  }

  private keep(): void {
    const kept: Kept = {};
    for (const [uri, binding] of this.bindings) {
      if (!uri.startsWith('untitled:')) {
        kept[uri] = { server: binding.server, ...(binding.instance ? { instance: binding.instance } : {}), slug: binding.slug, workspaceName: binding.workspaceName, dbName: binding.dbName, role: binding.role };
      }
    }
    void this.state.update(STATE_KEY, kept);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
