// Editors can create functions and operators in a workspace database; one that
// matches better than the built-in runs with the rights of whoever browses. So
// every function call in the product's SQL is schema-qualified, and every
// operator in SQL that runs in a workspace database is too. This reads the
// product's source as the compiler does and checks every SQL text in it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { MIGRATIONS } from '../../src/postgres/catalog/migrations';
import { m001Catalog } from '../../src/postgres/catalog/migrations/m001Catalog';
import { cellSql, fullValueSql } from '../../src/postgres/preview/cellSql';
import { countSql, exportSql, pagePlan, wholeValueSql, type FilterOp, type Selection } from '../../src/postgres/preview/previewSql';
import { SAMPLE_DATA_SQL } from '../../src/localServer/sampleData';
import { handOverDatabase, readerGrants, workspaceDatabaseSetup } from '../../src/postgres/workspace/sql';
import { workspaceRoleNames } from '../../src/core/workspaceNames';
import { events as baseEvents } from '../fixtures/previewSelections';

const ROOT = path.resolve(__dirname, '../../..');

/** Words followed by "(" that are SQL or PL/pgSQL syntax, or type modifiers, not function calls. */
const SYNTAX = new Set(
  [
    'in', 'exists', 'any', 'all', 'some', 'values', 'coalesce', 'nullif', 'greatest', 'least', 'cast', 'row', 'array', 'over', 'filter',
    'lateral', 'using', 'on', 'not', 'and', 'or', 'as', 'table', 'references', 'key', 'unique', 'check', 'operator', 'returns', 'if',
    'numeric', 'decimal', 'varchar', 'char', 'character', 'timestamp', 'time', 'interval', 'bit', 'with', 'from', 'where', 'select',
  ].map((w) => w.toLowerCase()),
);

/** SQL text without comments, string literals, dollar-quote tags and quoted identifiers (the code inside dollar quotes stays). */
function codeOf(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '"x"')
    .replace(/\$[a-z_]*\$/gi, ' ');
}

