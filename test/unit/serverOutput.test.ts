import * as assert from 'node:assert/strict';
import { serverLogLines } from '../../src/localServer/serverOutput';

describe('the local server\'s output in the extension\'s log', () => {
  it('keeps initdb\'s chatter, startup lines and session warnings out of the default (Info) level', () => {
    const chunk = [
      'The files belonging to this database system will be owned by user "postgres".',
      '',
      'creating subdirectories ... ok',
      '2026-11-24 21:15:13.564 UTC [12484] LOG:  database system is ready to accept connections',
      '2026-11-24 21:16:02.101 UTC [12533] WARNING:  permission denied to analyze "pg_shdepend", skipping it',
      '2026-11-24 21:16:03.001 UTC [12540] FATAL:  password authentication failed for user "viewer"',
      '2026-11-24 21:16:03.001 UTC [12540] DETAIL:  Connection matched file "pg_hba.conf" line 1',
      '',
    ].join('\n');
    const lines = serverLogLines(chunk);
    assert.equal(lines.length, 6, 'blank lines are dropped, every other line kept');
    assert.deepEqual(new Set(lines.map((l) => l.level)), new Set(['debug']));
    assert.equal(lines[4]!.text, '2026-11-24 21:16:03.001 UTC [12540] FATAL:  password authentication failed for user "viewer"');
  });

  it('logs the server itself failing as an error', () => {
    const [panic] = serverLogLines('2026-11-24 21:20:00.000 UTC [12484] PANIC:  could not write to file "pg_wal/xlogtemp.12484": No space left on device\r\n');
    assert.deepEqual(panic, { level: 'error', text: '2026-11-24 21:20:00.000 UTC [12484] PANIC:  could not write to file "pg_wal/xlogtemp.12484": No space left on device' });
  });
});
