import * as assert from 'node:assert/strict';
import { GUARD_MESSAGES, guardsWith, OPENHEXA_GUARDS, workspaceGuardsSchema } from '../../src/core/workspaceGuards';
import { workspaceGuardStatements } from '../../src/postgres/workspace/sql';

describe('workspace guards', () => {
  it('are OpenHEXA\'s unless changed: 50 connections, 5 min idle in a transaction, 90 min a statement', () => {
    assert.deepEqual(OPENHEXA_GUARDS, { connectionLimit: 50, idleInTransactionSessionTimeout: '5min', statementTimeout: '90min' });
    assert.deepEqual(guardsWith({ connectionLimit: '120' }), { ...OPENHEXA_GUARDS, connectionLimit: 120 });
    assert.deepEqual(guardsWith(undefined), OPENHEXA_GUARDS);
  });

  it('refuses values PostgreSQL would refuse or read otherwise, with the rule', () => {
    for (const [changes, message] of [
      [{ connectionLimit: 0 }, GUARD_MESSAGES.connectionLimit],
      [{ connectionLimit: -2 }, GUARD_MESSAGES.connectionLimit],
      [{ connectionLimit: '1.5' }, GUARD_MESSAGES.connectionLimit],
      [{ statementTimeout: '90 minutes' }, GUARD_MESSAGES.duration],
      [{ idleInTransactionSessionTimeout: "5min'; DROP DATABASE x; --" }, GUARD_MESSAGES.duration],
    ] as const) {
      const parsed = workspaceGuardsSchema.safeParse({ ...OPENHEXA_GUARDS, ...changes });
      assert.equal(parsed.success, false, JSON.stringify(changes));
      assert.equal(!parsed.success && parsed.error.issues[0]?.message, message);
    }
    assert.ok(workspaceGuardsSchema.safeParse({ connectionLimit: -1, idleInTransactionSessionTimeout: '0', statementTimeout: '2h' }).success);
  });

  it('become ALTER DATABASE statements with the name quoted and the values as literals', () => {
    assert.deepEqual(workspaceGuardStatements('ws_"x"', OPENHEXA_GUARDS), [
      'ALTER DATABASE "ws_""x""" CONNECTION LIMIT 50',
      "ALTER DATABASE \"ws_\"\"x\"\"\" SET idle_in_transaction_session_timeout = '5min'",
      "ALTER DATABASE \"ws_\"\"x\"\"\" SET statement_timeout = '90min'",
    ]);
  });
});
