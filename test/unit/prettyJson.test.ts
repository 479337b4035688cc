import * as assert from 'node:assert/strict';
import { prettyJson } from '../../src/core/prettyJson';

describe('prettyJson: indented JSON without losing what JSON.parse would lose', () => {
  it('keeps big numbers, key order and duplicate keys exactly', () => {
    assert.equal(prettyJson('{"b":12345678901234567890.10,"a":1,"a":[]}'), '{\n  "b": 12345678901234567890.10,\n  "a": 1,\n  "a": []\n}');
  });

  it('leaves strings alone, escaped quotes, braces and commas inside them included', () => {
    assert.equal(prettyJson('["x, {\\"y\\"}: ]", {}]'), '[\n  "x, {\\"y\\"}: ]",\n  {}\n]');
  });

  it('returns text that is not JSON unchanged', () => {
    assert.equal(prettyJson('{"open": [1, 2'), '{"open": [1, 2');
    assert.equal(prettyJson('"unterminated'), '"unterminated');
  });
});
