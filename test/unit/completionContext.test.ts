import * as assert from 'node:assert/strict';
import { completionContext, sqlName } from '../../src/core/query/completionContext';
import { loadSqlParser } from '../../src/core/query/sqlParser';

/** The context at the | in `sql`. */
const at = (sql: string) => completionContext(sql.replace('|', ''), sql.indexOf('|'));

describe('what the cursor asks for in a SQL statement', () => {
  before(() => loadSqlParser());

  it('a relation after FROM, JOIN, INTO, UPDATE, and after a comma in a FROM list, even while its name is typed', () => {
    for (const sql of ['SELECT * FROM |', 'SELECT * FROM vis|', 'SELECT * FROM a JOIN |', 'INSERT INTO |', 'UPDATE |', 'SELECT * FROM a, |', 'SELECT * FROM a x, b|']) {
      assert.deepEqual(at(sql), { kind: 'relation' }, sql);
    }
  });

  it('a member after a qualifier: a schema\'s tables or an alias\'s columns, quoted names read as the server reads them', () => {
    assert.deepEqual(at('SELECT * FROM survey.|'), { kind: 'member', qualifier: 'survey', relations: [{ name: 'survey' }] });
    const context = at('SELECT v.| FROM public.visits AS v JOIN "Sites" s ON s.id = v.site');
    assert.equal(context.kind, 'member');
    assert.equal(context.kind === 'member' && context.qualifier, 'v');
    assert.deepEqual(context.kind === 'member' && context.relations, [
      { schema: 'public', name: 'visits', alias: 'v' },
      { name: 'Sites', alias: 's' },
    ]);
    assert.equal((at('SELECT "We ird".| FROM t "We ird"') as { qualifier: string }).qualifier, 'We ird');
  });

  it('columns of the relations the statement names elsewhere, even after the cursor', () => {
    assert.deepEqual(at('SELECT dis| FROM visits WHERE cases > 1'), { kind: 'column', relations: [{ name: 'visits' }] });
    assert.deepEqual(at('SELECT * FROM visits v WHERE |'), { kind: 'column', relations: [{ name: 'visits', alias: 'v' }] });
  });

  it('offers nothing wrong inside an unterminated string', () => {
    assert.deepEqual(at("SELECT 'FROM |"), { kind: 'column', relations: [] });
  });

  it('writes a name bare only when the server reads it back as that name', () => {
    assert.equal(sqlName('visits'), 'visits');
    assert.equal(sqlName('name'), 'name'); // an unreserved keyword
    assert.equal(sqlName('user'), '"user"');
    assert.equal(sqlName('select'), '"select"');
    assert.equal(sqlName('Sites'), '"Sites"');
    assert.equal(sqlName('a b'), '"a b"');
    assert.equal(sqlName('say "hi"'), '"say ""hi"""');
    assert.equal(sqlName('école'), '"école"');
  });
});
