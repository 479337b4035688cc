// Charts drawn as OpenHEXA's Data Studio draws its SQL widgets.
import * as assert from 'node:assert/strict';
import { chartData, conventionChart, numberOf, suggestedChart } from '../../src/core/query/resultChart';

describe('charts of a result', () => {
  it("draws OpenHEXA's aliases as their chart, the first pair found in the order bar, line, pie, whatever else the result has", () => {
    assert.deepEqual(conventionChart(['id', 'bar_label', 'note', 'bar_quantity']), { kind: 'bar', label: 1, value: 3 });
    assert.deepEqual(conventionChart(['line_y', 'line_x']), { kind: 'line', label: 1, value: 0 });
    assert.deepEqual(conventionChart(['pie_quantity', 'pie_label', 'line_x', 'line_y']), { kind: 'line', label: 2, value: 3 });
    assert.equal(conventionChart(['bar_label', 'line_y', 'pie_label']), undefined);
    // Names as PostgreSQL returns them: a quoted "Bar_Label" is another name.
    assert.equal(conventionChart(['Bar_Label', 'bar_quantity']), undefined);
  });

  it('keeps the rows in the order of the query, at most 30 bars, and says how many are left out', () => {
    const rows = Array.from({ length: 45 }, (_, i) => [`d${i}`, String(45 - i)] as const);
    const data = chartData('bar', rows);
    assert.ok(data.drawn);
    assert.equal(data.points.length, 30);
    assert.deepEqual(data.points[0], { label: 'd0', value: 45 });
    assert.equal(data.hidden, 15);
  });

  it('reads numeric and bigint values given as text, leaves NULLs out, and draws nothing when a value is text', () => {
    assert.equal(numberOf('9223372036854775807'), 2 ** 63);
    assert.equal(numberOf('-1.5e3'), -1500);
    assert.equal(numberOf('NaN'), undefined);
    assert.equal(numberOf('12 cases'), undefined);
    const data = chartData('line', [['2026-01', '3'], ['2026-02', null], [null, '4']]);
    assert.deepEqual(data, { drawn: true, kind: 'line', points: [{ label: '2026-01', value: 3 }, { label: '—', value: 4 }], hidden: 0 });
    assert.deepEqual(chartData('bar', [['a', '1'], ['b', 'many']]), { drawn: false, reason: 'text values' });
    assert.deepEqual(chartData('bar', []), { drawn: false, reason: 'no rows' });
  });

  it('draws a pie of its first six positive slices, the rest folded into one, the non-positive left out', () => {
    const rows = [['a', '10'], ['z', '0'], ['b', '9'], ['c', '8'], ['n', '-2'], ['d', '7'], ['e', '6'], ['f', '5'], ['g', '4'], ['h', '3']] as const;
    const data = chartData('pie', rows);
    assert.ok(data.drawn);
    assert.deepEqual(data.points.map((p) => p.label), ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.equal(data.other, 7);
    assert.equal(data.hidden, 2);
  });

  it('offers any result of two columns or more as a bar chart of its first column by its first number', () => {
    assert.deepEqual(suggestedChart([{ name: 'district', type: 'text' }, { name: 'name', type: 'text' }, { name: 'n', type: 'bigint' }]), { kind: 'bar', label: 0, value: 2 });
    assert.deepEqual(suggestedChart([{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }]), { kind: 'bar', label: 0, value: 1 });
    assert.equal(suggestedChart([{ name: 'a', type: 'text' }]), undefined);
  });
});
