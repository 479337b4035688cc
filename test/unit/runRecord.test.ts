// What the history says of a run: the console's outcome turned into one row.
import * as assert from 'node:assert/strict';
import type { RunOutcome, StatementResult } from '../../src/postgres/query/queryRun';
import { runRecord, type RunContext } from '../../src/postgres/query/runRecord';

const context: RunContext = { sql: 'SELECT 1; UPDATE t SET x = 1', mode: 'writes', origin: 'console', durationMs: 1234 };
const rows = (n: number): StatementResult => ({ status: 'rows', columns: [], store: undefined as never, rows: n, command: 'SELECT', ms: 1 });
const outcome = (results: StatementResult[], ended: RunOutcome['ended'] = 'committed'): RunOutcome => ({ results, ended, ms: 42 });

describe('the history row of a run', () => {
  it('a success counts the rows read and the rows changed, with the run\'s own duration', () => {
    const record = runRecord(outcome([rows(3), { status: 'done', command: 'UPDATE', rowCount: 5, ms: 1 }]), context);
    assert.deepEqual(record, { sql: context.sql, origin: 'console', writes: true, status: 'success', durationMs: 42, rows: 8 });
  });

  it('an error gives the first failure\'s SQLSTATE and the rows before it', () => {
    const failed: StatementResult = { status: 'failed', message: 'duplicate key', code: '23505', position: undefined, reason: 'error', ms: 1 };
    const record = runRecord(outcome([rows(2), failed, { status: 'not run' }], 'rolled back'), { ...context, mode: 'read-only' });
    assert.deepEqual(record, { sql: context.sql, origin: 'console', writes: false, status: 'error', errorCode: '23505', durationMs: 42, rows: 2 });
  });

  it('a statement cancelled on the server, and a run cancelled before its end, are cancels (57014)', () => {
    const cancelled: StatementResult = { status: 'failed', message: 'canceling statement due to user request', code: undefined, position: undefined, reason: 'cancelled', ms: 1 };
    assert.equal(runRecord(outcome([cancelled]), context).status, 'cancelled');
    assert.equal(runRecord(outcome([cancelled]), context).errorCode, '57014');
    assert.deepEqual(runRecord('cancelled', { ...context, savedQuery: 'weekly' }), { sql: context.sql, origin: 'console', writes: true, savedQuery: 'weekly', status: 'cancelled', errorCode: '57014', durationMs: 1234 });
  });

  it('a run the server could not take (connection lost) is an error, with its SQLSTATE only when it has one', () => {
    assert.deepEqual(runRecord(Object.assign(new Error('terminating connection'), { code: '57P01' }), context).errorCode, '57P01');
    assert.equal('errorCode' in runRecord(Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }), context), false);
  });
});
