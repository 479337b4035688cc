/**
 * Which rows of a query result the grid asks for, and where an answer goes.
 * A result's rows are kept by the host in order (on disk), so positions are
 * exact and any page is reached directly: no cursors, no estimates. One
 * request at a time; while one is awaited, the latest need is remembered
 * and asked for after. No DOM and no messages: main.ts posts what this decides.
 */
import type { WindowPlace } from '../../grid/model/rowWindow';

/** Rows read around the view: enough for a screen and some scrolling both ways. */
export const PAGE_ROWS = 1_000;
const MARGIN = 200;
const MOST = 5_000;

export interface PageRequest {
  readonly requestId: number;
  readonly from: number;
  readonly count: number;
}

/** The result's size as the grid knows it: rows kept so far, and whether that is all. */
export interface ResultSize {
  readonly total: number;
  readonly complete: boolean;
}

interface Loaded {
  readonly start: number;
  readonly end: number;
}

export class ResultPages {
  private lastId = 0;
  private pending: { id: number; goTo?: 'start' | 'end' } | undefined;
  private wanted: { first: number; last: number } | undefined;

  /** A new result (or another statement's): nothing awaited. */
  reset(): void {
    this.pending = undefined;
    this.wanted = undefined;
  }

  /** The first page. */
  start(size: ResultSize): PageRequest | undefined {
    return size.total > 0 ? this.ask(0, PAGE_ROWS) : undefined;
  }

  /** Rows first..last are in view and the window lacks some (or is near its edge). */
  need(first: number, last: number, _loaded: Loaded, size: ResultSize): PageRequest | undefined {
    if (this.pending) {
      this.wanted = { first, last };
      return undefined;
    }
    const from = Math.max(0, Math.min(first - MARGIN, size.total - PAGE_ROWS));
    const count = Math.min(MOST, Math.max(PAGE_ROWS, last - first + 2 * MARGIN));
    return size.total > 0 ? this.ask(from, count) : undefined;
  }

  /** Ctrl+Home / Ctrl+End: the first or the last rows kept. */
  jump(to: 'start' | 'end', size: ResultSize): PageRequest | undefined {
    if (size.total === 0) {
      return undefined;
    }
    this.wanted = undefined;
    return to === 'start' ? this.ask(0, PAGE_ROWS, 'start') : this.ask(Math.max(0, size.total - PAGE_ROWS), PAGE_ROWS, 'end');
  }

  /** An answer came: where it goes (undefined when it answers a request since replaced). */
  answered(requestId: number, from: number, rows: number, size: ResultSize): { place: WindowPlace; goTo?: number } | undefined {
    if (this.pending?.id !== requestId) {
      return undefined;
    }
    const { goTo } = this.pending;
    this.pending = undefined;
    const place: WindowPlace = { start: from, exact: true, atStart: from === 0, atEnd: size.complete && from + rows >= size.total };
    return { place, ...(goTo === 'start' ? { goTo: 0 } : goTo === 'end' ? { goTo: Math.max(0, from + rows - 1) } : {}) };
  }

  /** After an answer: the need remembered meanwhile, if the window does not hold it. */
  afterAnswer(loaded: Loaded, size: ResultSize): PageRequest | undefined {
    const wanted = this.wanted;
    this.wanted = undefined;
    if (!wanted || (wanted.first >= loaded.start && Math.min(wanted.last, size.total - 1) < loaded.end)) {
      return undefined;
    }
    return this.need(wanted.first, wanted.last, loaded, size);
  }

  private ask(from: number, count: number, goTo?: 'start' | 'end'): PageRequest {
    this.lastId += 1;
    this.pending = { id: this.lastId, ...(goTo ? { goTo } : {}) };
    return { requestId: this.lastId, from, count };
  }
}
