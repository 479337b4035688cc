import type { ClientBase } from 'pg';
import type { ConnectionField } from '../../core/connections/connectionType';
import { type ConnectionTypeId, connectionType } from '../../core/connections/types';
import { catalogCall, CatalogError } from '../catalog/catalogError';
import { CONNECTION_SQL } from './sql';

/** What every member sees of a connection. */
export interface ConnectionSummary {
  readonly identifier: string;
  readonly name: string;
  readonly type: ConnectionTypeId;
  readonly description: string;
  readonly updatedAt: Date;
}

/** A field as editors first get it: a secret's value stays on the server, only whether it is set comes back. */
export type StoredField =
  | { readonly code: string; readonly secret: false; readonly value: string }
  | { readonly code: string; readonly secret: true; readonly isSet: boolean };

/** Why secrets are read; each is its own audit record. */
export type ConnectionAccess = 'reveal' | 'copy' | 'use' | 'test';

export interface NewConnection {
  /** The proposal; the server adds a short suffix if the workspace already has it. */
  readonly identifier: string;
  readonly name: string;
  readonly type: ConnectionTypeId;
  readonly description: string;
  readonly fields: readonly ConnectionField[];
}

/** A field of an edit: without a value, the stored one is kept (it never leaves the server). */
export interface FieldEdit {
  readonly code: string;
  readonly secret: boolean;
  readonly value?: string;
}

export interface ConnectionEdit {
  readonly name: string;
  readonly description: string;
  /** Every field the connection keeps, in order; the others are removed. */
  readonly fields: readonly FieldEdit[];
}

/** Every member: the workspace's connections, no value among them. */
export function listConnections(catalog: ClientBase, slug: string): Promise<ConnectionSummary[]> {
  return catalogCall(async () => {
    const { rows } = await catalog.query<{ identifier: string; name: string; type: string; description: string; updated_at: Date }>(CONNECTION_SQL.list, [slug]);
    return rows.flatMap((r) => {
      const type = connectionType(r.type);
      return type ? [{ identifier: r.identifier, name: r.name, type: type.id as ConnectionTypeId, description: r.description, updatedAt: r.updated_at }] : [];
    });
  });
}

/** Editors and admins: the fields, secrets masked (not audited: no secret comes back). */
export function connectionFields(catalog: ClientBase, slug: string, identifier: string): Promise<StoredField[]> {
  return catalogCall(async () => {
    const { rows } = await catalog.query<{ code: string; value: string | null; secret: boolean; is_set: boolean }>(CONNECTION_SQL.fields, [slug, identifier]);
    return rows.map((r): StoredField => (r.secret ? { code: r.code, secret: true, isSet: r.is_set } : { code: r.code, secret: false, value: r.value ?? '' }));
  });
}

/**
 * Every field with its value, secrets included, for an editor or admin. Two
 * statements: the first records the access and commits (this client must
 * not be inside a transaction), the second returns the values only once
 * that record is committed.
 */
export function connectionValues(catalog: ClientBase, slug: string, identifier: string, access: ConnectionAccess): Promise<ConnectionField[]> {
  return catalogCall(async () => {
    const record = (await catalog.query<{ record: string }>(CONNECTION_SQL.logAccess, [slug, identifier, access])).rows[0]?.record;
    const { rows } = await catalog.query<{ code: string; value: string; secret: boolean }>(CONNECTION_SQL.values, [record]);
    return rows.map((r) => ({ code: r.code, value: r.value, secret: r.secret }));
  });
}

/** Admins. Returns the identifier the connection got. */
export function createConnection(catalog: ClientBase, slug: string, connection: NewConnection): Promise<string> {
  return catalogCall(async () => {
    const { identifier, name, type, description, fields } = connection;
    const params = [slug, identifier, name, type, description, JSON.stringify(fields.map((f) => ({ code: f.code, value: f.value, secret: f.secret })))];
    const created = (await catalog.query<{ identifier: string }>(CONNECTION_SQL.create, params)).rows[0]?.identifier;
    if (!created) {
      throw new CatalogError('conflict', 'The server did not return the new connection');
    }
    return created;
  });
}

/** Admins. One statement, so one transaction: all of it or nothing. */
export function updateConnection(catalog: ClientBase, slug: string, identifier: string, edit: ConnectionEdit): Promise<void> {
  return catalogCall(async () => {
    const fields = edit.fields.map((f) => (f.value === undefined ? { code: f.code, secret: f.secret } : { code: f.code, secret: f.secret, value: f.value }));
    await catalog.query(CONNECTION_SQL.update, [slug, identifier, edit.name, edit.description, JSON.stringify(fields)]);
  });
}

/** Admins. Environment variables and notebooks that use the old identifier stop finding the connection. */
export function changeConnectionIdentifier(catalog: ClientBase, slug: string, identifier: string, next: string): Promise<void> {
  return catalogCall(async () => void (await catalog.query(CONNECTION_SQL.changeIdentifier, [slug, identifier, next])));
}

export function deleteConnection(catalog: ClientBase, slug: string, identifier: string): Promise<void> {
  return catalogCall(async () => void (await catalog.query(CONNECTION_SQL.delete, [slug, identifier])));
}
