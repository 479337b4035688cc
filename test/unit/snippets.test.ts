import * as assert from 'node:assert/strict';
import type { ConnectionField } from '../../src/core/connections/connectionType';
import { connectionEnv } from '../../src/core/connections/connectionEnvNames';
import { CONNECTION_TYPES, type ConnectionTypeId } from '../../src/core/connections/types';
import { workspaceEnvNames } from '../../src/core/env/databaseEnvNames';
import { connectionSnippet } from '../../src/core/notebooks/connectionSnippet';
import { DATABASE_FLAVOURS, databaseSnippet } from '../../src/core/notebooks/databaseSnippet';
import { tableQuery } from '../../src/core/notebooks/postgresSnippet';
import { flavoursIn, pickFlavour, R_DRIVERS, snippetFlavours } from '../../src/core/notebooks/snippet';

/** A connection of each type whose every field holds a value no snippet may contain. */
function sample(id: ConnectionTypeId): ConnectionField[] {
  const type = CONNECTION_TYPES[id];
  const codes = type.fields.length > 0 ? type.fields.map((f) => f.code) : ['api_key', 'Base-URL'];
  return codes.map((code, i) => ({ code, value: `Välue-${id}-${i}-s3cr3t`, secret: type.fields[i]?.secret ?? i === 0 }));
}

describe('notebook snippets', () => {
  for (const type of Object.values(CONNECTION_TYPES)) {
    for (const flavour of snippetFlavours(type.snippets)) {
      for (const rDriver of flavour === 'r' ? R_DRIVERS : (['RPostgres'] as const)) {
        it(`${type.label}, ${flavour}${flavour === 'r' ? ` (${rDriver})` : ''}: no value of the connection, secret or not, only its variables`, () => {
          const fields = sample(type.id);
          const code = connectionSnippet(type, 'my-conn', fields, flavour, rDriver);
          for (const field of fields) {
            assert.ok(!code.includes(field.value), `${field.code}'s value is in the snippet:\n${code}`);
          }
          const read = [...code.matchAll(/(?:os\.environ\[|os\.environ\.get\(|Sys\.getenv\()"([^"]+)"/g)].map((m) => m[1]!);
          const written = new Set(connectionEnv(type, 'my-conn', fields).map(([name]) => name));
          for (const name of read) {
            assert.ok(written.has(name), `the snippet reads ${name}, which Write Variables to .env does not write`);
          }
          if (flavour === 'sdk') {
            assert.match(code, new RegExp(`workspace\\.${type.id}_connection\\("my-conn"\\)`));
          } else {
            assert.ok(read.length > 0, 'a plain snippet that reads no variable');
          }
        });
      }
    }
  }

  it('the workspace database: every flavour reads WORKSPACE_DATABASE_*, the SDK its URL', () => {
    const names = workspaceEnvNames();
    assert.deepEqual(DATABASE_FLAVOURS, ['sdk', 'sqlalchemy', 'psycopg2', 'r']);
    assert.match(databaseSnippet('sdk', 'RPostgres'), /create_engine\(workspace\.database_url\)/);
    for (const flavour of ['sqlalchemy', 'psycopg2', 'r'] as const) {
      const code = databaseSnippet(flavour, 'RPostgreSQL');
      for (const name of [names.host, names.port, names.dbName, names.username, names.password]) {
        assert.ok(code.includes(`"${name}"`), `${flavour} does not read ${name}`);
      }
    }
    assert.match(databaseSnippet('r', 'RPostgreSQL'), /RPostgreSQL::PostgreSQL\(\)/);
    assert.match(databaseSnippet('r', 'RPostgres'), /RPostgres::Postgres\(\)/);
  });

  it('on a table: its identifiers quoted for any name, the literal decodes to that exact SQL', () => {
    const table = { schema: 'Sür "x"', name: `we"ird %s; 'tåble' :x\\n` };
    const sql = tableQuery(table);
    assert.equal(sql, `SELECT * FROM "Sür ""x"""."we""ird %s; 'tåble' :x\\n" LIMIT 1000`);
    for (const flavour of DATABASE_FLAVOURS) {
      const code = databaseSnippet(flavour, 'RPostgres', table);
      const literal = /(?:read_sql\(text\(|execute\(|dbGetQuery\(con, )("(?:[^"\\]|\\.)*")/.exec(code)?.[1];
      assert.ok(literal, `${flavour}: no query literal in\n${code}`);
      // SQLAlchemy's text() reads "\:" as ":" (its binds are ":name"); the others take the SQL as it is.
      assert.equal(JSON.parse(literal), flavour === 'sdk' || flavour === 'sqlalchemy' ? sql.replace(/:/g, '\\:') : sql, flavour);
    }
  });

  it('offers the flavours of the notebook\'s language, and remembers the last choice or its nearest', () => {
    assert.deepEqual(flavoursIn('python', DATABASE_FLAVOURS), ['sdk', 'sqlalchemy', 'psycopg2']);
    assert.deepEqual(flavoursIn('r', snippetFlavours(CONNECTION_TYPES.dhis2.snippets)), ['r']);
    assert.equal(pickFlavour(['sdk', 'python'], 'sqlalchemy'), 'python');
    assert.equal(pickFlavour(['sdk', 'sqlalchemy', 'psycopg2'], 'python'), 'sqlalchemy');
    assert.equal(pickFlavour(['sdk', 'sqlalchemy', 'psycopg2'], 'psycopg2'), 'psycopg2');
    assert.equal(pickFlavour(['sdk', 'python'], undefined), undefined);
  });
});
