import * as assert from 'node:assert/strict';
import { FAR, PageRequests, placement } from '../../../webview/preview/model/pageRequests';

const window = (start: number, end: number, atStart = start === 0, atEnd = false) => ({ start, end, atStart, atEnd });

describe('the preview asks for one page at a time, and places each answer', () => {
  it('reads the next page when the view nears the end of what is loaded, the previous near its start, nothing in between', () => {
    const p = new PageRequests();
    assert.equal(p.next(0, 40, window(0, 500)), undefined);
    assert.deepEqual(p.next(420, 460, window(0, 500)), { kind: 'after' });
    assert.deepEqual(p.next(3010, 3050, window(3000, 5000)), { kind: 'before' });
    assert.equal(p.next(460, 499, window(0, 500, true, true)), undefined, 'at the view\'s end there is nothing after');
  });

  it('jumps when the view is far from the window (the scroll bar dragged), even while a page is awaited', () => {
    const p = new PageRequests();
    p.ask({ kind: 'after' });
    assert.equal(p.next(420, 460, window(0, 500)), undefined, 'one page at a time');
    const far = 500 + FAR + 10;
    assert.deepEqual(p.next(far, far + 40, window(0, 500)), { kind: 'jump', position: far });
    p.ask({ kind: 'jump', position: far });
    assert.equal(p.next(far + 100, far + 140, window(0, 500)), undefined, 'the jump awaited already goes there');
    assert.deepEqual(p.next(far * 3, far * 3 + 40, window(0, 500)), { kind: 'jump', position: far * 3 });
  });

  it('drops the answer to a request since replaced, and takes each answer once', () => {
    const p = new PageRequests();
    const first = p.ask({ kind: 'start' });
    const second = p.ask({ kind: 'end' });
    assert.equal(p.answered(first), undefined);
    assert.deepEqual(p.answered(second), { kind: 'end' });
    assert.equal(p.answered(second), undefined);
    assert.equal(p.waiting, undefined);
    p.ask({ kind: 'after' });
    p.forget();
    assert.equal(p.waiting, undefined);
  });

  it('the first page goes at the top, the last at the bottom of the view\'s known size', () => {
    assert.deepEqual(placement({ rows: 500, atStart: true, atEnd: false }, { kind: 'start' }, { total: 0, exact: false }), {
      how: 'replace', place: { start: 0, exact: true, atStart: true, atEnd: false }, goTo: 0,
    });
    assert.deepEqual(placement({ rows: 2000, atStart: false, atEnd: true }, { kind: 'end' }, { total: 1_000_000, exact: true }), {
      how: 'replace', place: { start: 998_000, exact: true, atStart: false, atEnd: true }, goTo: 'last',
    });
    assert.deepEqual(placement({ rows: 2000, atStart: false, atEnd: false }, { kind: 'after' }, { total: 9, exact: false }), { how: 'append', atEnd: false });
    assert.deepEqual(placement({ rows: 2000, atStart: true, atEnd: false }, { kind: 'before' }, { total: 9, exact: false }), { how: 'prepend', atStart: true });
  });

  it('a jump lands where the host says it got to, with a note when row numbers are estimates', () => {
    const jump = { kind: 'jump' as const, position: 500_000, landmark: 41_999 };
    const size = { total: 1_000_000, exact: false };
    assert.deepEqual(placement({ rows: 2000, atStart: false, atEnd: false, jumped: 'distribution', jumpColumn: 'id' }, jump, size), {
      how: 'replace', place: { start: 500_000, exact: false, atStart: false, atEnd: false }, note: { kind: 'distribution', row: 500_001, column: 'id' },
    });
    assert.deepEqual(placement({ rows: 2000, atStart: false, atEnd: false, jumped: 'offset' }, jump, size), {
      how: 'replace', place: { start: 500_000, exact: true, atStart: false, atEnd: false },
    });
    assert.deepEqual(placement({ rows: 2000, atStart: false, atEnd: false, jumped: 'landmark' }, jump, size), {
      how: 'replace', place: { start: 42_000, exact: true, atStart: false, atEnd: false }, goTo: 42_000, note: { kind: 'landmark', row: 42_001 },
    });
    assert.deepEqual(placement({ rows: 500, atStart: true, atEnd: false, jumped: 'start' }, jump, size), {
      how: 'replace', place: { start: 0, exact: true, atStart: true, atEnd: false }, goTo: 0, note: { kind: 'restart' },
    });
  });
});
