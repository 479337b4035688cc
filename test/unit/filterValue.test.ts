import * as assert from 'node:assert/strict';
import { filterProblem, valueKindOf, valueProblem } from '../../src/core/preview/filterValue';

describe('a filter\'s value checked against its column\'s type, as typed', () => {
  it('knows the kinds PostgreSQL names, a typmod or not; everything else is the server\'s to judge', () => {
    assert.equal(valueKindOf('integer'), 'integer');
    assert.equal(valueKindOf('bigint'), 'bigint');
    assert.equal(valueKindOf('numeric(10,2)'), 'number');
    assert.equal(valueKindOf('double precision'), 'number');
    assert.equal(valueKindOf('boolean'), 'boolean');
    assert.equal(valueKindOf('uuid'), 'uuid');
    for (const other of ['text', 'date', 'timestamp with time zone', 'interval', 'jsonb', 'mood', 'character varying(20)']) {
      assert.equal(valueKindOf(other), 'other', other);
    }
  });

  it('whole numbers: digits with a sign, PostgreSQL 16\'s forms too, within the type\'s range', () => {
    for (const ok of ['42', ' -7 ', '+0', '1_000', '0x1F', '-0b101', '0o17', '2147483647']) {
      assert.equal(valueProblem('integer', ok, 'integer'), undefined, ok);
    }
    assert.equal(valueProblem('integer', 'abc', 'integer')?.text, '"{0}" is not a whole number: {1} takes digits only, like 42 or -7.');
    assert.equal(valueProblem('integer', '4.5', 'integer')?.args[0], '4.5');
    assert.deepEqual(valueProblem('integer', '2147483648', 'integer')?.args, ['2147483648', 'integer', '-2147483648', '2147483647']);
    assert.ok(valueProblem('smallint', '40000', 'smallint'));
    assert.equal(valueProblem('bigint', '9223372036854775807', 'bigint'), undefined);
    assert.ok(valueProblem('bigint', '9223372036854775808', 'bigint'));
  });

  it('numbers, booleans and UUIDs as PostgreSQL reads them, never more strictly', () => {
    for (const ok of ['3.14', '-.5', '1e-3', '7', 'NaN', '-Infinity', '1_000.5']) {
      assert.equal(valueProblem('number', ok, 'numeric'), undefined, ok);
    }
    assert.ok(valueProblem('number', '3,14', 'numeric'));
    for (const ok of ['t', 'TRUE', 'ye', 'no', 'on', 'off', 'of', '1', '0', ' false ']) {
      assert.equal(valueProblem('boolean', ok, 'boolean'), undefined, ok);
    }
    for (const bad of ['o', 'maybe', '2', '']) {
      assert.ok(valueProblem('boolean', bad, 'boolean'), bad);
    }
    assert.equal(valueProblem('uuid', '123e4567-e89b-12d3-a456-426614174000', 'uuid'), undefined);
    assert.equal(valueProblem('uuid', '{123e4567e89b12d3a456426614174000}', 'uuid'), undefined);
    assert.ok(valueProblem('uuid', '123e4567-e89b', 'uuid'));
  });

  it('checks each value of "in list", and not the text of contains or starts with', () => {
    assert.equal(filterProblem({ op: 'in', values: ['1', '2', 'x'] }, 'integer', 'integer')?.args[0], 'x');
    assert.equal(filterProblem({ op: 'contains', value: 'x' }, 'integer', 'integer'), undefined);
    assert.equal(filterProblem({ op: 'startsWith', value: 'x' }, 'integer', 'integer'), undefined);
    assert.equal(filterProblem({ op: 'isNull' }, 'integer', 'integer'), undefined);
    assert.ok(filterProblem({ op: 'gt', value: 'x' }, 'integer', 'integer'));
  });
});
