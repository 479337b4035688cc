import { h } from '../shared/dom';
import { ScrollMap } from './scrollMap';

/**
 * Our own virtualized grid over a window of rows: the scroll area stands for
 * the whole view (its size from the estimate, corrected when the end is
 * read), the grid holds at most WINDOW_ROWS rows around what is shown, and
 * only the rows in view (plus a few) are in the DOM, rebuilt on each
 * animation frame that scrolled. Rows outside the window show as pending
 * while the page that holds them is read. A header that stays on top, row
 * numbers that stay on the left, a rectangular selection, and the keyboard
 * of a spreadsheet.
 */
export interface GridColumn {
  readonly name: string;
  readonly type: string;
  /** Text a spreadsheet could read as a formula (what a copy may neutralise). */
  readonly text?: boolean;
}

export interface GridSort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

/** A row of the window: its cells, the columns cut for display, and where it sits (for the pages around it). */
export interface GridRow<C> {
  readonly cells: (string | null)[];
  readonly cut?: readonly number[];
  readonly at: C;
}

export interface GridCallbacks {
  /** Rows `first` to `last` (exclusive) are in view: the window lacks some, or is near its edge. */
  need(first: number, last: number): void;
  /** Ctrl+Home / Ctrl+End with the table's start or end not in the window. */
  jump(to: 'start' | 'end'): void;
  sort(column: string): void;
  open(row: number, column: number): void;
  /** Cells to copy, by row, the first of each row being column `firstColumn`. */
  copy(rows: readonly (readonly (string | null)[])[], firstColumn: number): void;
  t(text: string): string;
}

const ROW_HEIGHT = 22;
const OVERSCAN = 12;
/** Rows of margin kept loaded beyond the view before asking for the next page. */
export const NEAR_EDGE = 200;
const ROWNUM_WIDTH = 80;
/** The most rows the grid keeps; rows far from the view are dropped and read again when needed. */
export const WINDOW_ROWS = 20_000;
/** Below Chromium's cap on an element's height, with room to spare. */
const MAX_SCROLL_PX = 16_000_000;
/** Every this many rows, the grid remembers where a row sits (a place to jump from without statistics). */
const LANDMARK_EVERY = 1_000;
const MAX_LANDMARKS = 4_096;

interface Cell {
  r: number;
  c: number;
}

const NUMERIC = /^(smallint|integer|bigint|numeric|real|double precision|oid|money)\b/;

function isNumeric(type: string): boolean {
  return NUMERIC.test(type) && !type.endsWith('[]');
}

function baseWidth(column: GridColumn): number {
  const header = Math.max(column.name.length, column.type.length) * 7.5 + 36;
  const byType = isNumeric(column.type) ? 90 : /^(boolean)$/.test(column.type) ? 70 : /^timestamp|^date|^time/.test(column.type) ? 190 : 140;
  return Math.min(360, Math.max(header, byType));
}

/** Where the window sits: from the table's first row, at its end, and whether its positions are known or estimated. */
export interface WindowPlace {
  /** Position of the first row given; estimated unless `exact`. */
  readonly start: number;
  readonly exact: boolean;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

export class Grid<C> {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly layer: HTMLElement;
  private columns: GridColumn[] = [];
  private widths: number[] = [];
  private offsets: number[] = [];
  private window: GridRow<C>[] = [];
  /** Position of window[0] in the view. */
  private start = 0;
  /** Positions are counted from the view's first row (else estimated from a jump). */
  private exact = true;
  private atStart = true;
  private atEnd = false;
  private total = 0;
  private totalExact = false;
  private readonly map = new ScrollMap(ROW_HEIGHT, MAX_SCROLL_PX);
  private readonly landmarks = new Map<number, C>();
  private sort: GridSort | undefined;
  private anchor: Cell = { r: 0, c: 0 };
  private active: Cell = { r: 0, c: 0 };
  private frame = 0;
  private dragging = false;
  private footer = '';
  private fitted = false;
  private numeric: boolean[] = [];
  private readonly rendered = new Map<number, HTMLElement>();
  private renderedKey = '';
  /** Bumped when the window's rows are replaced or moved, so no row from before is reused. */
  private generation = 0;
  private readonly footerRow: HTMLElement;
  private styleKey = '';
  private lastWheel = 0;
  private settle: ReturnType<typeof setTimeout> | undefined;
  /** A scrollTop the grid set itself: its scroll event is not the user's. */
  private ownScroll: number | undefined;

