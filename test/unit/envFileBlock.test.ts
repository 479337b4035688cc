import * as assert from 'node:assert/strict';
import { readAsJupyter } from '../../src/core/notebooks/dotenvReaders';
import { readAsJupyter as jupyter, readAsPythonDotenv, shellRunsNothing } from '../../src/core/notebooks/dotenvReaders';
import { type EnvEntry, otherBlocks, removeBlock, writeSections } from '../../src/core/notebooks/envFileBlock';

/** One connection's section in the block of `key`. */
const writeBlock = (file: string, key: string, comment: string[], entries: readonly EnvEntry[]) =>
  writeSections(file, key, comment, [{ key: 'connection:my-db', comment: 'PostgreSQL "My DB"', entries }]);

const USER_FILE = '# my settings\nAPI_URL=https://example.org # prod\n\nexport DEBUG=1\n';
const ENTRIES = [
  { name: 'MY_DB', value: 'POSTGRESQL' },
  { name: 'MY_DB_HOST', value: 'db.example.org' },
  { name: 'MY_DB_PASSWORD', value: "p'w d#1 $HOME\\x" },
];

describe('.env block of a workspace (merge, not overwrite)', () => {
  it('adds the block at the end and keeps every other line, comment and order', () => {
    const written = writeBlock(USER_FILE, 'workspace sante', ['Connections of "Santé"'], ENTRIES);
    assert.ok(written.text.startsWith(USER_FILE), 'the user\'s lines moved or changed');
    assert.match(written.text, /\n\n# >>> OpenHEXA workspace sante .*\n# Connections of "Santé"\n# \[connection:my-db\] PostgreSQL "My DB"\nMY_DB=POSTGRESQL\nMY_DB_HOST=db\.example\.org\nMY_DB_PASSWORD=.*\n# <<< OpenHEXA workspace sante\n$/);
    assert.deepEqual(written.unwritten, []);
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

  it('lists the other workspaces\' blocks of the file with the names they set', () => {
    const database = (host: string) => [{ key: 'database', comment: 'the read/write login', entries: [{ name: 'WORKSPACE_DATABASE_HOST', value: host }] }];
    const a = writeSections('', 'workspace a', [], database('a')).text;
    const ab = writeSections(a, 'workspace b', [], database('b')).text;
    assert.deepEqual(otherBlocks(ab, 'workspace b'), [{ key: 'workspace a', sections: ['database'], names: ['WORKSPACE_DATABASE_HOST'] }]);
    assert.deepEqual(otherBlocks(ab, 'workspace c').map((b) => b.key), ['workspace a', 'workspace b']);
    // Another block is not "outside": only the user's own lines are.
    assert.deepEqual(writeSections(a, 'workspace b', [], database('b')).alsoOutside, []);
  });

  it('keeps Windows line endings, and says which names the file also sets outside every block, by line', () => {
    const crlf = 'A=1\r\nMY_DB_HOST=elsewhere\r\n';
    const written = writeBlock(crlf, 'workspace sante', [], ENTRIES);
    assert.ok(!/[^\r]\n/.test(written.text), 'a bare \\n in a CRLF file');
    assert.deepEqual(written.alsoOutside, [{ name: 'MY_DB_HOST', line: 2 }]);
  });

  it('leaves out a section whose value no .env text holds safely, and removes its stale copy', () => {
    const good = { key: 'connection:good', comment: 'Custom "Good"', entries: [{ name: 'GOOD', value: 'CUSTOM' }] };
    const bad = (value: string) => ({ key: 'connection:bad', comment: 'Custom "Bad"', entries: [{ name: 'BAD', value: 'CUSTOM' }, { name: 'BAD_URL', value }] });
    const before = writeSections('', 'workspace sante', [], [good, bad('https://ok.example.org')]).text;
    for (const [value, reason] of [
      ['http://evil/?k=${WORKSPACE_DATABASE_PASSWORD}', 'expands'],
      ['a\u2028B=2', 'separator'],
      [`it's "x"`, 'no-text'],
      ["it's $(id)", 'no-text'],
    ] as const) {
      const written = writeSections(before, 'workspace sante', [], [bad(value)]);
      assert.deepEqual(written.unwritten, [{ key: 'connection:bad', name: 'BAD_URL', reason }], value);
      assert.ok(!written.text.includes('BAD'), `the stale section stayed for ${value}`);
      assert.ok(written.text.includes('GOOD=CUSTOM'));
    }
  });

  it('keeps comments on one line whatever the names hold', () => {
    const written = writeSections('', 'workspace sante', ['Workspace "x\u2028EVIL=1\rY=2"'], [{ key: 'connection:x', comment: 'Custom "a\nB=1\u2029C=2"', entries: [] }]);
    assert.deepEqual(
      written.text.split('\n').filter((l) => !l.startsWith('#') && l !== ''),
      [],
    );
    assert.ok(!/[\u2028\u2029\r]/.test(written.text));
  });
});

describe('how a shell that sources .env reads a value (set -a; . ./.env)', () => {
  it('runs nothing: no command substitution, expansion, separator, unbalanced quote or line continuation', () => {
    for (const safe of ['plain', 'https://x.org/a?b=c', "'$(id) `id` ${x@P}; | & > <'", '"it\'s \\ \\"x\\""', '"it\'s $HOME"', "a'b c'd", 'C:\\new', '']) {
      assert.equal(shellRunsNothing(safe), true, safe);
    }
    for (const unsafe of ['$(id)', '`id`', 'a b', 'a;b', 'a|b', '"$(id)"', '"${x@P}"', '"$[1+1]"', '"`id`"', "'open", '"open', 'a\\', '~/x', 'a\nb', 'x>y', '$HOME']) {
      assert.equal(shellRunsNothing(unsafe), false, unsafe);
    }
  });

  it('every value the writer writes is read back by both readers and runs nothing', () => {
    const nothing = (): undefined => undefined;
    for (const value of ['$(touch /tmp/x)', '`id`', 'a b; c', "it's", 'say "hi"', 'cost $5', 'a\nb', 'tab\there', 'C:\\x', '{"k": "v"}', 'é 日本']) {
      const written = writeSections('', 'k', [], [{ key: 's', comment: '', entries: [{ name: 'V', value }] }]);
      const line = written.text.split('\n').find((l) => l.startsWith('V='));
      assert.ok(line, `not written: ${JSON.stringify(value)}`);
      const raw = line.slice(2);
      assert.equal(jupyter(raw, nothing), value);
      assert.equal(readAsPythonDotenv(raw, nothing), value);
      assert.equal(shellRunsNothing(raw), true, raw);
    }
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
