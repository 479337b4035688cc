// Every snippet, proven in real kernels: the product writes .env for a
// workspace (its database and connections to real services on this machine),
// python-dotenv loads it, and Jupyter runs the snippets headless in Debian's
// Python (ipykernel) and R (IRkernel) kernels. Each snippet is followed by a
// cell that prints what it read as JSON, and the test asserts on that.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../src/core/connections/types';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { connectionSnippet } from '../../src/core/notebooks/connectionSnippet';
import { DATABASE_FLAVOURS, databaseSnippet } from '../../src/core/notebooks/databaseSnippet';
import { readAsJupyter } from '../../src/core/notebooks/dotenvReaders';
import { R_DRIVERS, snippetFlavours, type RDriver, type SnippetFlavour } from '../../src/core/notebooks/snippet';
import { connectionSection, databaseSection, planEnvWrite } from '../../src/core/notebooks/workspaceEnvFile';
import { connectionValues, createConnection } from '../../src/postgres/connections/connectionCalls';
import { revealPassword } from '../../src/postgres/workspace/catalogCalls';
import { DHIS2_USER, startDhis2Double } from '../fixtures/services/dhis2Double';
import { IASO_USER, startIaso } from '../fixtures/services/iaso';
import type { Loopback } from '../fixtures/services/loopback';
import { startMoto, type Moto } from '../fixtures/services/moto';
import type { Spawned } from '../fixtures/services/spawned';
import { kernelsAvailable, result, runNotebook, type CellRun } from '../fixtures/notebooks/kernel';
import { testServer } from './setup';
import { asSuperuser, makeWorld, unique, using, type World } from './workspaceWorld';

const DOTENV_PYTHON = process.env.OPENHEXA_DOTENV_PYTHON ?? 'python3';
const HOSTILE_TABLE = { schema: 'public', name: `we"ird %s; 'tåble' :x` };
const CASES = [
  [1, 'Kénédougou', 12],
  [2, "Bobo-Dioulasso d'en haut", 7],
  [3, 'Ouagadougou', 30],
] as const;
// A login whose password has what .env makes hard: quotes, #, $, a backslash, spaces.
const HOSTILE_PASSWORD = `p'w d#1 $HOME\\x`;
// A value no .env line holds safely (both quotes, say) is left out with a reason: test/integration/dotenv.test.ts.
const CUSTOM_VALUES = { api_key: `k'e y $HOME ü \\x`, 'Base-URL': 'https://api.example.org/v1?x=1&y=2' };

/** What python-dotenv (the real library) reads from the file: the kernel's environment. */
function loadDotenv(file: string): Record<string, string> {
  const read = 'import json, sys\nfrom dotenv import dotenv_values\nprint(json.dumps(dotenv_values(sys.argv[1])))';
  return JSON.parse(execFileSync(DOTENV_PYTHON, ['-c', read, file], { encoding: 'utf8' })) as Record<string, string>;
}

const py = (expr: string): string => `import json\nprint("RESULT " + json.dumps(${expr}, default=str))`;
const r = (expr: string): string => `cat("RESULT ", jsonlite::toJSON(${expr}, auto_unbox = TRUE), "\\n", sep = "")`;

