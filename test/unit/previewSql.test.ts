import * as assert from 'node:assert/strict';
import { countSql, exportSql, pagePlan } from '../../src/postgres/preview/previewSql';
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
    assert.match(pagePlan({ ...view, sort: { column: 'grp', direction: 'asc' }, maxChars: 10 })[0]!(5).text, /ROW\(r\.\*\)::text ASC/);
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
