import * as assert from 'node:assert/strict';
import { MASK, redactSecrets } from '../../src/core/redact';

describe('secrets never reach logs', () => {
  it('masks the password of a connection URL and keeps the rest', () => {
    assert.equal(redactSecrets('failed: postgresql://alice:s3cr%40t@db:5432/ws'), `failed: postgresql://alice:${MASK}@db:5432/ws`);
  });

  it('masks password-like key=value and JSON pairs', () => {
    const text = 'password=hunter2 PASSWORD: "x y" {"access_key_secret":"AKIA/abc"} token=abc&x=1';
    const out = redactSecrets(text);
    for (const secret of ['hunter2', 'AKIA/abc', 'abc&']) {
      assert.ok(!out.includes(secret), `${secret} leaked in ${out}`);
    }
    assert.ok(out.includes('x=1'));
  });

  it('masks passwords in SQL that a server log repeats (STATEMENT: CREATE ROLE ... PASSWORD)', () => {
    const line = `STATEMENT:  CREATE ROLE "ws_x" LOGIN PASSWORD 'it''s-Secret9'; ALTER ROLE a PASSWORD $$dollar$$`;
    const out = redactSecrets(line);
    assert.ok(!out.includes('Secret9') && !out.includes('dollar'), out);
    assert.match(out, /CREATE ROLE "ws_x" LOGIN PASSWORD/);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Connected to PostgreSQL 18.4 as alice@db:5432';
    assert.equal(redactSecrets(text), text);
  });
});
