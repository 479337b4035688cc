import * as assert from 'node:assert/strict';
import { countSql, exportSql, pagePlan, UnsafeParameter } from '../../src/postgres/preview/previewSql';
import { events } from '../fixtures/previewSelections';


describe('preview SQL: seeks, never skips', () => {
  it('a deep page seeks to its cursor with one row comparison, no OFFSET', () => {
    const [deep] = pagePlan({ ...events, after: { key: ['9000000'] }, maxChars: 100 });
    const { text, values } = deep!(500);
    assert.match(text, /WHERE "id" OPERATOR\(pg_catalog\.>\) \$1::bigint/);
    assert.doesNotMatch(text, /OFFSET/);
    assert.match(text, /LIMIT 500$/);
    assert.deepEqual(values, ['9000000']);
  });

  it('a sorted deep page is one (sort, key) range, then the NULL group when ascending', () => {
    const plan = pagePlan({ ...events, sort: { column: 'grp', direction: 'asc' }, after: { key: ['42'], sortValue: '7' }, maxChars: 100 });
    assert.equal(plan.length, 2);
    assert.match(plan[0]!(10).text, /WHERE ROW\("grp", "id"\) OPERATOR\(pg_catalog\.>\) ROW\(\$1::integer, \$2::bigint\)/);
    assert.match(plan[1]!(10).text, /WHERE "grp" IS NULL\nORDER BY "id" ASC/);
    const desc = pagePlan({ ...events, sort: { column: 'grp', direction: 'desc' }, after: { key: ['42'], sortValue: '7' }, maxChars: 100 });
    assert.equal(desc.length, 1);
    assert.match(desc[0]!(10).text, /ORDER BY "grp" DESC NULLS FIRST, "id" DESC/);
  });

  it('a view pages by position and keeps its own order unless sorted', () => {
    const view = { ...events, key: [] };
    assert.doesNotMatch(pagePlan({ ...view, maxChars: 10 })[0]!(5).text, /ORDER BY/);
    assert.match(pagePlan({ ...view, after: { key: [], offset: 50 }, maxChars: 10 })[0]!(5).text, /LIMIT 5 OFFSET 50$/);
    assert.match(pagePlan({ ...view, sort: { column: 'grp', direction: 'asc' }, maxChars: 10 })[0]!(5).text, /pg_catalog\.format\('%s', ROW\(r\.\*\)\) ASC/);
  });

  it('COPY reads filter values back from settings, never from the SQL text', () => {
    const hostile = `'; DROP TABLE events; --`;
    const { text, values } = exportSql({ ...events, filters: [{ column: 'LIMIT 5', op: 'eq', value: hostile }] }, (i) => `pg_catalog.current_setting('p${i}')`);
    assert.ok(!text.includes(hostile));
    assert.match(text, /"LIMIT 5" OPERATOR\(pg_catalog\.=\) pg_catalog\.current_setting\('p1'\)::text/);
    assert.deepEqual(values, [hostile]);
  });

  it('an estimate is an EXPLAIN of the same filters', () => {
    const { text, values } = countSql({ ...events, filters: [{ column: 'grp', op: 'in', values: ['1', '2'] }] }, true);
    assert.match(text, /^EXPLAIN \(FORMAT JSON\) SELECT 1\nFROM "public"\."events" AS r\nWHERE "grp" OPERATOR\(pg_catalog\.=\) ANY\(\$1::integer\[\]\)$/);
    assert.deepEqual(values, [['1', '2']]);
  });
});

describe('preview SQL: nothing an editor defined runs through it (issue 23, finding 2)', () => {
  const hostile = {
    schema: 'public',
    table: 'planted',
    columns: [
      { name: 'id', type: 'public.code', paramType: 'character varying(10)' },
      { name: 'fancy', type: 'public.fancy', paramType: null },
      { name: 'place', type: 'evil.geometry', paramType: 'text', spatialSchema: null },
      { name: 'shape', type: 'postgis.geometry', paramType: 'postgis.geometry', spatialSchema: 'postgis' },
    ],
    key: [{ name: 'id', type: 'public.code', paramType: 'character varying(10)' }],
  };

  it('turns values into text by their output function, never by a cast an editor can define', () => {
    const text = pagePlan({ ...hostile, sort: { column: 'id', direction: 'asc' }, after: { key: ['a'], sortValue: 'a' }, filters: [{ column: 'fancy', op: 'contains', value: 'x' }], maxChars: 50 })[0]!(10).text;
    assert.doesNotMatch(text.replace(/\$\d+::text/g, ''), /::text/);
    assert.match(text, /pg_catalog\.format\('%s', "fancy"\)/);
  });

  it('binds keyset and filter values as the domain’s base type, never the domain (whose CHECK may call an editor’s function)', () => {
    const text = pagePlan({ ...hostile, after: { key: ['a'] }, filters: [{ column: 'id', op: 'in', values: ['a', 'b'] }], maxChars: 50 })[0]!(10).text;
    assert.match(text, /\$1::character varying\(10\)\[\]/);
    assert.match(text, /"id" OPERATOR\(pg_catalog\.>\) \$2::character varying\(10\)/);
    assert.doesNotMatch(text, /::public\.code/);
  });

  it('refuses, saying why, a comparison whose value only an editor’s code could read', () => {
    assert.throws(() => pagePlan({ ...hostile, filters: [{ column: 'fancy', op: 'eq', value: '(1)' }], maxChars: 50 })[0]!(10), UnsafeParameter);
  });

  it('calls ST_AsText only in PostGIS’s own schema and for its own type, never a look-alike beside a type named geometry', () => {
    const text = pagePlan({ ...hostile, maxChars: 50 })[0]!(10).text;
    assert.match(text, /"postgis"\.st_astext\("shape"::"postgis"\.geometry\)/);
    assert.doesNotMatch(text, /evil\.st_astext/);
  });
});
