import * as assert from 'node:assert/strict';
import { LANDMARK_EVERY, RowWindow, type GridRow } from '../../../webview/grid/model/rowWindow';

/** Rows whose cursor is their position in the view, so that where a row landed can be read back. */
function rows(from: number, count: number): GridRow<number>[] {
  return Array.from({ length: count }, (_, i) => ({ cells: [String(from + i)], at: from + i }));
}

describe('the preview grid keeps a window of the rows of a large view', () => {
  it('starts at the first row, grows page by page, and knows the view ends when the last page says so', () => {
    const w = new RowWindow<number>();
    w.replace(rows(0, 500), { start: 0, exact: true, atStart: true, atEnd: false });
    w.append(rows(500, 2000), false);
    assert.deepEqual(w.loaded, { start: 0, end: 2500, rows: 2500, exact: true, atStart: true, atEnd: false });
    assert.equal(w.rowAt(2499)?.at, 2499);
    w.append(rows(2500, 10), true);
    assert.deepEqual(w.size, { total: 2510, exact: true }, 'read to the end from the start: the size is exact');
  });

  it('drops the rows farthest from where the user scrolls, past its capacity, and keeps positions', () => {
    const w = new RowWindow<number>(3000);
    w.replace(rows(0, 2000), { start: 0, exact: true, atStart: true, atEnd: false });
    w.append(rows(2000, 2000), false);
    assert.equal(w.loaded.rows, 3000);
    assert.equal(w.loaded.start, 1000);
    assert.equal(w.loaded.atStart, false);
    assert.equal(w.rowAt(1000)?.at, 1000);
    assert.equal(w.rowAt(999), undefined);
    assert.deepEqual(w.slice(3998, 4005).map((r) => r.at), [3998, 3999]);
  });

  it('after a jump by estimate, corrects every position once the view\'s start is read, and says by how much', () => {
    const w = new RowWindow<number>();
    // The estimate put the page at 5,000; it really starts at 4,900.
    w.replace(rows(4900, 100), { start: 5000, exact: false, atStart: false, atEnd: false });
    w.setTotal(1_000_000, false);
    assert.equal(w.loaded.exact, false);
    const moved = w.prepend(rows(0, 4900), true);
    assert.equal(moved, -100);
    assert.deepEqual(w.loaded, { start: 0, end: 5000, rows: 5000, exact: true, atStart: true, atEnd: false });
    assert.equal(w.rowAt(4950)?.at, 4950, 'each row is where it truly is');
  });

  it('once it ends the view and a count comes, positions follow from the count', () => {
    const w = new RowWindow<number>();
    w.replace(rows(990, 10), { start: 900, exact: false, atStart: false, atEnd: true });
    const moved = w.setTotal(1000, true);
    assert.equal(moved, 90);
    assert.equal(w.rowAt(999)?.at, 999);
    assert.deepEqual(w.size, { total: 1000, exact: true });
  });

  it('an estimate never replaces the size it knows from reading to the end', () => {
    const w = new RowWindow<number>();
    w.replace(rows(0, 42), { start: 0, exact: true, atStart: true, atEnd: true });
    w.setTotal(2000, false);
    assert.deepEqual(w.size, { total: 42, exact: true });
  });

  it('remembers a landmark every LANDMARK_EVERY rows at known positions only, to jump back to', () => {
    const w = new RowWindow<number>();
    w.replace(rows(0, 2500), { start: 0, exact: true, atStart: true, atEnd: false });
    assert.deepEqual(w.closestLandmark(2400), { position: 2 * LANDMARK_EVERY, at: 2000 });
    assert.deepEqual(w.closestLandmark(999), { position: 0, at: 0 });
    const estimated = new RowWindow<number>();
    estimated.replace(rows(3000, 2000), { start: 3000, exact: false, atStart: false, atEnd: false });
    assert.equal(estimated.closestLandmark(4500), undefined, 'an estimated position is no place to come back to');
  });

  it('asks for more when the view comes near an edge that is not the view\'s own', () => {
    const w = new RowWindow<number>();
    w.replace(rows(0, 2500), { start: 0, exact: true, atStart: true, atEnd: false });
    w.setTotal(1_000_000, false);
    assert.equal(w.needs(0, 40), false);
    assert.equal(w.needs(2300, 2340), true, 'near the end of the window');
    w.append(rows(2500, 10), true);
    assert.equal(w.needs(2470, 2509), false, 'the view ends there');
  });

  it('a new sort or filter empties it and forgets its landmarks', () => {
    const w = new RowWindow<number>();
    w.replace(rows(0, 2500), { start: 0, exact: true, atStart: true, atEnd: false });
    const before = w.generation;
    w.reset();
    assert.deepEqual(w.loaded, { start: 0, end: 0, rows: 0, exact: true, atStart: true, atEnd: false });
    assert.equal(w.closestLandmark(2400), undefined);
    assert.ok(w.generation > before, 'nothing drawn before is reused');
  });
});

describe('the preview grid\'s window of a view that matches nothing', () => {
  it('keeps 0 rows once the empty page said so, whatever the planner\'s estimate that comes after', () => {
    const w = new RowWindow<number>();
    w.replace([], { start: 0, exact: true, atStart: true, atEnd: true });
    w.setTotal(1, false);
    assert.deepEqual(w.size, { total: 0, exact: true }, 'no phantom row');
  });
});