export function unqualifiedCalls(sql: string): string[] {
  const found: string[] = [];
  for (const match of codeOf(sql).matchAll(/(^|[^.\w$])([A-Za-z_][A-Za-z0-9_]*)\(/g)) {
    if (!SYNTAX.has(match[2]!.toLowerCase())) {
      found.push(`${match[2]}(`);
    }
  }
  return found;
}

/** Operators not written as OPERATOR(pg_catalog.x). `=` in SET and option lists, `*` of a whole row or count(*), casts and := are not operators. */
export function unqualifiedOperators(sql: string): string[] {
  const code = codeOf(sql)
    .replace(/OPERATOR\(pg_catalog\.[^)]+\)/g, ' ')
    .replace(/::/g, ' ')
    .replace(/:=/g, ' ')
    .replace(/\bSET\s+(LOCAL\s+)?[a-z_]+\s*=/gi, ' ')
    .replace(/\b(SFUNC|STYPE|INITCOND|LEFTARG|RIGHTARG|FUNCTION)\s*=/gi, ' ')
    .replace(/\(\*\)|\.\*|SELECT \*/g, ' ')
    .replace(/(^|[^\w)\]"'])-\d/g, ' ');
  return [...code.matchAll(/[=<>!~+\-*/%|^&#@]+/g)].map((m) => m[0]);
}

interface Piece {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/**
 * Every string and template piece of a source file that can be SQL: not the
 * messages of errors and logs, not literal types, not a lone word or a lone
 * operator symbol (the name given to op(), which qualifies it).
 */
function piecesOf(file: string): Piece[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const pieces: Piece[] = [];
  const inMessage = (node: ts.Node): boolean => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText(source))) {
        return true;
      }
      if (ts.isCallExpression(n) && /\b(log|warn|info|error|outdated|notOwner|t)$/.test(n.expression.getText(source))) {
        return true;
      }
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const notSql = ts.isLiteralTypeNode(node.parent) || /^[\w-]*$|^[=<>~!*|+\-/%]+$/.test(node.text);
      if (!notSql && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && !inMessage(node)) {
        pieces.push({ file: path.relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pieces;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

// Where the product's SQL lives. Migration 1 is released and frozen: see the last test.
const SQL_FILES = [...filesUnder(path.join(ROOT, 'src/postgres')), ...filesUnder(path.join(ROOT, 'src/localServer'))].filter((f) => !f.endsWith('m001Catalog.ts'));
// SQL that runs inside a workspace database, where editors create operators.
const WORKSPACE_SQL_FILES = ['src/postgres/workspace/tables.ts', 'src/postgres/workspace/sql.ts', 'src/postgres/preview', 'src/postgres/readOnly.ts', 'src/localServer/sampleData.ts'];

// The preview's fixture table, with the types whose cells have their own SQL (bytea, PostGIS).
const events: Selection = {
  ...baseEvents,
  columns: [...baseEvents.columns, { name: 'data', type: 'bytea' }, { name: 'shape', type: 'public.geometry' }],
};

/** SQL the preview builds, for every operator, sort and cursor shape. */
function generatedPreviewSql(): string[] {
  const ops: FilterOp[] = ['eq', 'ne', 'lt', 'gt', 'contains', 'startsWith', 'isNull', 'isNotNull', 'in'];
  const filters = ops.map((op) => ({ column: 'grp', op, value: '1', values: ['1', '2'] }));
  const out: string[] = [];
  for (const sort of [undefined, { column: 'grp', direction: 'asc' as const }, { column: 'grp', direction: 'desc' as const }]) {
    for (const after of [undefined, { key: ['9'], sortValue: '3' }, { key: ['9'], sortValue: null }]) {
      for (const key of [events.key, []]) {
        out.push(...pagePlan({ ...events, key, sort, filters, after: key.length ? after : { key: [], offset: 10 }, maxChars: 100 }).map((s) => s(50).text));
      }
    }
  }
  out.push(countSql({ ...events, filters }, true).text, countSql({ ...events, filters }, false).text);
  out.push(exportSql({ ...events, filters }, (i) => `pg_catalog.current_setting('p${i}')`).text);
  out.push(wholeValueSql({ ...events, filters }, 'data', { key: ['1'] }).text, wholeValueSql({ ...events, key: [], filters }, 'shape', { key: [], offset: 3 }).text);
  out.push(...events.columns.flatMap((c) => [cellSql('"c"', c, 10), fullValueSql('"c"', c)]));
  return out;
}

function generatedWorkspaceSql(): string[] {
  const roles = workspaceRoleNames('ws_x');
  return [...workspaceDatabaseSetup('ws_x', roles), ...handOverDatabase('ws_x', roles, ['s']), ...readerGrants(roles, ['s'], [{ schema: 's', name: 't' }]), ...SAMPLE_DATA_SQL];
}

describe('the product’s SQL calls only schema-qualified functions and operators', () => {
  it('the scanner catches what it must (it can fail)', () => {
    assert.deepEqual(unqualifiedCalls('SELECT array_position(a, b), pg_catalog.count(*), openhexa.x(1) FROM t WHERE y IN (1)'), ['array_position(']);
    assert.deepEqual(unqualifiedCalls("SELECT 'lower(x)' AS \"f(\" -- format(\n"), []);
    assert.deepEqual(unqualifiedOperators('SELECT a = b, c OPERATOR(pg_catalog.=) d, e::text, count(*), -1 FROM t'), ['=']);
    assert.deepEqual(unqualifiedOperators("SET LOCAL search_path = pg_catalog; SELECT 'a' || 'b'"), ['||']);
  });

  for (const file of SQL_FILES) {
    const relative = path.relative(ROOT, file);
    it(`${relative}: every function call is qualified`, () => {
      const bad = piecesOf(file).flatMap((p) => unqualifiedCalls(p.text).map((call) => `${p.file}:${p.line} ${call}`));
      assert.deepEqual(bad, []);
    });
    if (WORKSPACE_SQL_FILES.some((w) => relative.startsWith(w))) {
      it(`${relative}: runs in a workspace database, so every operator is qualified too`, () => {
        const bad = piecesOf(file).flatMap((p) => unqualifiedOperators(p.text).map((op) => `${p.file}:${p.line} ${op}`));
        assert.deepEqual(bad, []);
      });
    }
  }

  it('the SQL the preview builds, for every filter, sort and cursor, qualifies every function and operator', () => {
    for (const sql of generatedPreviewSql()) {
      assert.deepEqual([...unqualifiedCalls(sql), ...unqualifiedOperators(sql)], [], sql);
    }
  });

  it('the statements run in workspace databases (set-up, hand-over, sample data) do too', () => {
    for (const sql of generatedWorkspaceSql()) {
      assert.deepEqual([...unqualifiedCalls(sql), ...unqualifiedOperators(sql)], [], sql);
    }
  });

  it('the functions of migration 1 that no later migration replaces call only qualified functions', () => {
    const later = MIGRATIONS.filter((m) => m.version > 1)
      .map((m) => m.sql)
      .join('\n');
    const replaced = new Set([...later.matchAll(/(?:CREATE(?: OR REPLACE)? FUNCTION|DROP FUNCTION) openhexa\.(\w+)\(/g)].map((m) => m[1]));
    const kept = [...m001Catalog.sql.matchAll(/CREATE FUNCTION openhexa\.(\w+)\([\s\S]*?\$fn\$([\s\S]*?)\$fn\$/g)].filter((m) => !replaced.has(m[1]!));
    assert.ok(kept.length > 0, 'no function of migration 1 is still in use: drop this test');
    for (const [, name, body] of kept) {
      assert.deepEqual(unqualifiedCalls(body!), [], `openhexa.${name}`);
    }
  });
});
