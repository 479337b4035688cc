import * as assert from 'node:assert/strict';
import { draftProblems } from '../../src/core/connections/connectionDraft';
import { connectionEnvNames, firstReserved } from '../../src/core/connections/connectionEnvNames';
import { identifierEnvProblem } from '../../src/core/connections/identifier';
import { CONNECTION_TYPES } from '../../src/core/connections/types';
import { RESERVED_ENV_NAMES, reservedEnvName } from '../../src/core/env/reservedEnvNames';
import { fill } from '../../src/core/said';
import { m005ConnectionGuards } from '../../src/postgres/catalog/migrations/m005ConnectionGuards';
import * as fs from 'node:fs';
import * as path from 'node:path';

const bundleFr = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
const say = (s: { text: string; args: readonly string[] } | undefined): string | undefined => (s ? fill(s.text, s.args) : undefined);

describe('variables a connection must never set on a member’s machine', () => {
  it('are those that shells, the loader, Node, Python, R, Java, Perl, Ruby, git, ssh, libpq, the OS and the SDK read, prefixes included', () => {
    const cases: [string, RegExp][] = [
      ['PROMPT_COMMAND', /shells/],
      ['BASH_ENV', /shells/],
      ['ENV', /shells/],
      ['PS1', /shells/],
      ['IFS', /shells/],
      ['LD_PRELOAD', /dynamic loader/],
      ['DYLD_INSERT_LIBRARIES', /dynamic loader/],
      ['NODE_OPTIONS', /Node\.js/],
      ['PYTHONSTARTUP', /Python/],
      ['R_PROFILE_USER', /^R$/],
      ['JAVA_TOOL_OPTIONS', /Java/],
      ['PERL5OPT', /Perl/],
      ['RUBYOPT', /Ruby/],
      ['GIT_SSH_COMMAND', /git/],
      ['SSH_ASKPASS', /ssh/],
      ['PGPASSFILE', /libpq/],
      ['PGSSLNEGOTIATION', /libpq/],
      ['PATH', /operating system/],
      ['HOME', /operating system/],
      ['TMPDIR', /operating system/],
      ['HTTPS_PROXY', /HTTP clients/],
      ['WORKSPACE_DATABASE_PASSWORD', /OpenHEXA SDK/],
      ['HEXA_SERVER_URL', /OpenHEXA SDK/],
      ['AWS_ENDPOINT_URL', /cloud SDKs/],
      ['LESSOPEN', /shells/],
    ];
    for (const [name, reader] of cases) {
      assert.match(reservedEnvName(name)?.readBy ?? 'nobody', reader, name);
    }
    // A connection's ordinary variables stay free.
    for (const name of ['MY_DB', 'MY_DB_HOST', 'DHIS2_PROD_URL', 'POLIO', 'LAKE_BUCKET_NAME', 'HISTORICAL_DATA', 'NODE', 'LD', 'API_PATH', 'SANDBOX_READ_ONLY_PASSWORD']) {
      assert.equal(reservedEnvName(name), undefined, name);
    }
  });

  it('are the same list in the catalog (migration 5) as in the extension, so PostgreSQL refuses what the form refuses', () => {
    const rows = [...m005ConnectionGuards.sql.matchAll(/\('([^']+)',\s*ARRAY\[([^\]]*)\]::text\[\],\s*ARRAY\[([^\]]*)\]::text\[\]\)/g)];
    const names = (list: string): string[] => [...list.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
    const inCatalog = rows.flatMap((r) => [...names(r[2]!).map((n) => `${n} ${r[1]}`), ...names(r[3]!).map((n) => `${n}* ${r[1]}`)]).sort();
    const inExtension = RESERVED_ENV_NAMES.map((r) => `${r.name}${r.prefix ? '*' : ''} ${r.readBy}`).sort();
    assert.deepEqual(inCatalog, inExtension);
    for (const type of Object.values(CONNECTION_TYPES)) {
      const derived = (type.derivedEnvCodes ?? []).map((code) => `('${type.id}', '${code}')`);
      for (const row of derived) {
        assert.ok(m005ConnectionGuards.sql.includes(row), `${row} missing from migration 5`);
      }
    }
  });

  it('says who reads each one in French too', () => {
    const missing = [...new Set(RESERVED_ENV_NAMES.map((r) => r.readBy))].filter((readBy) => !(readBy in bundleFr));
    assert.deepEqual(missing, []);
  });

  it('names every variable a connection can make, the derived ones included', () => {
    assert.deepEqual(connectionEnvNames(CONNECTION_TYPES.postgresql, 'my-db'), ['MY_DB', 'MY_DB_HOST', 'MY_DB_PORT', 'MY_DB_DB_NAME', 'MY_DB_USERNAME', 'MY_DB_PASSWORD', 'MY_DB_SSLMODE', 'MY_DB_URL']);
    const values = { host: 'h', port: '5432', db_name: 'd', username: 'u', password: 'p' };
    assert.deepEqual(CONNECTION_TYPES.postgresql.derivedEnv?.(values).map(([code]) => code), CONNECTION_TYPES.postgresql.derivedEnvCodes);
    assert.deepEqual(connectionEnvNames(CONNECTION_TYPES.custom, 'git-ssh', ['command']), ['GIT_SSH', 'GIT_SSH_COMMAND']);
    assert.deepEqual(firstReserved(['NODE', 'NODE_OPTIONS']), { name: 'NODE_OPTIONS', readBy: 'Node.js and its package managers' });
  });

  it('are refused in the form as the identifier or the custom code is typed, with the variable and its reader', () => {
    assert.match(say(identifierEnvProblem('prompt', CONNECTION_TYPES.custom))!, /Its variable PROMPT is read by shells/);
    assert.match(say(identifierEnvProblem('workspace-database', CONNECTION_TYPES.postgresql))!, /WORKSPACE_DATABASE is read by the OpenHEXA SDK/);
    assert.match(say(identifierEnvProblem('path', CONNECTION_TYPES.dhis2))!, /PATH is read by the operating system/);
    assert.equal(identifierEnvProblem('dhis2-prod', CONNECTION_TYPES.dhis2), undefined);
    const custom = (identifier: string, codes: string[]): Record<string, string | undefined> => {
      const problems = draftProblems({ type: 'custom', name: identifier, identifier, description: '', fields: codes.map((code) => ({ code, secret: false, value: 'x' })) }, { creating: true, stored: new Set() });
      return Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, say(v)]));
    };
    // NODE itself only holds the type; every NODE_* is Node's.
    assert.deepEqual(Object.keys(custom('node', ['options'])), ['code:0']);
    assert.match(custom('node', ['options'])['code:0']!, /"options" makes the variable NODE_OPTIONS, read by Node\.js/);
    assert.match(custom('ld', ['preload'])['code:0']!, /"preload" makes the variable LD_PRELOAD, read by the dynamic loader/);
    assert.match(custom('bash', ['env']).identifier!, /BASH is read by shells/);
    assert.deepEqual(custom('my-api', ['token', 'path']), {});
  });
});
