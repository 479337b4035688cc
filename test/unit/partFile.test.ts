import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openPartFile } from '../../src/files/partFile';

describe('part file: written aside, renamed when complete', () => {
  let folder: string;
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-part-'))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('is named .part while written and takes its real name once kept', async () => {
    const file = path.join(folder, 'visits "é".csv');
    const part = openPartFile(file);
    await new Promise<void>((resolve) => part.stream.write('id\n1\n', () => resolve()));
    assert.deepEqual(fs.readdirSync(folder), ['visits "é".csv.part']);
    await new Promise<void>((resolve) => part.stream.end(resolve));
    await part.keep();
    assert.deepEqual(fs.readdirSync(folder), ['visits "é".csv']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'id\n1\n');
  });

  it('leaves nothing when discarded at once, before its open completed', async () => {
    const part = openPartFile(path.join(folder, 'a.csv'));
    await part.discard();
    // Closed means the open that was under way has finished: nothing can appear after this.
    assert.equal(part.stream.closed, true, 'discard returned before the file was closed');
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('leaves nothing when discarded halfway, and never replaces an existing file', async () => {
    const file = path.join(folder, 'a.csv');
    fs.writeFileSync(file, 'the old export');
    const part = openPartFile(file);
    await new Promise<void>((resolve) => part.stream.write('id\n', () => resolve()));
    await part.discard();
    assert.deepEqual(fs.readdirSync(folder), ['a.csv']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'the old export');
  });

  it('refuses to keep a file whose writing did not finish', async () => {
    const part = openPartFile(path.join(folder, 'a.csv'));
    await assert.rejects(part.keep(), /not finished/);
    await part.discard();
  });

  it('a folder that does not exist: discard still settles', async () => {
    const part = openPartFile(path.join(folder, 'gone', 'a.csv'));
    await part.discard();
    assert.deepEqual(fs.readdirSync(folder), []);
  });
});
