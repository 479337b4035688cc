import * as assert from 'node:assert/strict';
import { isTextType, neutralized } from '../../src/core/spreadsheetSafe';

describe('spreadsheet-safe cells (OWASP CSV injection), for exports and copies', () => {
  it('puts a leading quote before text that starts a formula, and leaves other text and NULL alone', () => {
    for (const formula of ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      assert.equal(neutralized(formula), `'${formula}`);
    }
    for (const plain of ['plain', 'a=b', ' =x', '']) {
      assert.equal(neutralized(plain), plain);
    }
    assert.equal(neutralized(null), null);
  });

  it('applies to text types only (domains by their base), never numbers, dates, JSON or arrays', () => {
    for (const text of ['text', 'character varying(20)', 'character(5)', 'name', 'public.citext', 'citext']) {
      assert.equal(isTextType(text), true, text);
    }
    for (const typed of ['integer', 'numeric', 'date', 'timestamp with time zone', 'jsonb', 'text[]', 'public.mood']) {
      assert.equal(isTextType(typed), false, typed);
    }
  });
});
