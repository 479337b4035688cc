import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { makeResultsFolder, removeResultsFolder, ResultStore } from '../../src/postgres/query/resultStore';

describe('a query result kept on disk', () => {
  it('lives in a folder and a file only this user may read, and is gone once closed', async () => {
    const folder = makeResultsFolder();
    try {
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
      const store = await ResultStore.create(folder);
      await store.append([['1', 'secret value'], ['2', null]]);
      const [file] = fs.readdirSync(folder);
      assert.equal(fs.statSync(`${folder}/${file}`).mode & 0o777, 0o600);
      assert.deepEqual(await store.read(1, 5), [['2', null]]);
      await store.dispose();
      assert.deepEqual(fs.readdirSync(folder), []);
      assert.deepEqual(await store.read(0, 5), []);
    } finally {
      removeResultsFolder(folder);
    }
    assert.equal(fs.existsSync(folder), false);
  });

  it('reads any page across its index blocks, the last one too, with values exactly as written', async () => {
    const folder = makeResultsFolder();
    try {
      const store = await ResultStore.create(folder);
      const rows = Array.from({ length: 2_500 }, (_, i) => [String(i), i % 7 === 0 ? null : `é "${i}"\n\ttab`]);
      await store.append(rows.slice(0, 999));
      await store.append(rows.slice(999));
      assert.equal(store.rows, 2_500);
      assert.deepEqual(await store.read(990, 20), rows.slice(990, 1010));
      assert.deepEqual(await store.read(1_000, 3), rows.slice(1_000, 1_003));
      assert.deepEqual(await store.read(2_000, 3), rows.slice(2_000, 2_003));
      assert.deepEqual(await store.read(2_499, 10), rows.slice(2_499));
      await store.dispose();
    } finally {
      removeResultsFolder(folder);
    }
  });
});