describe('notebook snippets in real kernels, from the .env the product writes', function () {
  this.timeout(600_000);
  let w: World;
  let moto: Moto;
  let dhis2: Loopback;
  let iaso: Spawned;
  let dir: string;
  let envFile: string;
  let env: Record<string, string>;
  const ids: Partial<Record<ConnectionTypeId, string>> = {};
  const codes: Partial<Record<ConnectionTypeId, { code: string }[]>> = {};

  before(async function () {
    if (!kernelsAvailable()) {
      if (process.env.OPENHEXA_REQUIRE_ALL_TIERS) {
        throw new Error('jupyter-nbconvert is missing: .ci/run installs it (apt-get install jupyter-nbconvert python3-ipykernel r-cran-irkernel …)');
      }
      this.skip();
    }
    [moto, dhis2, iaso] = await Promise.all([startMoto(), startDhis2Double(), startIaso()]);
    w = await makeWorld({ workspace: 'Notebooks "Sahel" ü', other: 'Notebooks elsewhere' });
    const rw = await using(w.editor, w.catalog, (c) => revealPassword(c, w.workspace.slug, 'rw', 'copy'));
    await using({ ...w.editor, user: rw.username, password: rw.password }, w.workspace.dbName, async (c) => {
      await c.query('CREATE TABLE sandbox_cases (id int PRIMARY KEY, district text, cases int)');
      await c.query(`CREATE TABLE ${'"' + HOSTILE_TABLE.name.replace(/"/g, '""') + '"'} (id int, note text)`);
      for (const [id, district, cases] of CASES) {
        await c.query('INSERT INTO sandbox_cases VALUES ($1, $2, $3)', [id, district, cases]);
      }
      await c.query(`INSERT INTO ${'"' + HOSTILE_TABLE.name.replace(/"/g, '""') + '"'} VALUES (42, 'read through a hostile name')`);
    });
    // A PostgreSQL connection to the same database under another login, with a hostile password.
    const analyst = unique('analyst');
    await asSuperuser('postgres', async (c) => {
      await c.query(`CREATE ROLE ${analyst} LOGIN PASSWORD '${HOSTILE_PASSWORD.replace(/'/g, "''")}' IN ROLE ${workspaceRoleNames(w.workspace.dbName).reader}`);
    });
    const port = String(testServer().port);
    const make: [ConnectionTypeId, string, Record<string, string>][] = [
      ['postgresql', 'Sahel DB', { host: '127.0.0.1', port, db_name: w.workspace.dbName, username: analyst, password: HOSTILE_PASSWORD, sslmode: 'prefer' }],
      ['s3', 'Lake', { bucket_name: 'health-data', access_key_id: moto.key.id, access_key_secret: moto.key.secret, endpoint_url: moto.url }],
      ['dhis2', 'DHIS2 national', { url: dhis2.url, username: DHIS2_USER.username, password: DHIS2_USER.password }],
      ['iaso', 'IASO', { url: iaso.url, username: IASO_USER.username, password: IASO_USER.password }],
      ['custom', 'Partner API', CUSTOM_VALUES],
    ];
    await using(w.admin, w.catalog, async (c) => {
      for (const [type, name, values] of make) {
        const def = CONNECTION_TYPES[type];
        const fields: ConnectionField[] = Object.entries(values).map(([code, value]) => ({ code, value, secret: def.fields.find((f) => f.code === code)?.secret ?? code === 'api_key' }));
        codes[type] = Object.keys(values).map((code) => ({ code }));
        ids[type] = await createConnection(c, w.workspace.slug, { identifier: unique(type).replace(/_/g, '-'), name, type, description: '', fields });
      }
    });

    // What Write Variables to .env does, as the editor: the read/write login and every connection, read from the catalog.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-notebooks-'));
    envFile = path.join(dir, '.env');
    fs.writeFileSync(envFile, '# my own settings\nMY_SETTING=kept\n');
    const owner = { slug: w.workspace.slug, name: w.workspace.name, host: '127.0.0.1', port: testServer().port };
    const sections = [databaseSection('rw', { host: '127.0.0.1', port: testServer().port, dbName: w.workspace.dbName, username: rw.username, password: rw.password, tls: {} })];
    await using(w.editor, w.catalog, async (c) => {
      for (const [type, name] of make) {
        const fields = await connectionValues(c, w.workspace.slug, ids[type]!, 'use');
        sections.push(connectionSection(CONNECTION_TYPES[type], ids[type]!, name, fields));
      }
    });
    const written = planEnvWrite(fs.readFileSync(envFile, 'utf8'), owner, sections, Object.values(ids) as string[]);
    assert.deepEqual([written.refused, written.others, written.alsoOutside], [[], [], []]);
    fs.writeFileSync(envFile, written.text);
    env = loadDotenv(envFile);
    assert.equal(env.MY_SETTING, 'kept');
    // The Jupyter extension reads the same values (its model, line by line).
    for (const line of written.text.split('\n').filter((l) => /^[A-Z]\w*=/.test(l))) {
      const name = line.slice(0, line.indexOf('='));
      assert.equal(readAsJupyter(line.slice(name.length + 1), () => undefined), env[name], name);
    }
  });

  after(() => {
    moto?.stop();
    void dhis2?.close();
    iaso?.stop();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const snippet = (type: ConnectionTypeId, flavour: SnippetFlavour, rDriver: RDriver = 'RPostgreSQL'): string => connectionSnippet(CONNECTION_TYPES[type], ids[type]!, codes[type] ?? [], flavour, rDriver);

  describe('Python (ipykernel)', () => {
    let runs: CellRun[];
    const cells: [name: string, cells: string[]][] = [];
    const at = (name: string): CellRun | undefined => {
      let index = 0;
      for (const [n, c] of cells) {
        if (n === name) {
          // A snippet that raised leaves the previous cells' variables: its error counts, not what the check cell printed.
          const group = runs.slice(index, index + c.length);
          return group.find((run) => run.error) ?? group.at(-1);
        }
        index += c.length;
      }
      return undefined;
    };

    before(async () => {
      const rows = 'df.sort_values("id").to_dict("records")';
      cells.push(
        ['database, SQLAlchemy', [databaseSnippet('sqlalchemy', 'RPostgreSQL'), py('sorted(df["table_name"].tolist())')]],
        ['table, SQLAlchemy + pandas', [databaseSnippet('sqlalchemy', 'RPostgreSQL', { schema: 'public', name: 'sandbox_cases' }), py(rows)]],
        ['table, psycopg2', [databaseSnippet('psycopg2', 'RPostgreSQL', { schema: 'public', name: 'sandbox_cases' }), py('[dict(zip(columns, r)) for r in sorted(rows)]')]],
        ['hostile table, SQLAlchemy + pandas', [databaseSnippet('sqlalchemy', 'RPostgreSQL', HOSTILE_TABLE), py('df.to_dict("records")')]],
        ['hostile table, psycopg2', [databaseSnippet('psycopg2', 'RPostgreSQL', HOSTILE_TABLE), py('rows')]],
        ['PostgreSQL connection, SQLAlchemy', [snippet('postgresql', 'sqlalchemy'), py('[sorted(df["table_name"].tolist()), engine.url.username]')]],
        ['PostgreSQL connection, psycopg2', [snippet('postgresql', 'psycopg2'), py('sorted(r[1] for r in rows)')]],
        [
          'S3, boto3',
          [
            // Something to list: one object put by the test, then the snippet lists the bucket.
            'import os, boto3\nboto3.client("s3", endpoint_url=os.environ["MOTO_URL"], aws_access_key_id=os.environ["MOTO_ID"], aws_secret_access_key=os.environ["MOTO_SECRET"]).put_object(Bucket="health-data", Key="cases/2026.csv", Body=b"id,cases\\n1,12\\n")',
            snippet('s3', 'python'),
            py('keys'),
          ],
        ],
        ['DHIS2, requests', [snippet('dhis2', 'python'), py('me["name"]')]],
        ['IASO, requests', [snippet('iaso', 'python'), py('[me["user_name"], me["account"]["name"]]')]],
        ['custom, os.environ', [snippet('custom', 'python'), py('fields')]],
      );
      runs = await runNotebook(
        'python3',
        cells.flatMap(([, c]) => c),
        { ...env, MOTO_URL: moto.url, MOTO_ID: moto.key.id, MOTO_SECRET: moto.key.secret },
      );
    });

    it('the workspace database through SQLAlchemy lists its tables', () => {
      assert.deepEqual(result(at('database, SQLAlchemy')), ['sandbox_cases', HOSTILE_TABLE.name].sort());
    });

    it('a table through SQLAlchemy + pandas and through psycopg2: its rows', () => {
      const expected = CASES.map(([id, district, cases]) => ({ id, district, cases }));
      assert.deepEqual(result(at('table, SQLAlchemy + pandas')), expected);
      assert.deepEqual(result(at('table, psycopg2')), expected);
    });

    it('a table with quotes, %s, :x and unicode in its name: its rows', () => {
      assert.deepEqual(result(at('hostile table, SQLAlchemy + pandas')), [{ id: 42, note: 'read through a hostile name' }]);
      assert.deepEqual(result(at('hostile table, psycopg2')), [[42, 'read through a hostile name']]);
    });

    it('a PostgreSQL connection with a hostile password, through SQLAlchemy and psycopg2', () => {
      const [tables, user] = result(at('PostgreSQL connection, SQLAlchemy')) as [string[], string];
      assert.deepEqual(tables, ['sandbox_cases', HOSTILE_TABLE.name].sort());
      assert.match(user, /^analyst/);
      assert.deepEqual(result(at('PostgreSQL connection, psycopg2')), ['sandbox_cases', HOSTILE_TABLE.name].sort());
    });

    it('S3: boto3 with the endpoint lists the bucket on moto_server', () => {
      assert.deepEqual(result(at('S3, boto3')), ['cases/2026.csv']);
    });

    it('DHIS2 and IASO: requests reach /api/me and, with the token first, /api/profiles/me/', () => {
      assert.equal(result(at('DHIS2, requests')), DHIS2_USER.name);
      assert.deepEqual(result(at('IASO, requests')), [IASO_USER.username, 'Ministère de la Santé']);
    });

    it('custom: its values by code, exactly as stored', () => {
      assert.deepEqual(result(at('custom, os.environ')), CUSTOM_VALUES);
    });
  });

  describe('R (IRkernel)', () => {
    let runs: CellRun[];

    before(async () => {
      runs = await runNotebook(
        'ir',
        [
          databaseSnippet('r', 'RPostgreSQL', { schema: 'public', name: 'sandbox_cases' }),
          r('df[order(df$id), ]$district'),
          snippet('dhis2', 'r'),
          r('me$name'),
          snippet('custom', 'r'),
          r('fields'),
        ],
        env,
      );
    });

    it('a table through DBI and RPostgreSQL: its rows', () => {
      assert.deepEqual(result(runs[0]?.error ? runs[0] : runs[1]), CASES.map(([, district]) => district));
    });

    it('DHIS2 through httr, and a custom connection through Sys.getenv', () => {
      assert.equal(result(runs[2]?.error ? runs[2] : runs[3]), DHIS2_USER.name);
      assert.deepEqual(result(runs[4]?.error ? runs[4] : runs[5]), CUSTOM_VALUES);
    });
  });

  it('every snippet of every type and flavour parses: Python by its own parser, R (RPostgres and RPostgreSQL) by R\'s', () => {
    const all: { language: 'python' | 'r'; code: string; what: string }[] = [];
    for (const type of Object.values(CONNECTION_TYPES)) {
      for (const flavour of snippetFlavours(type.snippets)) {
        for (const rDriver of R_DRIVERS) {
          all.push({ language: flavour === 'r' ? 'r' : 'python', code: connectionSnippet(type, 'my-conn', [{ code: 'api_key' }, { code: 'Base-URL' }], flavour, rDriver), what: `${type.id} ${flavour} ${rDriver}` });
        }
      }
    }
    for (const flavour of DATABASE_FLAVOURS) {
      for (const rDriver of R_DRIVERS) {
        all.push({ language: flavour === 'r' ? 'r' : 'python', code: databaseSnippet(flavour, rDriver, HOSTILE_TABLE), what: `table ${flavour} ${rDriver}` });
      }
    }
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-parse-'));
    try {
      all.forEach((s, i) => fs.writeFileSync(path.join(folder, `${i}.${s.language === 'r' ? 'R' : 'py'}`), s.code));
      for (const [i, s] of all.entries()) {
        const file = path.join(folder, `${i}.${s.language === 'r' ? 'R' : 'py'}`);
        try {
          if (s.language === 'r') {
            execFileSync('/usr/bin/Rscript', ['-e', `invisible(parse(file = ${JSON.stringify(file)}, encoding = "UTF-8"))`], { stdio: 'pipe' });
          } else {
            execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', file], { stdio: 'pipe' });
          }
        } catch (err) {
          assert.fail(`${s.what} does not parse: ${(err as { stderr?: Buffer }).stderr?.toString() ?? String(err)}\n${s.code}`);
        }
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
