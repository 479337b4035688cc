import * as assert from 'node:assert/strict';
import { graphqlSync, parse, validate } from 'graphql';
import { ALL_OPERATIONS, CAPABILITIES, TABLES, TABLES_BEFORE_2026_07 } from '../../src/openhexa/operations';
import { openHexaSchema, type SchemaShape } from '../fixtures/openhexa/openHexaSchema';

const SHAPES: SchemaShape[] = ['2026-06', '2026-08'];

/** What graphql-js says is wrong with a document on a schema (nothing: valid). */
function problems(document: string, shape: SchemaShape): string[] {
  return validate(openHexaSchema(shape), parse(document)).map((e) => e.message);
}

describe("the GraphQL the product sends to an OpenHEXA instance, against OpenHEXA's schema", () => {
  for (const shape of SHAPES) {
    it(`every document but the 2026-07 table list is valid on the ${shape} schema`, () => {
      for (const operation of ALL_OPERATIONS.filter((o) => o !== TABLES || shape === '2026-08')) {
        assert.deepEqual(problems(operation.document, shape), [], operation.name);
      }
    });
  }

  it('the one-query table list (withColumns, withCounts) is refused by the 2026-06 schema: an older instance gets the other document', () => {
    assert.match(problems(TABLES.document, '2026-06').join(' '), /Unknown argument "withColumns"/);
    assert.deepEqual(problems(TABLES_BEFORE_2026_07.document, '2026-06'), []);
  });

  it('each document is named as its operation (OpenHEXA logs the operationName)', () => {
    for (const operation of ALL_OPERATIONS) {
      assert.match(operation.document, new RegExp(`^(query|mutation) ${operation.name}\\b`));
    }
  });

  for (const shape of SHAPES) {
    it(`the capabilities introspection reads the ${shape} schema's table arguments as the product expects`, () => {
      const answer = graphqlSync({ schema: openHexaSchema(shape), source: CAPABILITIES.document });
      assert.equal(answer.errors, undefined);
      const data = CAPABILITIES.data.parse(answer.data);
      const args = data.database?.fields?.find((f) => f.name === 'tables')?.args.map((a) => a.name);
      assert.deepEqual(args, shape === '2026-08' ? ['page', 'perPage', 'withColumns', 'withCounts'] : ['page', 'perPage']);
    });
  }
});