  constructor(private readonly callbacks: GridCallbacks) {
    this.header = h('div', { class: 'grid-header', role: 'row', 'aria-rowindex': '1' });
    this.layer = h('div', { class: 'grid-layer', role: 'rowgroup' });
    this.footerRow = h('div', { class: 'grid-row grid-footer', role: 'presentation', hidden: true });
    this.body = h('div', { class: 'grid-body' }, this.layer, this.footerRow);
    this.element = h('div', { class: 'grid', role: 'grid', tabindex: '0', 'aria-multiselectable': 'true' }, this.header, this.body);
    this.element.addEventListener(
      'scroll',
      () => {
        // Columns scrolled under the sticky row numbers: the shadow says they are covered, not cut.
        this.element.classList.toggle('scrolled-x', this.element.scrollLeft > 0);
        const top = this.element.scrollTop;
        if (this.ownScroll === undefined || Math.abs(top - this.ownScroll) > 1) {
          const byWheel = performance.now() - this.lastWheel < 250;
          this.map.scrolled(top, this.viewport(), byWheel);
          if (byWheel && this.map.scaled) {
            // Once the wheel rests, the thumb goes back to where the row is in proportion, leaving room both ways.
            clearTimeout(this.settle);
            this.settle = setTimeout(() => this.scrollTo(this.map.rowAt(this.element.scrollTop)), 200);
          }
        }
        this.ownScroll = undefined;
        this.schedule();
      },
      { passive: true },
    );
    this.element.addEventListener('wheel', () => (this.lastWheel = performance.now()), { passive: true });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.layer.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.layer.addEventListener('mousemove', (e) => this.onMouseMove(e));
    window.addEventListener('mouseup', () => (this.dragging = false));
    this.layer.addEventListener('dblclick', (e) => {
      const cell = this.cellAt(e);
      if (cell) {
        this.callbacks.open(cell.r, cell.c);
      }
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  setColumns(columns: GridColumn[]): void {
    this.columns = columns;
    this.numeric = columns.map((c) => isNumeric(c.type));
    this.widths = columns.map(baseWidth);
    this.layout();
    this.renderHeader();
  }

  setSort(sort: GridSort | undefined): void {
    this.sort = sort;
    // The sorted header also says where NULLs go: make room for it.
    const c = this.columns.findIndex((column) => column.name === sort?.column);
    if (c >= 0) {
      const needed = (this.columns[c]!.type.length + ' · NULLS FIRST'.length) * 6.6 + 24;
      this.widths[c] = Math.max(this.widths[c]!, Math.min(420, needed));
      this.layout();
    }
    this.renderHeader();
    this.schedule();
  }

  /** Empties the grid (a new sort or filter) and goes back to the top. */
  reset(): void {
    this.window = [];
    this.start = 0;
    this.exact = true;
    this.atStart = true;
    this.atEnd = false;
    this.landmarks.clear();
    this.generation += 1;
    this.anchor = { r: 0, c: this.active.c };
    this.active = { ...this.anchor };
    this.setTotal(0, false);
    this.scrollTo(0);
    this.schedule();
  }

  /** The view's size: the estimate, an exact count, or what reading to the end showed. */
  setTotal(rows: number, exact: boolean): void {
    if (this.atEnd && this.exact && this.window.length > 0 && !exact) {
      return; // Read to the end from a known start: that is exact, an estimate is not better.
    }
    if (exact && this.atEnd && !this.exact) {
      // The window ends the view: its positions follow from the count.
      this.shift(rows - (this.start + this.window.length));
      this.exact = true;
    }
    this.total = Math.max(rows, this.start + this.window.length);
    this.totalExact = exact || (this.atEnd && this.exact);
    this.resize();
  }

  /** Puts a page read from somewhere else in the view (the start, the end, a jump). */
  replace(rows: GridRow<C>[], place: WindowPlace): void {
    this.fit(rows);
    this.window = rows;
    this.generation += 1;
    this.start = place.atStart ? 0 : Math.max(0, place.start);
    this.exact = place.exact || place.atStart;
    this.atStart = place.atStart || this.start === 0 && this.exact;
    this.atEnd = place.atEnd;
    this.landmark(0, rows.length);
    this.afterChange();
  }

  /** The page after the window. */
  append(rows: GridRow<C>[], atEnd: boolean): void {
    this.fit(rows);
    const from = this.window.length;
    for (const row of rows) {
      this.window.push(row);
    }
    this.atEnd = atEnd;
    this.landmark(from, this.window.length);
    const over = this.window.length - WINDOW_ROWS;
    if (over > 0) {
      this.window.splice(0, over);
      this.start += over;
      this.atStart = false;
      this.generation += 1;
    }
    this.afterChange();
  }

  /** The page before the window; at the view's start, positions become exact. */
  prepend(rows: GridRow<C>[], atStart: boolean): void {
    this.window = [...rows, ...this.window];
    this.start -= rows.length;
    this.generation += 1;
    const over = this.window.length - WINDOW_ROWS;
    if (over > 0) {
      this.window.length = WINDOW_ROWS;
      this.atEnd = false;
    }
    if (atStart || this.start < 0) {
      // The estimate put the window too low (or too high): move it, and the view with it.
      const moved = -this.start;
      this.shift(moved);
      this.scrollTo(this.map.rowAt(this.element.scrollTop) + moved);
      this.exact ||= atStart;
      this.atStart = atStart;
    }
    this.landmark(0, rows.length);
    this.afterChange();
  }

  /** A line under the last row: "Loading…", "End of the table", or nothing. */
  setFooter(text: string): void {
    this.footer = text;
    this.resize();
  }

  /** The window: where it starts, its rows, and what is known of its place. */
  get loaded(): { start: number; end: number; rows: number; exact: boolean; atStart: boolean; atEnd: boolean } {
    return { start: this.start, end: this.start + this.window.length, rows: this.window.length, exact: this.exact, atStart: this.atStart, atEnd: this.atEnd };
  }

  get rows(): { total: number; exact: boolean } {
    return { total: this.total, exact: this.totalExact };
  }

  rowAt(position: number): GridRow<C> | undefined {
    return this.window[position - this.start];
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

  get activeCell(): Cell {
    return { ...this.active };
  }

  /** Moves the active cell to a row (and scrolls it into view). */
  goTo(position: number): void {
    this.moveTo(position, this.active.c, false);
  }

  /** The selected rectangle as TSV (what Ctrl+C copies); rows not in the window are not copied. */
  copySelection(): void {
    const [r0, r1, c0, c1] = this.rect();
    const picked = this.loadedRows(r0, r1).map((row) => row.cells.slice(c0, c1 + 1));
    if (picked.length > 0) {
      this.callbacks.copy(picked, c0);
    }
  }

  copyCell(): void {
    const value = this.rowAt(this.active.r)?.cells[this.active.c];
    if (value !== undefined) {
      this.callbacks.copy([[value]], this.active.c);
    }
  }

  /** Every column of the selected rows. */
  copyRows(): void {
    const [r0, r1] = this.rect();
    const picked = this.loadedRows(r0, r1).map((row) => row.cells);
    if (picked.length > 0) {
      this.callbacks.copy(picked, 0);
    }
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  private loadedRows(r0: number, r1: number): GridRow<C>[] {
    return this.window.slice(Math.max(0, r0 - this.start), Math.max(0, r1 + 1 - this.start));
  }

  /** Moves every position by `by` rows (the window's place was corrected). */
  private shift(by: number): void {
    if (by === 0) {
      return;
    }
    this.start += by;
    this.active = { ...this.active, r: this.active.r + by };
    this.anchor = { ...this.anchor, r: this.anchor.r + by };
    const marks = [...this.landmarks];
    this.landmarks.clear();
    for (const [p, at] of marks) {
      this.landmarks.set(p + by, at);
    }
    this.total = Math.max(0, this.total + by);
    this.generation += 1;
  }

  private landmark(from: number, to: number): void {
    if (!this.exact) {
      return;
    }
    for (let i = from; i < to; i++) {
      const position = this.start + i;
      if (position % LANDMARK_EVERY === 0) {
        this.landmarks.set(position, this.window[i]!.at);
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
    const end = this.start + this.window.length;
    if (this.atEnd) {
      this.total = end;
      this.totalExact = this.exact;
    } else if (end > this.total) {
      this.total = end;
    }
    this.resize();
  }

  private fit(rows: GridRow<C>[]): void {
    if (!this.fitted && rows.length > 0) {
      // Once: later pages and new sorts keep the widths the user has seen.
      this.fitted = true;
      this.fitWidths(rows);
    }
  }

  private viewport(): number {
    return Math.max(ROW_HEIGHT, this.element.clientHeight - this.header.offsetHeight);
  }

  private resize(): void {
    const top = this.map.rowAt(this.element.scrollTop);
    const scrollTop = this.map.setRows(this.total, this.element.scrollTop, this.viewport());
    this.layout();
    if (Math.abs(scrollTop - this.element.scrollTop) > 1 && top > 0) {
      this.setScrollTop(scrollTop);
    }
    this.schedule();
  }

  private scrollTo(row: number): void {
    this.setScrollTop(this.map.scrollFor(Math.max(0, row), this.viewport()));
  }

  private setScrollTop(px: number): void {
    this.ownScroll = px;
    this.element.scrollTop = px;
  }

  private rect(): [number, number, number, number] {
    return [Math.min(this.anchor.r, this.active.r), Math.max(this.anchor.r, this.active.r), Math.min(this.anchor.c, this.active.c), Math.max(this.anchor.c, this.active.c)];
  }

  /** Widens columns to what the first page holds, within limits. */
  private fitWidths(rows: GridRow<C>[]): void {
    const sample = rows.slice(0, 200);
    this.widths = this.columns.map((column, c) => {
      const longest = sample.reduce((max, row) => Math.max(max, Math.min(60, row.cells[c]?.length ?? 4)), 0);
      return Math.max(this.widths[c] ?? 0, Math.min(420, Math.max(baseWidth(column), longest * 7.2 + 20)));
    });
    this.renderHeader();
  }

  private layout(): void {
    let x = ROWNUM_WIDTH;
    this.offsets = this.widths.map((w) => {
      const at = x;
      x += w;
      return at;
    });
    const template = `${ROWNUM_WIDTH}px ${this.widths.map((w) => `${w}px`).join(' ')}`;
    const height = this.map.height + (this.footer ? ROW_HEIGHT : 0);
    // Writing a custom property restyles every row: only when something changed.
    const styleKey = `${template}|${height}`;
    if (styleKey === this.styleKey) {
      return;
    }
    if (!this.styleKey.startsWith(`${template}|`)) {
      this.element.style.setProperty('--grid-columns', template);
      this.element.style.setProperty('--grid-width', `${x}px`);
    }
    this.styleKey = styleKey;
    this.body.style.height = `${height}px`;
    this.element.setAttribute('aria-rowcount', String(this.total + 1));
    this.element.setAttribute('aria-colcount', String(this.columns.length + 1));
  }

  private renderHeader(): void {
    const cells = this.columns.map((column, c) => {
      const sorted = this.sort?.column === column.name ? this.sort.direction : undefined;
      const arrow = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '';
      const nulls = sorted === 'asc' ? this.callbacks.t('Sorted ascending, NULLs last') : sorted === 'desc' ? this.callbacks.t('Sorted descending, NULLs first') : '';
      const el = h(
        'div',
        {
          class: `grid-th${isNumeric(column.type) ? ' num' : ''}${sorted ? ' sorted' : ''}`,
          role: 'columnheader',
          'aria-colindex': String(c + 2),
          'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none',
          title: `${column.name} (${column.type})\n${nulls || this.callbacks.t('Click to sort; click again to reverse; a third time to unsort')}`,
          'data-column': column.name,
        },
        h('span', { class: 'th-name' }, column.name, arrow ? h('span', { class: 'th-sort', 'aria-hidden': 'true' }, ` ${arrow}`) : ''),
        h('span', { class: 'th-type' }, sorted ? `${column.type} · ${sorted === 'asc' ? 'NULLS LAST' : 'NULLS FIRST'}` : column.type),
      );
      el.addEventListener('click', () => this.callbacks.sort(column.name));
      return el;
    });
    this.header.replaceChildren(h('div', { class: 'grid-th grid-corner', role: 'columnheader', 'aria-colindex': '1' }, '#'), ...cells);
  }

  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private visibleRows(): number {
    return Math.max(1, Math.floor(this.viewport() / ROW_HEIGHT));
  }

  /**
   * Keeps the rendered rows that are still in view and builds only the ones
   * that scrolled in, so a wheel step touches a few rows, not the screen.
   * A change of selection, of the window or of the scroll map rebuilds them.
   */
  private render(): void {
    this.layout();
    const scrollTop = this.element.scrollTop;
    const top = Math.max(0, this.map.rowAt(scrollTop));
    const firstVisible = Math.min(this.total, Math.floor(top));
    const lastVisible = Math.min(this.total, Math.ceil(top + this.viewport() / ROW_HEIGHT));
    const first = Math.max(0, firstVisible - OVERSCAN);
    const last = Math.min(this.total, lastVisible + OVERSCAN);
    const rect = this.rect();
    const key = `${rect.join(',')}|${this.active.r},${this.active.c}|${this.generation}|${this.map.version}|${this.exact}`;
    if (key !== this.renderedKey) {
      this.renderedKey = key;
      for (const el of this.rendered.values()) {
        el.remove();
      }
      this.rendered.clear();
    }
    for (const [r, el] of this.rendered) {
      // A pending row is built again once its data is there.
      if (r < first || r >= last || (el.classList.contains('pending') && this.rowAt(r))) {
        el.remove();
        this.rendered.delete(r);
      }
    }
    const added = document.createDocumentFragment();
    for (let r = first; r < last; r++) {
      if (!this.rendered.has(r)) {
        const el = this.rowElement(r, rect);
        this.rendered.set(r, el);
        added.append(el);
      }
    }
    this.layer.append(added);
    const showFooter = this.footer !== '' && last >= this.total;
    this.footerRow.hidden = !showFooter;
    if (showFooter) {
      this.footerRow.textContent = this.footer;
      this.footerRow.style.transform = `translateY(${this.map.pixelOf(this.total)}px)`;
    }
    if (this.rowAt(this.active.r)) {
      this.element.setAttribute('aria-activedescendant', `cell-${this.active.r}-${this.active.c}`);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
    const end = this.start + this.window.length;
    const lacking = firstVisible < this.start || lastVisible > end;
    const nearEnd = !this.atEnd && lastVisible > end - NEAR_EDGE;
    const nearStart = !this.atStart && firstVisible < this.start + NEAR_EDGE;
    if (this.window.length > 0 && this.total > 0 && (lacking || nearEnd || nearStart)) {
      this.callbacks.need(firstVisible, Math.max(firstVisible + 1, lastVisible));
    }
  }

  private rowElement(r: number, [r0, r1, c0, c1]: [number, number, number, number]): HTMLElement {
    const row = this.rowAt(r);
    const el = h('div', { class: `grid-row${r % 2 ? ' odd' : ''}${row ? '' : ' pending'}`, role: 'row', 'aria-rowindex': String(r + 2) });
    el.style.transform = `translateY(${this.map.pixelOf(r)}px)`;
    const number = this.exact ? String(r + 1) : `≈${r + 1}`;
    el.append(h('div', { class: 'grid-rownum', role: 'rowheader', title: this.exact ? '' : this.callbacks.t('Row number estimated: reached by a jump') }, number));
    if (!row) {
      el.append(h('div', { class: 'grid-td pending-cell', role: 'gridcell', 'aria-busy': 'true' }, '…'));
      return el;
    }
    for (let c = 0; c < this.columns.length; c++) {
      const value = row.cells[c] ?? null;
      const selected = r >= r0 && r <= r1 && c >= c0 && c <= c1;
      const isActive = r === this.active.r && c === this.active.c;
      const cell = h('div', {
        class: `grid-td${this.numeric[c] ? ' num' : ''}${selected ? ' selected' : ''}${isActive ? ' active' : ''}${value === null ? ' null' : ''}`,
        role: 'gridcell',
        id: `cell-${r}-${c}`,
        'aria-colindex': String(c + 2),
        'aria-selected': selected ? 'true' : 'false',
        'data-r': String(r),
        'data-c': String(c),
      });
      cell.textContent = value === null ? 'NULL' : value.replace(/\r?\n/g, ' ⏎ ');
      if (row.cut?.includes(c)) {
        cell.append(h('span', { class: 'cut', title: this.callbacks.t('Value cut for display: open it to see all of it') }, '…'));
      }
      el.append(cell);
    }
    return el;
  }

  private cellAt(e: MouseEvent): Cell | undefined {
    const target = (e.target as HTMLElement).closest<HTMLElement>('.grid-td');
    if (!target || target.dataset.r === undefined) {
      return undefined;
    }
    return { r: Number(target.dataset.r), c: Number(target.dataset.c) };
  }

  private onMouseDown(e: MouseEvent): void {
    const cell = this.cellAt(e);
    if (!cell || e.button !== 0) {
      return;
    }
    this.active = cell;
    if (!e.shiftKey) {
      this.anchor = { ...cell };
    }
    this.dragging = true;
    this.focus();
    this.schedule();
  }

  private onMouseMove(e: MouseEvent): void {
    if (!this.dragging) {
      return;
    }
    const cell = this.cellAt(e);
    if (cell && (cell.r !== this.active.r || cell.c !== this.active.c)) {
      this.active = cell;
      this.schedule();
    }
  }

  private moveTo(r: number, c: number, extend: boolean): void {
    this.active = { r: Math.max(0, Math.min(this.total - 1, r)), c: Math.max(0, Math.min(this.columns.length - 1, c)) };
    if (!extend) {
      this.anchor = { ...this.active };
    }
    this.scrollIntoView();
    this.schedule();
  }

  private scrollIntoView(): void {
    const top = this.map.rowAt(this.element.scrollTop);
    const visible = this.visibleRows();
    if (this.active.r < top) {
      this.scrollTo(this.active.r);
    } else if (this.active.r + 1 > top + visible) {
      this.scrollTo(this.active.r + 1 - visible);
    }
    const left = this.offsets[this.active.c] ?? 0;
    const width = this.widths[this.active.c] ?? 0;
    if (left - ROWNUM_WIDTH < this.element.scrollLeft) {
      this.element.scrollLeft = left - ROWNUM_WIDTH;
    } else if (left + width > this.element.scrollLeft + this.element.clientWidth) {
      this.element.scrollLeft = left + width - this.element.clientWidth;
    }
  }

  /** Ctrl+Home / Ctrl+End: the true start or end, read if the window does not hold it. */
  private toEdge(to: 'start' | 'end', c: number, extend: boolean): void {
    const held = to === 'start' ? this.atStart && this.exact : this.atEnd;
    if (held || extend) {
      this.moveTo(to === 'start' ? 0 : this.total - 1, c, extend);
    } else {
      this.callbacks.jump(to);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (this.total === 0) {
      return;
    }
    const mod = e.ctrlKey || e.metaKey;
    const { r, c } = this.active;
    const page = this.visibleRows();
    const handled = ((): boolean => {
      switch (e.key) {
        case 'ArrowDown':
          if (mod) {
            this.toEdge('end', c, e.shiftKey);
          } else {
            this.moveTo(r + 1, c, e.shiftKey);
          }
          return true;
        case 'ArrowUp':
          if (mod) {
            this.toEdge('start', c, e.shiftKey);
          } else {
            this.moveTo(r - 1, c, e.shiftKey);
          }
          return true;
        case 'ArrowRight':
          this.moveTo(r, mod ? this.columns.length - 1 : c + 1, e.shiftKey);
          return true;
        case 'ArrowLeft':
          this.moveTo(r, mod ? 0 : c - 1, e.shiftKey);
          return true;
        case 'PageDown':
          this.moveTo(r + page, c, e.shiftKey);
          return true;
        case 'PageUp':
          this.moveTo(r - page, c, e.shiftKey);
          return true;
        case 'Home':
          if (mod) {
            this.toEdge('start', 0, e.shiftKey);
          } else {
            this.moveTo(r, 0, e.shiftKey);
          }
          return true;
        case 'End':
          if (mod) {
            this.toEdge('end', c, e.shiftKey);
          } else {
            this.moveTo(r, this.columns.length - 1, e.shiftKey);
          }
          return true;
        case 'Enter':
          this.callbacks.open(r, c);
          return true;
        case 'c':
        case 'C':
          if (mod) {
            this.copySelection();
            return true;
          }
          return false;
        case 'a':
          if (mod) {
            // Everything the grid holds.
            this.anchor = { r: this.start, c: 0 };
            this.active = { r: this.start + this.window.length - 1, c: this.columns.length - 1 };
            this.schedule();
            return true;
          }
          return false;
        default:
          return false;
      }
    })();
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }
}
