// The .env writer against the real python-dotenv (the machine's Python), and
// the model of it the writer checks values with. The Jupyter extension's
// reader has no offline copy to run: its model is checked by unit tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAsJupyter, readAsPythonDotenv } from '../../src/core/notebooks/dotenvReaders';
import { CONNECTION_TYPES } from '../../src/core/connections/types';
import { writeSections } from '../../src/core/notebooks/envFileBlock';
import { blockComment, blockKey, connectionSection, planEnvWrite } from '../../src/core/notebooks/workspaceEnvFile';

const PYTHON = process.env.OPENHEXA_DOTENV_PYTHON ?? 'python3';
const READ = 'import json, sys\nfrom dotenv import dotenv_values\nprint(json.dumps(dotenv_values(sys.argv[1])))';

/** What python-dotenv's dotenv_values() reads from a file, with an environment that has only HOME=/home/h. */
function pythonDotenv(text: string): Record<string, string | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-dotenv-'));
  try {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    return JSON.parse(execFileSync(PYTHON, ['-c', READ, file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/home/h' } })) as Record<string, string | null>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const KEY = JSON.stringify({ type: 'service_account', client_email: 'a@b.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', token_uri: 'https://oauth2.googleapis.com/token' });

const HOSTILE: Record<string, string> = {
  PLAIN: 'db.example.org',
  EMPTY: '',
  SPACES: '  padded value  ',
  SINGLE_QUOTE: "it's",
  DOUBLE_QUOTE: 'say "hi"',
  BOTH_QUOTES_NO_HASH: `it's "x"`,
  HASH: 'pa ss #word',
  HASH_GLUED: 'pass#word',
  DOLLAR: 'cost $5 and $HOME',
  BACKSLASHES: 'C:\\new\\temp\\x',
  NEWLINES: 'line one\nline two',
  NEWLINE_AND_SINGLE: "it's\nfine",
  TAB: 'a\tb',
  UNICODE: 'Sénégal — 日本 🚀',
  EQUALS: 'a=b=c',
  GCS_KEY: KEY,
  BIG: 'x'.repeat(10_000),
  // No text holds these for python-dotenv: the writer says so.
  TEMPLATE: 'a${HOME}b',
  BOTH_QUOTES_AND_HASH: `it's "x" #1`,
};

/** Each value in a section of its own, so that one left out leaves the others. */
function eachAlone(values: Record<string, string>): { key: string; comment: string; entries: { name: string; value: string }[] }[] {
  return Object.entries(values).map(([name, value]) => ({ key: `connection:${name.toLowerCase()}`, comment: name, entries: [{ name, value }] }));
}

/** Sources the file in a real bash as `set -a; . ./.env` would, in its folder; returns what bash then has for each name. */
function bashSources(text: string, names: readonly string[]): { values: Record<string, string>; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-sh-'));
  fs.writeFileSync(path.join(dir, '.env'), text);
  const print = names.map((n) => `printf '%s\\0' "\${${n}-}"`).join('; ');
  const out = execFileSync('bash', ['-c', `set -a; . ./.env 2>/dev/null; ${print}`], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/home/h' } });
  const read = out.split('\0');
  return { values: Object.fromEntries(names.map((n, i) => [n, read[i] ?? ''])), dir };
}

describe('.env values read back by python-dotenv', function () {
  this.timeout(30_000);

  it('reads every value the writer writes exactly as written, and the writer leaves out what no text holds safely', () => {
    const written = writeSections('# mine\nKEEP=1\n', 'workspace sante', ['hostile values'], eachAlone(HOSTILE));
    const read = pythonDotenv(written.text);
    const left = new Map(written.unwritten.map((u) => [u.name, u.reason]));
    assert.deepEqual(Object.fromEntries(left), { BOTH_QUOTES_NO_HASH: 'no-text', TEMPLATE: 'expands', BOTH_QUOTES_AND_HASH: 'no-text' });
    assert.equal(read.KEEP, '1');
    for (const [name, value] of Object.entries(HOSTILE)) {
      assert.equal(read[name], left.has(name) ? undefined : value, name);
    }
    assert.deepEqual(JSON.parse(read.GCS_KEY ?? ''), JSON.parse(KEY));
    // The Jupyter extension's model reads every written value right, line by line.
    const lines = written.text.split('\n');
    for (const [name, value] of Object.entries(HOSTILE).filter(([name]) => !left.has(name))) {
      const line = lines.find((l) => l.startsWith(`${name}=`))!;
      assert.equal(readAsJupyter(line.slice(name.length + 1), () => undefined), value, name);
    }
  });

  it('a value written by someone else never makes python-dotenv read another variable into it (finding 4)', () => {
    const password = 'rw-Secret-9x';
    const database = { key: 'database', comment: 'db', entries: [{ name: 'WORKSPACE_DATABASE_PASSWORD', value: password }] };
    const hostile = {
      EVIL_URL: 'http://evil.example/x?k=${WORKSPACE_DATABASE_PASSWORD}',
      EVIL_DEFAULT: '${NOPE:-${WORKSPACE_DATABASE_PASSWORD}}',
      // Ends with a backslash after a reference: python-dotenv read past the line and lost the next variables.
      EVIL_TAIL: 'x${WORKSPACE_DATABASE_PASSWORD}\\',
      EVIL_SEPARATOR: 'a\u2028WORKSPACE_DATABASE_PASSWORD=stolen',
    };
    const written = writeSections('', 'workspace sante', [], [database, ...eachAlone(hostile), { key: 'connection:after', comment: 'after', entries: [{ name: 'AFTER', value: 'still here' }] }]);
    const read = pythonDotenv(written.text);
    assert.equal(read.WORKSPACE_DATABASE_PASSWORD, password);
    assert.equal(read.AFTER, 'still here');
    for (const [name, value] of Object.entries(read)) {
      if (name !== 'WORKSPACE_DATABASE_PASSWORD') {
        assert.ok(!(value ?? '').includes(password), `python-dotenv read the password into ${name}`);
      }
    }
    assert.deepEqual(written.unwritten.map((u) => [u.name, u.reason]), [['EVIL_URL', 'expands'], ['EVIL_DEFAULT', 'expands'], ['EVIL_TAIL', 'expands'], ['EVIL_SEPARATOR', 'separator']]);
  });

  it("another workspace's block never combines with the one written: its clashes are named, and replacing it leaves only one workspace (finding 3)", () => {
    const ownerA = { slug: 'a', name: 'A', host: 'db', port: 5432 };
    const ownerB = { slug: 'b', name: 'B', host: 'db', port: 5432 };
    const dhis2B = connectionSection(CONNECTION_TYPES.dhis2, 'dhis2-prod', 'DHIS2 prod', [
      { code: 'url', value: 'https://dhis2.b.example', secret: false },
      { code: 'username', value: 'b-user', secret: false },
      { code: 'password', value: 'B-password-1', secret: true },
    ]);
    const customA = connectionSection(CONNECTION_TYPES.custom, 'dhis2-prod', 'look-alike', [{ code: 'url', value: 'https://evil.a.example', secret: false }]);
    const withB = planEnvWrite('', ownerB, [dhis2B], ['dhis2-prod']).text;
    // What 0.2.0 did: A's block after B's. python-dotenv then hands B's password with A's URL.
    const naive = pythonDotenv(writeSections(withB, blockKey(ownerA), blockComment(ownerA), [customA]).text);
    assert.deepEqual([naive.DHIS2_PROD_URL, naive.DHIS2_PROD_PASSWORD], ['https://evil.a.example', 'B-password-1']);

    const plan = planEnvWrite(withB, ownerA, [customA], ['dhis2-prod']);
    assert.deepEqual(plan.others.map((o) => o.key), [blockKey(ownerB)]);
    assert.deepEqual(plan.others[0]!.clashes, ['DHIS2_PROD', 'DHIS2_PROD_URL']);
    const replaced = pythonDotenv(planEnvWrite(withB, ownerA, [customA], ['dhis2-prod'], [blockKey(ownerB)]).text);
    assert.deepEqual([replaced.DHIS2_PROD_URL, replaced.DHIS2_PROD_PASSWORD], ['https://evil.a.example', undefined]);
    // A prefix of one workspace that the SDK would read as part of the other's is a clash too.
    const prefixA = connectionSection(CONNECTION_TYPES.custom, 'dhis2', 'prefix', [{ code: 'token', value: 't', secret: false }]);
    assert.deepEqual(planEnvWrite(withB, ownerA, [prefixA], ['dhis2']).others[0]!.clashes, ['DHIS2_* / DHIS2_PROD']);
  });

  it('the model of python-dotenv the writer uses agrees with python-dotenv, line by line', () => {    const raws = [
      'plain', '  lead', 'trail   ', 'a # comment', 'a#b', "'single'", "'it\\'s'", "'a\\\\b'", "'a\\nb'", '"double"', '"a\\nb"', '"a\\tb\\\\c\\"d"',
      '"${HOME}/x"', "'${HOME}'", '${HOME}', '${NOPE:-fallback}', '${NOPE}', '"$HOME"', "'quote' # c", '"x" #c', 'a\\nb', 'é"\'',
    ];
    const text = raws.map((raw, i) => `K${i}=${raw}`).join('\n') + '\n';
    const read = pythonDotenv(text);
    const env = (name: string): string | undefined => (name === 'HOME' ? '/home/h' : undefined);
    raws.forEach((raw, i) => assert.equal(readAsPythonDotenv(raw, env), read[`K${i}`], raw));
  });
});

describe('.env sourced by a real bash (set -a; . ./.env): nothing the values hold runs (finding 5)', function () {
  this.timeout(30_000);

  it('runs no command a value holds, and leaves every other line a line of its own', () => {
    const hostile: Record<string, string> = {
      SUBST: '$(touch pwned-subst)',
      BACKQUOTE: '`touch pwned-backquote`',
      SEMICOLON: 'x; touch pwned-semicolon',
      QUOTE_BREAK: "'; touch pwned-quote; '",
      DOUBLE_BREAK: '"; touch pwned-double; "',
      PROMPT_EXPANSION: '${x@P}',
      ARITHMETIC: '$((1+1)) $[1+1]',
      BOTH: `it's $(touch pwned-both)`,
      CONTINUATION: 'ends with a backslash \\',
      PIPE: 'a | touch pwned-pipe',
      REDIRECT: 'a > pwned-redirect',
      NEWLINE: 'one\ntouch pwned-newline',
      SPACES: 'touch pwned-spaces',
      PASSWORD: "p'w d#1 $HOME\\x",
    };
    const written = writeSections('', 'workspace sante', [], eachAlone(hostile));
    const { values, dir } = bashSources(written.text, Object.keys(hostile));
    try {
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f !== '.env'), [], 'a value ran a command in bash');
      const read = pythonDotenv(written.text);
      const left = new Set(written.unwritten.map((u) => u.name));
      for (const [name, value] of Object.entries(hostile)) {
        assert.equal(read[name], left.has(name) ? undefined : value, name);
      }
      // What bash reads may differ ($HOME expands in double quotes), but every value written reached bash as one variable.
      assert.equal(values.SUBST, '$(touch pwned-subst)');
      assert.equal(values.SEMICOLON, 'x; touch pwned-semicolon');
      assert.equal(values.PASSWORD, "p'w d#1 /home/h\\x");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
