/**
 * The rows the grid holds: a window of at most WINDOW_ROWS rows of a view
 * that may have millions, where it sits in the view (counted from the first
 * row, or estimated after a jump), the view's size, and landmarks: every
 * LANDMARK_EVERY rows at a known position, the row's cursor, a place to
 * jump back to without statistics. No DOM: the grid draws what this holds.
 */

/** A row of the window: its cells, the columns cut for display, and where it sits (for the pages around it). */
export interface GridRow<C> {
  readonly cells: (string | null)[];
  readonly cut?: readonly number[];
  readonly at: C;
}

/** Where a page put in the window sits: from the view's first row, at its end, and whether its positions are known or estimated. */
export interface WindowPlace {
  /** Position of the first row given; estimated unless `exact`. */
  readonly start: number;
  readonly exact: boolean;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

/** The most rows the window keeps; rows far from the view are dropped and read again when needed. */
export const WINDOW_ROWS = 20_000;
/** Rows of margin kept loaded beyond the view before asking for the next page. */
export const NEAR_EDGE = 200;
/** Every this many rows, the window remembers where a row sits. */
export const LANDMARK_EVERY = 1_000;
const MAX_LANDMARKS = 4_096;

export class RowWindow<C> {
  private rows: GridRow<C>[] = [];
  /** Position of rows[0] in the view. */
  private start = 0;
  /** Positions are counted from the view's first row (else estimated from a jump). */
  private exact = true;
  private atStart = true;
  private atEnd = false;
  private total = 0;
  private totalExact = false;
  private readonly landmarks = new Map<number, C>();
  /** Bumped when rows are replaced or moved, so that nothing drawn from before is reused. */
  generation = 0;

  constructor(private readonly capacity = WINDOW_ROWS) {}

  /** Empty, at the top (a new sort or filter). */
  reset(): void {
    this.rows = [];
    this.start = 0;
    this.exact = true;
    this.atStart = true;
    this.atEnd = false;
    this.total = 0;
    this.totalExact = false;
    this.landmarks.clear();
    this.generation += 1;
  }

  /** The view's size: the estimate, an exact count, or what reading to the end showed. Returns how far positions moved (the window's place was corrected). */
  setTotal(rows: number, exact: boolean): number {
    if (this.atEnd && this.exact && !exact) {
      return 0; // Read to the end from a known start (an empty view too): that is exact, an estimate is not better.
    }
    let moved = 0;
    if (exact && this.atEnd && !this.exact) {
      // The window ends the view: its positions follow from the count.
      moved = this.shift(rows - (this.start + this.rows.length));
      this.exact = true;
    }
    this.total = Math.max(rows, this.start + this.rows.length);
    this.totalExact = exact || (this.atEnd && this.exact);
    return moved;
  }

  /** A page read from somewhere else in the view (the start, the end, a jump) replaces the window. */
  replace(rows: GridRow<C>[], place: WindowPlace): void {
    this.rows = rows;
    this.generation += 1;
    this.start = place.atStart ? 0 : Math.max(0, place.start);
    this.exact = place.exact || place.atStart;
    this.atStart = place.atStart || (this.start === 0 && this.exact);
    this.atEnd = place.atEnd;
    this.landmark(0, rows.length);
    this.afterChange();
  }

  /** The page after the window; the rows farthest before are dropped past the capacity. */
  append(rows: GridRow<C>[], atEnd: boolean): void {
    const from = this.rows.length;
    for (const row of rows) {
      this.rows.push(row);
    }
    this.atEnd = atEnd;
    this.landmark(from, this.rows.length);
    const over = this.rows.length - this.capacity;
    if (over > 0) {
      this.rows.splice(0, over);
      this.start += over;
      this.atStart = false;
      this.generation += 1;
    }
    this.afterChange();
  }

  /**
   * The page before the window; the rows farthest after are dropped past the
   * capacity. At the view's start, positions become exact: returns how far
   * they moved (the estimate put the window too low or too high).
   */
  prepend(rows: GridRow<C>[], atStart: boolean): number {
    this.rows = [...rows, ...this.rows];
    this.start -= rows.length;
    this.generation += 1;
    if (this.rows.length > this.capacity) {
      this.rows.length = this.capacity;
      this.atEnd = false;
    }
    let moved = 0;
    if (atStart || this.start < 0) {
      moved = this.shift(-this.start);
      this.exact ||= atStart;
      this.atStart = atStart;
    }
    this.landmark(0, rows.length);
    this.afterChange();
    return moved;
  }

  /** The window: where it starts and ends, and what is known of its place. */
  get loaded(): { start: number; end: number; rows: number; exact: boolean; atStart: boolean; atEnd: boolean } {
    return { start: this.start, end: this.start + this.rows.length, rows: this.rows.length, exact: this.exact, atStart: this.atStart, atEnd: this.atEnd };
  }

  /** The view's size, and whether it is exact. */
  get size(): { total: number; exact: boolean } {
    return { total: this.total, exact: this.totalExact };
  }

  rowAt(position: number): GridRow<C> | undefined {
    return this.rows[position - this.start];
  }

  /** The rows of positions r0 to r1 (inclusive) that the window holds. */
  slice(r0: number, r1: number): GridRow<C>[] {
    return this.rows.slice(Math.max(0, r0 - this.start), Math.max(0, r1 + 1 - this.start));
  }

  /** The closest remembered row at or before `position`, with exact positions only. */
  closestLandmark(position: number): { position: number; at: C } | undefined {
    let best: number | undefined;
    for (const p of this.landmarks.keys()) {
      if (p <= position && (best === undefined || p > best)) {
        best = p;
      }
    }
    return best === undefined ? undefined : { position: best, at: this.landmarks.get(best)! };
  }

  /** Rows first..last are in view: whether the window lacks some of them, or they come near an edge that is not the view's. */
  needs(firstVisible: number, lastVisible: number): boolean {
    if (this.rows.length === 0 || this.total === 0) {
      return false;
    }
    const end = this.start + this.rows.length;
    const lacking = firstVisible < this.start || lastVisible > end;
    const nearEnd = !this.atEnd && lastVisible > end - NEAR_EDGE;
    const nearStart = !this.atStart && firstVisible < this.start + NEAR_EDGE;
    return lacking || nearEnd || nearStart;
  }

  /** Moves every position by `by` rows; returns `by`. */
  private shift(by: number): number {
    if (by === 0) {
      return 0;
    }
    this.start += by;
    const marks = [...this.landmarks];
    this.landmarks.clear();
    for (const [p, at] of marks) {
      this.landmarks.set(p + by, at);
    }
    this.total = Math.max(0, this.total + by);
    this.generation += 1;
    return by;
  }

  private landmark(from: number, to: number): void {
    if (!this.exact) {
      return;
    }
    for (let i = from; i < to; i++) {
      const position = this.start + i;
      if (position % LANDMARK_EVERY === 0) {
        this.landmarks.set(position, this.rows[i]!.at);
      }
    }
    if (this.landmarks.size > MAX_LANDMARKS) {
      // Keep every other one: the spacing doubles, the reach stays.
      let keep = false;
      for (const p of [...this.landmarks.keys()].sort((a, b) => a - b)) {
        if (!(keep = !keep)) {
          this.landmarks.delete(p);
        }
      }
    }
  }

  private afterChange(): void {
    const end = this.start + this.rows.length;
    if (this.atEnd) {
      this.total = end;
      this.totalExact = this.exact;
    } else if (end > this.total) {
      this.total = end;
    }
  }
}
