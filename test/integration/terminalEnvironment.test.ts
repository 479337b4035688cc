// A workspace admin's connection names become variables in an editor's
// terminal and .env. Here the catalog holds what an older catalog (or a row
// written by hand) could: connections whose variables are PROMPT_COMMAND,
// BASH_ENV, NODE_OPTIONS, GIT_SSH_COMMAND, LD_PRELOAD and PATH. The product's
// own terminal environment and .env plan are handed to real programs (bash,
// node, git): nothing the admin wrote may run.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import { CONNECTION_TYPES } from '../../src/core/connections/types';
import { databaseSection, connectionSection, planEnvWrite, terminalEnvironment } from '../../src/core/notebooks/workspaceEnvFile';

const custom = (identifier: string, fields: Record<string, string>) =>
  connectionSection(
    CONNECTION_TYPES.custom,
    identifier,
    identifier,
    Object.entries(fields).map(([code, value]): ConnectionField => ({ code, value, secret: false })),
  );

describe("a workspace admin's connections in an editor's terminal and .env (finding 1)", function () {
  this.timeout(60_000);
  let dir: string;
  let marker: (what: string) => string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-terminal-'));
    marker = (what) => path.join(dir, `pwned-${what}`);
    fs.writeFileSync(path.join(dir, 'evil.sh'), `touch ${marker('bash-env')}\n`);
    fs.writeFileSync(path.join(dir, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(marker('node-options'))}, '')\n`);
    fs.writeFileSync(path.join(dir, 'script.sh'), 'true\n');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'ls'), `#!/bin/sh\ntouch ${marker('path')}\n`, { mode: 0o755 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sections = () => [
    databaseSection('rw', { host: '127.0.0.1', port: 5432, dbName: 'ws', username: 'ws', password: 'pw', tls: {} }),
    custom('prompt', { command: `touch ${marker('prompt')}` }),
    custom('bash', { env: path.join(dir, 'evil.sh') }),
    custom('node', { options: `--require ${path.join(dir, 'evil.js')}` }),
    custom('git-ssh', { command: `sh -c 'touch ${marker('git')}'` }),
    custom('ld', { preload: path.join(dir, 'evil.so') }),
    custom('path', {}),
    custom('home', { x: '1' }),
    custom('harmless', { token: 'still-here' }),
  ];

  it('leaves every such connection out of the terminal, says which variable and who reads it, and keeps the rest', () => {
    const { env, refused } = terminalEnvironment(sections(), { PGSSLMODE: 'require' });
    assert.deepEqual(
      refused.map((r) => [r.key, r.variable]),
      [
        ['connection:prompt', 'PROMPT'],
        ['connection:bash', 'BASH'],
        ['connection:node', 'NODE_OPTIONS'],
        ['connection:git-ssh', 'GIT_SSH'],
        ['connection:ld', 'LD_PRELOAD'],
        ['connection:path', 'PATH'],
        ['connection:home', 'HOME'],
      ],
    );
    assert.equal(env.HARMLESS_TOKEN, 'still-here');
    assert.equal(env.WORKSPACE_DATABASE_PASSWORD, 'pw');
    assert.deepEqual([env.PGUSER, env.PGPASSWORD, env.PGSSLMODE], ['ws', 'pw', 'require']);
    for (const name of ['PROMPT_COMMAND', 'BASH_ENV', 'NODE_OPTIONS', 'GIT_SSH_COMMAND', 'LD_PRELOAD', 'PATH', 'HOME']) {
      assert.equal(env[name], undefined, name);
    }
  });

  it('bash, a script, node and git started with that environment run nothing the admin wrote', () => {
    const { env } = terminalEnvironment(sections(), {});
    // As VS Code starts a terminal: the user's environment, then the terminal's variables on top.
    const full = { ...process.env, HOME: dir, ...env };
    spawnSync('bash', ['--norc', '-i'], { cwd: dir, input: 'ls >/dev/null\nexit\n', env: full, stdio: ['pipe', 'ignore', 'ignore'] });
    spawnSync('bash', ['script.sh'], { cwd: dir, env: full });
    spawnSync(process.execPath, ['-e', '0'], { cwd: dir, env: full });
    spawnSync('git', ['ls-remote', 'ssh://example.invalid/repo'], { cwd: dir, env: full, timeout: 10_000 });
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('pwned-')), []);
    // The same programs with those variables set do run it: the test can see an attack that gets through.
    const raw = Object.fromEntries(sections().flatMap((s) => s.entries.map((e) => [e.name, e.value])));
    spawnSync('bash', ['--norc', '-i'], { cwd: dir, input: 'exit\n', env: { ...full, PROMPT_COMMAND: raw.PROMPT_COMMAND }, stdio: ['pipe', 'ignore', 'ignore'] });
    assert.ok(fs.existsSync(marker('prompt')), 'the harness cannot see PROMPT_COMMAND run');
  });

  it('leaves them out of .env too, and a bash that sources the file runs nothing', () => {
    const plan = planEnvWrite('', { slug: 'ws', name: 'WS', host: 'h', port: 1 }, sections(), []);
    assert.deepEqual(plan.written.map((s) => s.key), ['database', 'connection:harmless']);
    fs.writeFileSync(path.join(dir, '.env'), plan.text);
    fs.rmSync(marker('prompt'), { force: true });
    execFileSync('bash', ['-c', 'set -a; . ./.env; bash script.sh; ls >/dev/null'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir } });
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('pwned-')), []);
  });
});
