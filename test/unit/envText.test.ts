import * as assert from 'node:assert/strict';
import { dotenvLines } from '../../src/core/connections/envText';
import { readAsJupyter, readAsPythonDotenv } from '../../src/core/notebooks/dotenvReaders';

const value = (line: string): string => line.slice(line.indexOf('=') + 1);
const nothing = (): undefined => undefined;

describe('.env lines of a connection (Copy Environment Variables)', () => {
  it('leaves plain values bare: URLs, numbers, names', () => {
    assert.equal(dotenvLines([['U', 'https://dhis2.example.org/40']]).text, 'U=https://dhis2.example.org/40');
    assert.equal(dotenvLines([['P', '5432']]).text, 'P=5432');
    assert.equal(dotenvLines([['E', '']]).text, 'E=');
  });

  it('writes quotes, backslashes, newlines, # and $ so that python-dotenv and VS Code Jupyter both read them back exactly', () => {
    for (const written of ['pa ss"word$HOME', 'C:\\key', '{"private_key": "-----BEGIN\\nKEY"}', "it's # not a comment", 'line one\nline two']) {
      const { text, misread } = dotenvLines([['V', written]]);
      assert.deepEqual(misread, [], written);
      assert.equal(readAsPythonDotenv(value(text), nothing), written, `python-dotenv: ${text}`);
      assert.equal(readAsJupyter(value(text), nothing), written, `Jupyter: ${text}`);
    }
  });

  it('names the variables no text holds for both readers', () => {
    assert.deepEqual(dotenvLines([['OK', 'x'], ['TEMPLATE', 'a${HOME}b']]).misread, ['TEMPLATE']);
  });

  it('one NAME=value line per variable', () => {
    assert.equal(dotenvLines([['A', '1'], ['A_B', 'x']]).text, 'A=1\nA_B=x');
  });
});
