import * as assert from 'node:assert/strict';
import { fill } from '../../src/core/said';
import { judgeStatement } from '../../src/core/query/runRules';
import { loadSqlParser } from '../../src/core/query/sqlParser';
import { splitStatements, statementAt } from '../../src/core/query/statements';

const texts = (sql: string): string[] => splitStatements(sql).map((s) => s.text);

describe('a script cut into statements by PostgreSQL\'s own lexer', () => {
  before(() => loadSqlParser());

  it('cuts at each ; and drops comments and blank space between statements', () => {
    assert.deepEqual(texts('SELECT 1;\n-- a note; not a statement\nSELECT 2 ;  \n\n'), ['SELECT 1', 'SELECT 2']);
  });

  it('never cuts inside dollar quotes, nested comments, E\'\' strings or a quoted identifier', () => {
    const sql = [
      "SELECT $body$ a; b $body$ AS d, $$;$$ AS e",
      'SELECT 1 /* outer /* inner; */ still; */ + 1',
      "SELECT E'it\\'s; here' AS s",
      'SELECT 1 AS "semi;colon", \'plain;\' AS p',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$ BEGIN RETURN 1; END; $fn$',
    ].join(';\n');
    assert.deepEqual(texts(sql), sql.split(';\n'));
  });

  it('keeps a BEGIN ATOMIC body whole, as psql does, and still cuts after it', () => {
    const fn = 'CREATE OR REPLACE FUNCTION public.twice(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN x * 2 ELSE 0 END; SELECT 1; END';
    assert.deepEqual(texts(`${fn};\nSELECT public.twice(2)`), [fn, 'SELECT public.twice(2)']);
    // A table named begin or a column called "end" is not a body.
    assert.deepEqual(texts('SELECT begin FROM "end"; SELECT 2'), ['SELECT begin FROM "end"', 'SELECT 2']);
  });

  it('keeps the data lines of COPY … FROM STDIN with their statement, up to \\.', () => {
    const sql = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\tit's\n\\.\nSELECT 3;";
    const statements = splitStatements(sql);
    assert.deepEqual(
      statements.map((s) => [s.text, s.copyData]),
      [
        ['COPY t (a, b) FROM stdin', "1\tx;y\n2\tit's\n"],
        ['SELECT 3', undefined],
      ],
    );
  });

  it('gives offsets in characters, not bytes, after accented and astral text', () => {
    const sql = "SELECT 'é🙂' AS x; SELECT 2";
    const [, second] = splitStatements(sql);
    assert.equal(sql.slice(second!.start, second!.end), 'SELECT 2');
  });

  it('makes the rest one statement where the lexer cannot go on (an unterminated string), so the parser explains it', () => {
    const statements = splitStatements("SELECT 1; SELECT 'open");
    assert.deepEqual(texts("SELECT 1; SELECT 'open"), ['SELECT 1', "SELECT 'open"]);
    assert.equal(statements[1]!.unterminated, true);
    // A syntax error before it does not hide the statements between.
    assert.deepEqual(texts("SELEC 1; SELECT ';' ; SELECT \"open;"), ['SELEC 1', "SELECT ';'", 'SELECT "open;']);
    const judged = judgeStatement(statements[1]!, 'read-only');
    assert.equal(judged.ok, false);
    assert.match(judged.ok ? '' : judged.reason.args[0]!, /unterminated quoted string/);
  });

  it('finds the statement under the cursor, or the one just before it on the line', () => {
    const sql = 'SELECT 1;   \nSELECT 2;\n\n\nSELECT 3';
    const statements = splitStatements(sql);
    const at = (offset: number): string | undefined => statementAt(sql, statements, offset)?.text;
    assert.equal(at(3), 'SELECT 1');
    assert.equal(at(11), 'SELECT 1'); // after the ; on its line
    assert.equal(at(sql.indexOf('2')), 'SELECT 2');
    assert.equal(at(sql.indexOf('\n\n\n') + 2), 'SELECT 3'); // a blank line: the next one
    assert.equal(at(sql.length), 'SELECT 3');
  });
});

