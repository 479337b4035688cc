// An instance's connections in the terms of the product's connection form
// (the same list, fields, values, create, update and test a PostgreSQL
// server's catalog gives it), so the form works on either kind of server.
// OpenHEXA names a connection for updates and deletes by its id, the form
// by its identifier (the slug): the id is looked up at each write.
import { said } from '../core/said';
import type { ConnectionField } from '../core/connections/connectionType';
import type { ConnectionTypeId } from '../core/connections/types';
import type { ConnectionEdit, ConnectionSummary, NewConnection, StoredField } from '../postgres/connections/connectionCalls';
import { failed, passed, type TestOutcome } from '../testers/testOutcome';
import { OpenHexaError } from './graphqlClient';
import { connectionValues, createConnection, deleteConnection, listConnections, testConnection, updateConnection, type InstanceConnection, type InstanceSession } from './instanceCalls';
import { O } from './openHexaMessages';

export interface InstanceConnectionStore {
  list(): Promise<ConnectionSummary[]>;
  fields(identifier: string): Promise<StoredField[]>;
  values(identifier: string): Promise<ConnectionField[]>;
  create(connection: NewConnection): Promise<string>;
  update(identifier: string, edit: ConnectionEdit): Promise<void>;
  remove(identifier: string): Promise<void>;
  test(type: ConnectionTypeId, values: Readonly<Record<string, string>>, signal: AbortSignal): Promise<TestOutcome>;
}

export function instanceConnections(session: () => Promise<InstanceSession>, slug: string): InstanceConnectionStore {
  const find = async (identifier: string): Promise<InstanceConnection> => {
    const found = (await listConnections(await session(), slug)).find((c) => c.identifier === identifier);
    if (!found) {
      throw new OpenHexaError('api', said(O.noConnection, identifier, slug));
    }
    return found;
  };
  return {
    list: async () =>
      (await listConnections(await session(), slug)).map((c) => ({ identifier: c.identifier, name: c.name, type: c.type, description: c.description, updatedAt: c.updatedAt ?? new Date(0) })),
    // OpenHEXA answers a secret's value to those who may update the connection: whether it is set is read from it, the value stays here.
    fields: async (identifier) =>
      (await connectionValues(await session(), slug, identifier)).map((f): StoredField => (f.secret ? { code: f.code, secret: true, isSet: (f.value ?? '') !== '' } : { code: f.code, secret: false, value: f.value ?? '' })),
    values: async (identifier) => (await connectionValues(await session(), slug, identifier)).map((f) => ({ code: f.code, secret: f.secret, value: f.value ?? '' })),
    create: async (connection) => createConnection(await session(), slug, connection),
    update: async (identifier, edit) => updateConnection(await session(), slug, (await find(identifier)).id, edit),
    remove: async (identifier) => deleteConnection(await session(), slug, (await find(identifier)).id),
    test: async (type, values, signal) => {
      const fields = Object.entries(values).map(([code, value]) => ({ code, value, secret: false }));
      const result = await testConnection(await session(), slug, type, fields, { signal });
      return result.ok ? passed(said(O.testPassed)) : failed(said(O.testFailed, result.message ?? ''), result.message);
    },
  };
}
