import type { ConnectionTypeDef } from '../connectionType';
import { custom } from './custom';
import { dhis2 } from './dhis2';
import { gcs } from './gcs';
import { iaso } from './iaso';
import { postgresql } from './postgresql';
import { s3 } from './s3';

/** Every connection type, keyed by its id. A new type is one module plus one line here. */
export const CONNECTION_TYPES = { postgresql, dhis2, iaso, s3, gcs, custom } as const;

export type ConnectionTypeId = keyof typeof CONNECTION_TYPES;

// Each key is its type's id.
CONNECTION_TYPES satisfies { readonly [Id in ConnectionTypeId]: ConnectionTypeDef<Id> };

export function isConnectionTypeId(id: unknown): id is ConnectionTypeId {
  return typeof id === 'string' && Object.hasOwn(CONNECTION_TYPES, id);
}

export function connectionType(id: string): ConnectionTypeDef | undefined {
  return isConnectionTypeId(id) ? CONNECTION_TYPES[id] : undefined;
}