describe('what a run may contain, judged on the parse tree before anything is sent', () => {
  before(() => loadSqlParser());

  const refused = (sql: string, mode: 'read-only' | 'writes' = 'read-only'): string => {
    const judged = judgeStatement({ text: sql }, mode);
    return judged.ok ? '' : fill(judged.reason.text, judged.reason.args);
  };

  it('refuses transaction control in either mode: a run cannot step out of its transaction', () => {
    for (const sql of ['BEGIN', 'COMMIT', 'ROLLBACK', 'END', 'START TRANSACTION READ WRITE', 'SAVEPOINT s', 'COMMIT AND CHAIN', 'PREPARE TRANSACTION \'x\'', 'ABORT']) {
      assert.match(refused(sql), /Transaction control/, sql);
      assert.match(refused(sql, 'writes'), /Transaction control/, sql);
    }
  });

  it('refuses a change of the transaction\'s read-only mode, LOCAL or not', () => {
    for (const sql of [
      'SET transaction_read_only = off',
      'SET LOCAL transaction_read_only TO false',
      'SET TRANSACTION READ WRITE',
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE',
      'set default_transaction_read_only = off',
      'SET LOCAL default_transaction_read_only = off',
    ]) {
      assert.match(refused(sql), /mode is set by OpenHEXA/, sql);
    }
  });

  it('refuses what would stay on the shared session: SET without LOCAL, SET ROLE, RESET ALL, DISCARD, PREPARE, LISTEN, WITH HOLD', () => {
    assert.match(refused('SET search_path = evil, public'), /without LOCAL/);
    assert.match(refused('SET ROLE postgres'), /without LOCAL/);
    assert.match(refused('SET SESSION AUTHORIZATION someone'), /without LOCAL/);
    assert.match(refused('RESET search_path'), /without LOCAL/);
    assert.match(refused('RESET ALL'), /RESET ALL/);
    assert.match(refused('DISCARD ALL'), /DISCARD/);
    assert.match(refused('PREPARE p AS SELECT 1'), /PREPARE/);
    assert.match(refused('EXECUTE p'), /EXECUTE/);
    assert.match(refused('LISTEN jobs'), /LISTEN/);
    assert.match(refused('DECLARE c CURSOR WITH HOLD FOR SELECT 1'), /WITH HOLD/);
    assert.match(refused('COPY t FROM STDIN'), /FROM STDIN/);
    assert.match(refused('COPY (SELECT 1) TO STDOUT'), /TO STDOUT/);
  });

  it('lets SET LOCAL, a plain cursor and ordinary statements through, and says how rows are read', () => {
    assert.deepEqual(judgeStatement({ text: 'SET LOCAL work_mem = \'64MB\'' }, 'read-only'), { ok: true, readAs: 'portal', kind: 'VariableSetStmt' });
    assert.deepEqual(judgeStatement({ text: 'SET LOCAL ROLE ws_reader' }, 'read-only'), { ok: true, readAs: 'portal', kind: 'VariableSetStmt' });
    assert.deepEqual(judgeStatement({ text: 'SELECT * FROM "we;ird"' }, 'read-only'), { ok: true, readAs: 'cursor', kind: 'SelectStmt' });
    assert.deepEqual(judgeStatement({ text: 'VALUES (1), (2)' }, 'read-only'), { ok: true, readAs: 'cursor', kind: 'SelectStmt' });
    // DECLARE refuses a data-modifying WITH and SELECT INTO: those are read as a portal.
    assert.equal((judgeStatement({ text: 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d' }, 'writes') as { readAs: string }).readAs, 'portal');
    assert.equal((judgeStatement({ text: 'SELECT 1 INTO newt' }, 'writes') as { readAs: string }).readAs, 'portal');
    assert.deepEqual(judgeStatement({ text: 'INSERT INTO t VALUES (1) RETURNING *' }, 'writes'), { ok: true, readAs: 'portal', kind: 'InsertStmt' });
  });

  it('refuses what the parser cannot read, with where it stopped, in characters', () => {
    const judged = judgeStatement({ text: "SELECT 'é', FROM t" }, 'read-only');
    assert.equal(judged.ok, false);
    assert.equal(judged.ok ? -1 : judged.offset, "SELECT 'é', ".length);
  });
});
