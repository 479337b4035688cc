import * as assert from 'node:assert/strict';
import { toTsv } from '../../src/core/tsv';

describe('TSV for the clipboard', () => {
  it('pastes into a spreadsheet cell by cell: tabs, newlines and quotes quoted, NULL empty', () => {
    assert.equal(toTsv([['a', 'b\tc', null], ['say "hi"', 'two\nlines', 'é']]), 'a\t"b\tc"\t\n"say ""hi"""\t"two\nlines"\té');
  });
});
