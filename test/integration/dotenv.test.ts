// The .env writer against the real python-dotenv (the machine's Python), and
// the model of it the writer checks values with. The Jupyter extension's
// reader has no offline copy to run: its model is checked by unit tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAsJupyter, readAsPythonDotenv } from '../../src/core/notebooks/dotenvReaders';
import { writeSections } from '../../src/core/notebooks/envFileBlock';

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

describe('.env values read back by python-dotenv', function () {
  this.timeout(30_000);

  it('reads every value the writer does not flag exactly as written, and misreads the flagged ones', () => {
    const entries = Object.entries(HOSTILE).map(([name, value]) => ({ name, value }));
    const written = writeSections('# mine\nKEEP=1\n', 'workspace sante', ['hostile values'], [{ key: 'connection:hostile', comment: 'Custom "Hostile"', entries }]);
    const read = pythonDotenv(written.text);
    const flagged = new Set(written.misread.filter((m) => m.by.includes('python-dotenv')).map((m) => m.name));
    assert.deepEqual([...flagged].sort(), ['BOTH_QUOTES_AND_HASH', 'TEMPLATE']);
    assert.equal(read.KEEP, '1');
    for (const [name, value] of Object.entries(HOSTILE)) {
      if (flagged.has(name)) {
        assert.notEqual(read[name], value, `${name} is flagged but read right`);
      } else {
        assert.equal(read[name], value, name);
      }
    }
    assert.deepEqual(JSON.parse(read.GCS_KEY ?? ''), JSON.parse(KEY));
    // The Jupyter extension's model reads every value right, line by line.
    assert.equal(written.misread.filter((m) => m.by.includes('jupyter')).length, 0);
    const lines = written.text.split('\n');
    for (const [name, value] of Object.entries(HOSTILE)) {
      const line = lines.find((l) => l.startsWith(`${name}=`))!;
      assert.equal(readAsJupyter(line.slice(name.length + 1), () => undefined), value, name);
    }
  });

  it('the model of python-dotenv the writer uses agrees with python-dotenv, line by line', () => {
    const raws = [
      'plain', '  lead', 'trail   ', 'a # comment', 'a#b', "'single'", "'it\\'s'", "'a\\\\b'", "'a\\nb'", '"double"', '"a\\nb"', '"a\\tb\\\\c\\"d"',
      '"${HOME}/x"', "'${HOME}'", '${HOME}', '${NOPE:-fallback}', '${NOPE}', '"$HOME"', "'quote' # c", '"x" #c', 'a\\nb', 'é"\'',
    ];
    const text = raws.map((raw, i) => `K${i}=${raw}`).join('\n') + '\n';
    const read = pythonDotenv(text);
    const env = (name: string): string | undefined => (name === 'HOME' ? '/home/h' : undefined);
    raws.forEach((raw, i) => assert.equal(readAsPythonDotenv(raw, env), read[`K${i}`], raw));
  });
});
