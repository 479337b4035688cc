import * as assert from 'node:assert/strict';
import { ConnectionGate, LeaveQueue, type Priority } from '../../src/postgres/budget/connectionGate';
import { connectWaiting, fullLimitOf, ServerFull } from '../../src/postgres/budget/serverFull';

/** Lets promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a window\'s connections to one database', () => {
  it('holds at most its limit; the next waits, and the most urgent waiter goes first', async () => {
    const gate = new ConnectionGate(2);
    await gate.acquire('interactive');
    await gate.acquire('page');
    const order: Priority[] = [];
    const waiting = (['background', 'interactive', 'page'] as const).map((p) => gate.acquire(p).then(() => order.push(p)));
    await settle();
    assert.deepEqual(gate.state, { inUse: 2, waiting: 3, limit: 2 });
    gate.release('interactive');
    await settle();
    assert.deepEqual(order, ['page'], 'a page before the tree and before a count');
    gate.release('page');
    await settle();
    assert.deepEqual(order, ['page', 'interactive']);
    gate.release('page');
    await settle();
    await Promise.all(waiting);
    assert.deepEqual(order, ['page', 'interactive', 'background']);
  });

  it('never gives background work (counts, exports) the last connection, so a page never waits behind them', async () => {
    const gate = new ConnectionGate(2);
    await gate.acquire('background');
    let second = false;
    const count = gate.acquire('background').then(() => (second = true));
    await settle();
    assert.equal(second, false, 'a second export waits for the first');
    await gate.acquire('page');
    assert.deepEqual(gate.state, { inUse: 2, waiting: 1, limit: 2 });
    gate.release('page');
    gate.release('background');
    await count;
    assert.equal(second, true);
  });

  it('a cancelled waiter leaves the queue and takes nothing', async () => {
    const gate = new ConnectionGate(2);
    await gate.acquire('page');
    await gate.acquire('page');
    const stop = new AbortController();
    const gone = gate.acquire('page', stop.signal);
    stop.abort();
    await assert.rejects(gone, LeaveQueue);
    gate.release('page');
    assert.deepEqual(gate.state, { inUse: 1, waiting: 0, limit: 2 });
  });
});

describe('a server with no free connection slot', () => {
  const full = (message: string): Error => Object.assign(new Error(message), { code: '53300' });

  it('says which limit a refusal names', () => {
    assert.equal(fullLimitOf(full('too many connections for database "ws_x"')), 'database');
    assert.equal(fullLimitOf(full('too many connections for role "alice"')), 'role');
    assert.equal(fullLimitOf(full('sorry, too many clients already')), 'server');
    assert.equal(fullLimitOf(full('remaining connection slots are reserved for roles with the SUPERUSER attribute')), 'server');
    assert.equal(fullLimitOf(Object.assign(new Error('x'), { code: '28P01' })), undefined);
    // PgBouncer at its max_client_conn: a protocol error, told by its words.
    assert.equal(fullLimitOf(Object.assign(new Error('no more connections allowed (max_client_conn)'), { code: '08P01' })), 'pooler');
    // Already given up on: not a refusal to try again.
    assert.equal(fullLimitOf(new ServerFull('database', 30_000, full('too many connections for database "ws_x"'))), undefined);
  });

  it('through a pooler, a login still pending after a moment is said to wait, and Cancel gives its late connection back', async () => {
    let finish: (value: string) => void = () => undefined;
    const said: string[] = [];
    const given: string[] = [];
    const waiting = connectWaiting<string>(() => new Promise<string>((resolve) => (finish = resolve)), {
      waitMs: 30_000,
      slowAfterMs: 50,
      onWaiting: (limit) => (said.push(limit), { done: () => said.push('done') }),
      discard: (late) => given.push(late),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(said, ['pooler']);
    finish('connected');
    assert.equal(await waiting, 'connected');
    assert.deepEqual(said, ['pooler', 'done']);
    assert.equal(given.length, 0, 'a connection that came in time is the caller\'s');

    const cancel = new AbortController();
    let late: (value: string) => void = () => undefined;
    const cancelled = connectWaiting<string>(() => new Promise<string>((resolve) => (late = resolve)), {
      waitMs: 30_000,
      slowAfterMs: 50,
      onWaiting: () => ({ done: () => undefined, signal: cancel.signal }),
      discard: (value) => given.push(value),
    });
    setTimeout(() => cancel.abort(), 80);
    await assert.rejects(cancelled, LeaveQueue);
    late('came late');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(given, ['came late']);
  });

  it('is tried again until a slot frees, the wait said once and ended once', async () => {
    let tries = 0;
    const said: string[] = [];
    const result = await connectWaiting(
      async () => {
        tries += 1;
        if (tries < 4) {
          throw full('too many connections for database "ws_x"');
        }
        return 'connected';
      },
      { waitMs: 5_000, random: () => 0, onWaiting: (limit) => (said.push(`waiting: ${limit}`), { done: () => said.push('done') }) },
    );
    assert.equal(result, 'connected');
    assert.equal(tries, 4);
    assert.deepEqual(said, ['waiting: database', 'done']);
  });

  it('gives up after the wait with the limit named, and stops at once on Cancel', async () => {
    const refused = (): Promise<never> => Promise.reject(full('sorry, too many clients already'));
    const error = await connectWaiting(refused, { waitMs: 300, random: () => 0 }).catch((err: unknown) => err);
    assert.ok(error instanceof ServerFull);
    assert.equal(error.limit, 'server');
    assert.ok(error.waitedMs >= 300);
    const cancel = new AbortController();
    const started = Date.now();
    const waiting = connectWaiting(refused, { waitMs: 30_000, onWaiting: () => ({ done: () => undefined, signal: cancel.signal }) });
    setTimeout(() => cancel.abort(), 50);
    await assert.rejects(waiting, LeaveQueue);
    assert.ok(Date.now() - started < 2_000);
  });

  it('a pooler that gave up on a held login (its query_wait_timeout) is said as a full pooler at once, not tried again', async () => {
    let tries = 0;
    const gaveUp = (): Promise<never> => (tries++, Promise.reject(Object.assign(new Error('query_wait_timeout'), { code: '08P01' })));
    const error = await connectWaiting(gaveUp, { waitMs: 30_000, random: () => 0 }).catch((err: unknown) => err);
    assert.ok(error instanceof ServerFull, String(error));
    assert.equal(error.limit, 'pooler');
    assert.equal(tries, 1);
  });

  it('does not retry other failures', async () => {
    let tries = 0;
    await assert.rejects(connectWaiting(() => (tries++, Promise.reject(Object.assign(new Error('password authentication failed'), { code: '28P01' }))), { waitMs: 5_000 }), /password/);
    assert.equal(tries, 1);
  });
});
