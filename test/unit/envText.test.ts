import * as assert from 'node:assert/strict';
import { dotenvLines } from '../../src/core/connections/envText';
import { readAsJupyter, readAsPythonDotenv } from '../../src/core/notebooks/dotenvReaders';

const value = (line: string): string => line.slice(line.indexOf('=') + 1);
const nothing = (): undefined => undefined;
const text = (lines: ReturnType<typeof dotenvLines>): string => ('text' in lines ? lines.text : assert.fail(`refused: ${JSON.stringify(lines.refused)}`));

describe('.env lines of a connection (Copy Environment Variables)', () => {
  it('leaves plain values bare: URLs, numbers, names', () => {
    assert.equal(text(dotenvLines([['U', 'https://dhis2.example.org/40']])), 'U=https://dhis2.example.org/40');
    assert.equal(text(dotenvLines([['P', '5432']])), 'P=5432');
    assert.equal(text(dotenvLines([['E', '']])), 'E=');
  });

  it('writes quotes, backslashes, newlines, # and $ so that python-dotenv and VS Code Jupyter both read them back exactly', () => {
    for (const written of ['pa ss"word$HOME', 'C:\\key', '{"private_key":"-----BEGIN KEY-----\\nMIIE"}', "it's # not a comment", 'line one\nline two', "p'w d#1 $HOME\\x"]) {
      const line = text(dotenvLines([['V', written]]));
      assert.equal(readAsPythonDotenv(value(line), nothing), written, `python-dotenv: ${line}`);
      assert.equal(readAsJupyter(value(line), nothing), written, `Jupyter: ${line}`);
    }
  });

  it('refuses, naming it, a value a reader would expand and a variable a program on this machine reads', () => {
    assert.deepEqual(dotenvLines([['OK', 'x'], ['TEMPLATE', 'a${HOME}b']]), { refused: { name: 'TEMPLATE', reason: 'expands' } });
    assert.deepEqual(dotenvLines([['PROMPT', 'CUSTOM'], ['PROMPT_COMMAND', 'id']]), { refused: { name: 'PROMPT', reason: 'reserved', readBy: 'shells (bash, sh, zsh)' } });
  });

  it('one NAME=value line per variable', () => {
    assert.equal(text(dotenvLines([['A', '1'], ['A_B', 'x']])), 'A=1\nA_B=x');
  });
});
