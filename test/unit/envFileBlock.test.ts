import * as assert from 'node:assert/strict';
import { readAsJupyter } from '../../src/core/notebooks/dotenvReaders';
import { type EnvEntry, removeBlock, writeSections } from '../../src/core/notebooks/envFileBlock';

/** One connection's section in the block of `key`. */
const writeBlock = (file: string, key: string, comment: string[], entries: readonly EnvEntry[]) =>
  writeSections(file, key, comment, [{ key: 'connection:my-db', comment: 'PostgreSQL "My DB"', entries }]);

const USER_FILE = '# my settings\nAPI_URL=https://example.org # prod\n\nexport DEBUG=1\n';
const ENTRIES = [
  { name: 'MY_DB', value: 'POSTGRESQL' },
  { name: 'MY_DB_HOST', value: 'db.example.org' },
  { name: 'MY_DB_PASSWORD', value: "p'w\"d#1 $HOME" },
];

describe('.env block of a workspace (merge, not overwrite)', () => {
  it('adds the block at the end and keeps every other line, comment and order', () => {
    const written = writeBlock(USER_FILE, 'workspace sante', ['Connections of "Santé"'], ENTRIES);
    assert.ok(written.text.startsWith(USER_FILE), 'the user\'s lines moved or changed');
    assert.match(written.text, /\n\n# >>> OpenHEXA workspace sante .*\n# Connections of "Santé"\n# \[connection:my-db\] PostgreSQL "My DB"\nMY_DB=POSTGRESQL\nMY_DB_HOST=db\.example\.org\nMY_DB_PASSWORD=.*\n# <<< OpenHEXA workspace sante\n$/);
    assert.deepEqual(written.misread, []);
  });

  it('writing twice changes nothing; writing new values replaces the block where it is', () => {
    const once = writeBlock(USER_FILE, 'workspace sante', [], ENTRIES).text;
    assert.equal(writeBlock(once, 'workspace sante', [], ENTRIES).text, once);
    const withAfter = `${once}LATER=1\n`;
    const replaced = writeBlock(withAfter, 'workspace sante', [], [{ name: 'MY_DB', value: 'POSTGRESQL' }]).text;
    assert.ok(replaced.endsWith('MY_DB=POSTGRESQL\n# <<< OpenHEXA workspace sante\nLATER=1\n'), replaced);
    assert.ok(!replaced.includes('MY_DB_HOST'));
  });

  it('keeps each workspace in its own block, and removing one leaves the file as it was', () => {
    const a = writeBlock(USER_FILE, 'workspace a', [], ENTRIES).text;
    const ab = writeBlock(a, 'workspace b', [], [{ name: 'OTHER', value: 'x' }]).text;
    assert.equal(removeBlock(ab, 'workspace b'), a);
    assert.equal(removeBlock(a, 'workspace a'), USER_FILE);
    assert.equal(removeBlock(USER_FILE, 'workspace a'), USER_FILE);
    assert.equal(removeBlock(writeBlock('', 'workspace a', [], ENTRIES).text, 'workspace a'), '');
  });

  it('writing one section keeps the block\'s other sections where they are', () => {
    const database = { key: 'database', comment: 'the read/write login', entries: [{ name: 'WORKSPACE_DATABASE_HOST', value: 'h' }] };
    const polio = (value: string) => ({ key: 'connection:polio', comment: 'Custom "Polio"', entries: [{ name: 'POLIO', value: 'CUSTOM' }, { name: 'POLIO_KEY', value }] });
    const both = writeSections(USER_FILE, 'workspace sante', ['Santé'], [database, polio('1')]).text;
    const again = writeSections(both, 'workspace sante', ['Santé'], [polio('2')]).text;
    assert.equal(again, both.replace('POLIO_KEY=1', 'POLIO_KEY=2'));
    const dbAgain = writeSections(again, 'workspace sante', ['Santé'], [{ ...database, comment: 'the read-only login' }]).text;
    assert.equal(dbAgain, again.replace('# [database] the read/write login', '# [database] the read-only login'));
    assert.ok(dbAgain.indexOf('[database]') < dbAgain.indexOf('[connection:polio]'), 'a rewritten section moved');
  });

  it('says when another workspace\'s block sets the same names (the later one wins)', () => {
    const database = (host: string) => [{ key: 'database', comment: 'the read/write login', entries: [{ name: 'WORKSPACE_DATABASE_HOST', value: host }] }];
    const a = writeSections('', 'workspace a', [], database('a')).text;
    assert.deepEqual(writeSections(a, 'workspace b', [], database('b')).alsoOutside, ['WORKSPACE_DATABASE_HOST']);
    assert.deepEqual(writeSections(a, 'workspace a', [], database('a2')).alsoOutside, []);
  });

  it('keeps Windows line endings, and says which names the file also sets outside the block', () => {
    const crlf = 'A=1\r\nMY_DB_HOST=elsewhere\r\n';
    const written = writeBlock(crlf, 'workspace sante', [], ENTRIES);
    assert.ok(!/[^\r]\n/.test(written.text), 'a bare \\n in a CRLF file');
    assert.deepEqual(written.alsoOutside, ['MY_DB_HOST']);
  });

  it('says which values a reader would read differently', () => {
    // python-dotenv expands "${…}" in every kind of value; no text holds both quotes and a " #" for both readers.
    const written = writeBlock('', 'workspace sante', [], [{ name: 'TEMPLATE', value: 'a${HOME}b' }, { name: 'BOTH_QUOTES', value: `it's "x" #1` }, { name: 'FINE', value: 'a $b # c' }]);
    assert.deepEqual(written.misread, [
      { name: 'TEMPLATE', by: ['python-dotenv'] },
      { name: 'BOTH_QUOTES', by: ['python-dotenv'] },
    ]);
  });
});

describe('how the Jupyter extension reads a .env value (the model the writer checks against)', () => {
  const known = (name: string): string | undefined => ({ HOME: '/home/h' })[name];
  it('trims, removes one pair of outer quotes and turns \\n into a newline inside them only', () => {
    assert.equal(readAsJupyter('  a b  ', known), 'a b');
    assert.equal(readAsJupyter(`'it"s'`, known), 'it"s');
    assert.equal(readAsJupyter('"a\\nb"', known), 'a\nb');
    assert.equal(readAsJupyter('a\\nb', known), 'a\\nb');
    assert.equal(readAsJupyter('"a\\"b"', known), 'a\\"b', 'no other escape is undone');
    assert.equal(readAsJupyter('a # b', known), 'a # b', 'no comments after a value');
  });
  it('replaces ${NAME} even in single quotes, except after a backslash, and turns \\$ into $', () => {
    assert.equal(readAsJupyter("'${HOME}/x'", known), '/home/h/x');
    assert.equal(readAsJupyter('${NOPE}x', known), 'x');
    assert.equal(readAsJupyter('\\${HOME}', known), '${HOME}');
    assert.equal(readAsJupyter('$HOME', known), '$HOME');
    assert.equal(readAsJupyter('${HOME}:${HOME-x}', known), '${HOME}:${HOME-x}', 'one malformed reference: none is replaced');
  });
});
