import * as assert from 'node:assert/strict';
import { PAGE_ROWS, ResultPages } from '../../../webview/queryResults/model/resultPages';

describe('the pages a query result\'s grid asks for', () => {
  const streaming = { total: 10_000, complete: false };
  const done = { total: 10_000_000, complete: true };

  it('asks for the first page once rows are there, and nothing for an empty result', () => {
    const pages = new ResultPages();
    assert.equal(pages.start({ total: 0, complete: true }), undefined);
    assert.deepEqual(pages.start(streaming), { requestId: 1, from: 0, count: PAGE_ROWS });
  });

  it('Ctrl+End reads the last rows kept and puts the active row on the very last one, at the end only once the result is complete', () => {
    const pages = new ResultPages();
    const request = pages.jump('end', done)!;
    assert.equal(request.from, done.total - PAGE_ROWS);
    const placed = pages.answered(request.requestId, request.from, PAGE_ROWS, done)!;
    assert.deepEqual(placed, { place: { start: done.total - PAGE_ROWS, exact: true, atStart: false, atEnd: true }, goTo: done.total - 1 });
    const whileStreaming = pages.jump('end', streaming)!;
    assert.equal(pages.answered(whileStreaming.requestId, whileStreaming.from, PAGE_ROWS, streaming)!.place.atEnd, false);
  });

  it('one request at a time: a need meanwhile is asked after the answer, unless the answer covers it; a stale answer is dropped', () => {
    const pages = new ResultPages();
    const first = pages.need(5_000, 5_040, { start: 0, end: 0 }, done)!;
    assert.equal(first.from, 4_800);
    assert.equal(pages.need(9_000_000, 9_000_040, { start: 0, end: 0 }, done), undefined);
    assert.ok(pages.answered(first.requestId, first.from, first.count, done));
    const next = pages.afterAnswer({ start: 4_800, end: 5_800 }, done)!;
    assert.equal(next.from, 8_999_800);
    assert.equal(pages.answered(first.requestId, 0, 10, done), undefined, 'an answer to a replaced request');
    assert.ok(pages.answered(next.requestId, next.from, next.count, done));
    assert.equal(pages.need(10, 20, { start: 0, end: 0 }, done)!.from, 0);
    pages.need(100, 140, { start: 0, end: 0 }, done);
    assert.equal(pages.afterAnswer({ start: 0, end: 1_000 }, done), undefined, 'the window holds what was wanted');
  });

  it('never asks beyond the rows kept, nor more than a bounded page however tall the view', () => {
    const pages = new ResultPages();
    const request = pages.need(9_950, 9_999, { start: 0, end: 0 }, streaming)!;
    assert.ok(request.from + request.count >= 9_999 && request.from <= 9_950);
    pages.reset();
    assert.ok(pages.need(0, 1_000_000, { start: 0, end: 0 }, done)!.count <= 5_000);
  });
});
