import * as assert from 'node:assert/strict';
import { dotenvLines, dotenvValue } from '../../src/core/connections/envText';

describe('.env lines of a connection (Copy Environment Variables)', () => {
  it('leaves plain values bare: URLs, numbers, names', () => {
    assert.equal(dotenvValue('https://dhis2.example.org/40'), 'https://dhis2.example.org/40');
    assert.equal(dotenvValue('5432'), '5432');
    assert.equal(dotenvValue(''), '');
  });

  it('quotes the rest, escaping what python-dotenv and VS Code Jupyter would change: quotes, backslashes, newlines, $', () => {
    assert.equal(dotenvValue('pa ss"word$HOME'), '"pa ss\\"word\\$HOME"');
    assert.equal(dotenvValue('C:\\key'), '"C:\\\\key"');
    assert.equal(dotenvValue('{"private_key": "-----BEGIN\nKEY"}'), '"{\\"private_key\\": \\"-----BEGIN\\nKEY\\"}"');
    assert.equal(dotenvValue("it's # not a comment"), '"it\'s # not a comment"');
  });

  it('one NAME=value line per variable', () => {
    assert.equal(dotenvLines([['A', '1'], ['A_B', 'x y']]), 'A=1\nA_B="x y"');
  });
});
