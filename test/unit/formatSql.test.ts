import * as assert from 'node:assert/strict';
import { formatSql, FormatRefused, sameMeaning } from '../../src/core/query/formatSql';
import { loadSqlParser } from '../../src/core/query/sqlParser';

describe('Format Document for SQL: the layout changes, never what the server reads', () => {
  before(() => loadSqlParser());
  const options = { tabWidth: 2, useTabs: false };

  it('lays a query out and keeps dollar quotes, E\'\' strings, quoted names and comments as they were', () => {
    const sql = "select a, \"We;ird\" from t -- why\nwhere x = $body$ a;b $body$ and y = E'it\\'s';\n";
    const formatted = formatSql(sql, options);
    assert.notEqual(formatted, sql);
    assert.match(formatted, /\$body\$ a;b \$body\$/);
    assert.match(formatted, /E'it\\'s'/);
    assert.match(formatted, /"We;ird"/);
    assert.match(formatted, /-- why/);
    assert.ok(formatted.endsWith('\n'));
  });

  it('tells a change of layout from a change of meaning, as the server folds names', () => {
    assert.equal(sameMeaning('SELECT a FROM t', 'select\n  A\nfrom T'), true);
    assert.equal(sameMeaning('SELECT - -1', 'SELECT --1'), false, 'two minus signs made a comment');
    assert.equal(sameMeaning('SELECT "A" FROM t', 'SELECT "a" FROM t'), false, 'a quoted name keeps its case');
    assert.equal(sameMeaning("SELECT 'a  b'", "SELECT 'a b'"), false, 'a string keeps its spaces');
    assert.equal(sameMeaning('SELECT 1 -- why\n', 'SELECT\n  1 -- why\n'), true);
  });

  it('refuses, changing nothing, when the formatter cannot read the SQL', () => {
    assert.throws(() => formatSql("SELECT 'open", options), (err: unknown) => err instanceof FormatRefused);
  });
});
