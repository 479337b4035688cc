// "Test connection", one tester per type but Custom. They live apart from
// the types (src/core/connections/types) because the form's webview bundles
// the types, and testers need Node's network and crypto modules.
import type { ConnectionTypeId } from '../core/connections/types';
import { testDhis2 } from './dhis2Tester';
import { testGcs } from './gcsTester';
import { testIaso } from './iasoTester';
import { testPostgresql } from './postgresqlTester';
import { testS3 } from './s3Tester';
import type { Tester } from './testOutcome';

export const TESTERS = { postgresql: testPostgresql, dhis2: testDhis2, iaso: testIaso, s3: testS3, gcs: testGcs } as const satisfies Record<Exclude<ConnectionTypeId, 'custom'>, Tester>;

export function testerFor(type: ConnectionTypeId): Tester | undefined {
  return type === 'custom' ? undefined : TESTERS[type];
}
