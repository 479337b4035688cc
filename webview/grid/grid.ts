import { h } from '../shared/dom';
import { GridSelection, keyAction, type Cell, type Rect } from './model/gridSelection';
import { RowWindow, type GridRow, type WindowPlace } from './model/rowWindow';
import { ScrollMap } from './model/scrollMap';

export { WINDOW_ROWS, type GridRow } from './model/rowWindow';

/**
 * Our own virtualized grid over a window of rows (model/rowWindow): the
 * scroll area stands for the whole view (model/scrollMap), and only the rows
 * in view (plus a few) are in the DOM. Row elements are kept and refilled as
 * rows scroll in, never rebuilt: a wheel step changes a few rows' text and
 * position, not the page's structure. Rows outside the window show as
 * pending while the page that holds them is read. A header that stays on
 * top, row numbers that stay on the left, a rectangular selection
 * (model/gridSelection), and the keyboard of a spreadsheet.
 */
export interface GridColumn {
  readonly name: string;
  readonly type: string;
  /** Text a spreadsheet could read as a formula (what a copy may neutralise). */
  readonly text?: boolean;
  /** May hold NULLs: a sort on it says where they go (left out: may). */
  readonly nullable?: boolean;
}

export interface GridSort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
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
const ROWNUM_WIDTH = 80;
/** Below Chromium's cap on an element's height, with room to spare. */
const MAX_SCROLL_PX = 16_000_000;

const NUMERIC = /^(smallint|integer|bigint|numeric|real|double precision|oid|money)\b/;

function isNumeric(type: string): boolean {
  return NUMERIC.test(type) && !type.endsWith('[]');
}

function baseWidth(column: GridColumn): number {
  const header = Math.max(column.name.length, column.type.length) * 7.5 + 36;
  const byType = isNumeric(column.type) ? 90 : /^(boolean)$/.test(column.type) ? 70 : /^timestamp|^date|^time/.test(column.type) ? 190 : 140;
  return Math.min(360, Math.max(header, byType));
}

/** A row element kept for reuse, with what it shows now (so a refill writes only what changed). */
interface RowSlot {
  readonly el: HTMLElement;
  readonly num: HTMLElement;
  readonly cells: HTMLElement[];
  readonly pending: HTMLElement;
  position: number;
  /** What the slot was filled with: the row object, the map's version and the selection's. */
  shown: { row: GridRow<unknown> | undefined; map: number; selection: string; exact: boolean } | undefined;
}

export class Grid<C> {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly layer: HTMLElement;
  private columns: GridColumn[] = [];
  private widths: number[] = [];
  private offsets: number[] = [];
  private readonly rows = new RowWindow<C>();
  private readonly selection = new GridSelection();
  private readonly map = new ScrollMap(ROW_HEIGHT, MAX_SCROLL_PX);
  private sort: GridSort | undefined;
  private frame = 0;
  private dragging = false;
  private footer = '';
  private fitted = false;
  private numeric: boolean[] = [];
  /** Row elements by the position they show; `spare` holds those out of view, hidden, ready to be refilled. */
  private readonly slots = new Map<number, RowSlot>();
  private readonly spare: RowSlot[] = [];
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
    // Other columns: the kept row elements have the wrong cells.
    for (const slot of [...this.slots.values(), ...this.spare]) {
      slot.el.remove();
    }
    this.slots.clear();
    this.spare.length = 0;
    this.layout();
    this.renderHeader();
  }

  setSort(sort: GridSort | undefined): void {
    this.sort = sort;
    // The sorted header also says where NULLs go: make room for it.
    const c = this.columns.findIndex((column) => column.name === sort?.column);
    if (c >= 0) {
      const column = this.columns[c]!;
      const needed = (column.type.length + (column.nullable === false ? 0 : ' · NULLS FIRST'.length)) * 6.6 + 24;
      this.widths[c] = Math.max(this.widths[c]!, Math.min(420, needed));
      this.layout();
    }
    this.renderHeader();
    this.schedule();
  }

  /** Empties the grid (a new sort or filter) and goes back to the top. */
  reset(): void {
    this.rows.reset();
    this.selection.reset();
    this.resize();
    this.scrollTo(0);
    this.schedule();
  }

  /** The view's size: the estimate, an exact count, or what reading to the end showed. */
  setTotal(rows: number, exact: boolean): void {
    this.selection.shift(this.rows.setTotal(rows, exact));
    this.resize();
  }

  /** Puts a page read from somewhere else in the view (the start, the end, a jump). */
  replace(rows: GridRow<C>[], place: WindowPlace): void {
    this.fit(rows);
    this.rows.replace(rows, place);
    this.resize();
  }

  /** The page after the window. */
  append(rows: GridRow<C>[], atEnd: boolean): void {
    this.fit(rows);
    this.rows.append(rows, atEnd);
    this.resize();
  }

  /** The page before the window; at the view's start, positions become exact. */
  prepend(rows: GridRow<C>[], atStart: boolean): void {
    const moved = this.rows.prepend(rows, atStart);
    if (moved !== 0) {
      // The estimate put the window too low (or too high): move the view with it.
      this.selection.shift(moved);
      this.scrollTo(this.map.rowAt(this.element.scrollTop) + moved);
    }
    this.resize();
  }

  /** A line under the last row: "Loading…", "End of the table", or nothing. */
  setFooter(text: string): void {
    this.footer = text;
    this.resize();
  }

  /** The window: where it starts, its rows, and what is known of its place. */
  get loaded(): RowWindow<C>['loaded'] {
    return this.rows.loaded;
  }

  get size(): { total: number; exact: boolean } {
    return this.rows.size;
  }

  rowAt(position: number): GridRow<C> | undefined {
    return this.rows.rowAt(position);
  }

  /** The closest remembered row at or before `position`, with exact positions only. */
  closestLandmark(position: number): { position: number; at: C } | undefined {
    return this.rows.closestLandmark(position);
  }

  get activeCell(): Cell {
    return this.selection.active;
  }

  /** Moves the active cell to a row (and scrolls it into view). */
  goTo(position: number): void {
    this.moveTo(position, this.selection.active.c, false);
  }

  /** The selected rectangle as TSV (what Ctrl+C copies); rows not in the window are not copied. */
  copySelection(): void {
    const [r0, r1, c0, c1] = this.selection.rect;
    const picked = this.rows.slice(r0, r1).map((row) => row.cells.slice(c0, c1 + 1));
    if (picked.length > 0) {
      this.callbacks.copy(picked, c0);
    }
  }

  copyCell(): void {
    const { r, c } = this.selection.active;
    const value = this.rowAt(r)?.cells[c];
    if (value !== undefined) {
      this.callbacks.copy([[value]], c);
    }
  }

  /** Every column of the selected rows. */
  copyRows(): void {
    const [r0, r1] = this.selection.rect;
    const picked = this.rows.slice(r0, r1).map((row) => row.cells);
    if (picked.length > 0) {
      this.callbacks.copy(picked, 0);
    }
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
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
    const scrollTop = this.map.setRows(this.rows.size.total, this.element.scrollTop, this.viewport());
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
    const styleKey = `${template}|${height}|${this.rows.size.total}`;
    if (styleKey === this.styleKey) {
      return;
    }
    if (!this.styleKey.startsWith(`${template}|`)) {
      this.element.style.setProperty('--grid-columns', template);
      this.element.style.setProperty('--grid-width', `${x}px`);
    }
    this.styleKey = styleKey;
    this.body.style.height = `${height}px`;
    this.element.setAttribute('aria-rowcount', String(this.rows.size.total + 1));
    this.element.setAttribute('aria-colcount', String(this.columns.length + 1));
  }

  private renderHeader(): void {
    const cells = this.columns.map((column, c) => {
      const sorted = this.sort?.column === column.name ? this.sort.direction : undefined;
      const arrow = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '';
      // Where NULLs go is said only for a column that may hold them.
      const nullable = column.nullable !== false;
      const { t } = this.callbacks;
      const nulls = !sorted ? '' : sorted === 'asc' ? t(nullable ? 'Sorted ascending, NULLs last' : 'Sorted ascending') : t(nullable ? 'Sorted descending, NULLs first' : 'Sorted descending');
      const el = h(
        'div',
        {
          class: `grid-th${isNumeric(column.type) ? ' num' : ''}${sorted ? ' sorted' : ''}`,
          role: 'columnheader',
          'aria-colindex': String(c + 2),
          'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none',
          title: `${column.name} (${column.type})\n${nulls || t('Click to sort; click again to reverse; a third time to unsort')}`,
          'data-column': column.name,
        },
        h('span', { class: 'th-name' }, column.name, arrow ? h('span', { class: 'th-sort', 'aria-hidden': 'true' }, ` ${arrow}`) : ''),
        h('span', { class: 'th-type' }, sorted && nullable ? `${column.type} · ${sorted === 'asc' ? 'NULLS LAST' : 'NULLS FIRST'}` : column.type),
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
   * Keeps the row elements that still show a row in view, refills those
   * that scrolled out with the rows that scrolled in, and writes only what
   * changed: a wheel step touches a few rows' text and position.
   */
  private render(): void {
    this.layout();
    const { total } = this.rows.size;
    const top = Math.max(0, this.map.rowAt(this.element.scrollTop));
    const firstVisible = Math.min(total, Math.floor(top));
    const lastVisible = Math.min(total, Math.ceil(top + this.viewport() / ROW_HEIGHT));
    const first = Math.max(0, firstVisible - OVERSCAN);
    const last = Math.min(total, lastVisible + OVERSCAN);
    for (const [r, slot] of this.slots) {
      if (r < first || r >= last) {
        this.slots.delete(r);
        this.spare.push(slot);
      }
    }
    const rect = this.selection.rect;
    const selectionKey = `${rect.join(',')}|${this.selection.active.r},${this.selection.active.c}|${this.rows.generation}`;
    const added = document.createDocumentFragment();
    for (let r = first; r < last; r++) {
      let slot = this.slots.get(r);
      if (!slot) {
        slot = this.spare.pop() ?? this.newSlot(added);
        slot.position = r;
        slot.shown = undefined;
        this.slots.set(r, slot);
      }
      this.fill(slot, rect, selectionKey);
    }
    for (const slot of this.spare) {
      if (!slot.el.hidden) {
        // Out of view with nothing to show: hidden, and no longer a row or cell anything can point at.
        slot.el.hidden = true;
        slot.el.removeAttribute('aria-rowindex');
        for (const cell of slot.cells) {
          cell.removeAttribute('id');
        }
        slot.shown = undefined;
      }
    }
    this.layer.append(added);
    // Rows in view follow each other in the document as on screen (reading order); a recycled row is moved once.
    let previous: HTMLElement | undefined;
    for (let r = first; r < last; r++) {
      const el = this.slots.get(r)!.el;
      if (previous && previous.nextElementSibling !== el) {
        previous.after(el);
      }
      previous = el;
    }
    const showFooter = this.footer !== '' && last >= total;
    this.footerRow.hidden = !showFooter;
    if (showFooter) {
      this.footerRow.textContent = this.footer;
      this.footerRow.style.transform = `translateY(${this.map.pixelOf(total)}px)`;
    }
    const { r, c } = this.selection.active;
    if (this.rowAt(r)) {
      this.element.setAttribute('aria-activedescendant', `cell-${r}-${c}`);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
    if (this.rows.needs(firstVisible, lastVisible)) {
      this.callbacks.need(firstVisible, Math.max(firstVisible + 1, lastVisible));
    }
  }

  private newSlot(into: DocumentFragment): RowSlot {
    const num = h('div', { class: 'grid-rownum', role: 'rowheader' });
    const cells = this.columns.map((_, c) => h('div', { class: 'grid-td', role: 'gridcell', 'aria-colindex': String(c + 2), 'data-c': String(c) }));
    const pending = h('div', { class: 'pending-cell', role: 'gridcell', 'aria-busy': 'true', hidden: true }, '…');
    const el = h('div', { class: 'grid-row', role: 'row' }, num, ...cells, pending);
    into.append(el);
    return { el, num, cells, pending, position: -1, shown: undefined };
  }

  /** Makes a row element show the row at its position, writing only what differs from what it shows. */
  private fill(slot: RowSlot, [r0, r1, c0, c1]: Rect, selectionKey: string): void {
    const r = slot.position;
    const row = this.rowAt(r);
    const exact = this.rows.loaded.exact;
    const shown = slot.shown;
    const sameRow = shown !== undefined && shown.row === row && shown.exact === exact;
    if (sameRow && shown.map === this.map.version && shown.selection === selectionKey) {
      return;
    }
    const { el } = slot;
    el.hidden = false;
    if (!sameRow || shown.map !== this.map.version) {
      el.style.transform = `translateY(${this.map.pixelOf(r)}px)`;
    }
    if (!sameRow) {
      el.className = `grid-row${r % 2 ? ' odd' : ''}${row ? '' : ' pending'}`;
      el.setAttribute('aria-rowindex', String(r + 2));
      slot.num.textContent = exact ? String(r + 1) : `≈${r + 1}`;
      slot.num.title = exact ? '' : this.callbacks.t('Row number estimated: reached by a jump');
      slot.pending.hidden = row !== undefined;
    }
    const active = this.selection.active;
    for (let c = 0; c < slot.cells.length; c++) {
      const cell = slot.cells[c]!;
      if (!row) {
        cell.hidden = true;
        continue;
      }
      const value = row.cells[c] ?? null;
      const selected = r >= r0 && r <= r1 && c >= c0 && c <= c1;
      const isActive = r === active.r && c === active.c;
      cell.hidden = false;
      cell.className = `grid-td${this.numeric[c] ? ' num' : ''}${selected ? ' selected' : ''}${isActive ? ' active' : ''}${value === null ? ' null' : ''}`;
      cell.setAttribute('aria-selected', selected ? 'true' : 'false');
      if (!sameRow) {
        cell.id = `cell-${r}-${c}`;
        cell.dataset.r = String(r);
        cell.textContent = value === null ? 'NULL' : value.replace(/\r?\n/g, ' ⏎ ');
        if (row.cut?.includes(c)) {
          cell.append(h('span', { class: 'cut', title: this.callbacks.t('Value cut for display: open it to see all of it') }, '…'));
        }
      }
    }
    slot.shown = { row, map: this.map.version, selection: selectionKey, exact };
  }

  private cellAt(e: MouseEvent): Cell | undefined {
    const target = (e.target as HTMLElement).closest<HTMLElement>('.grid-td');
    if (!target || target.dataset.r === undefined || target.dataset.c === undefined) {
      return undefined;
    }
    return { r: Number(target.dataset.r), c: Number(target.dataset.c) };
  }

  private onMouseDown(e: MouseEvent): void {
    const cell = this.cellAt(e);
    if (!cell || e.button !== 0) {
      return;
    }
    this.selection.press(cell, e.shiftKey);
    this.dragging = true;
    this.focus();
    this.schedule();
  }

  private onMouseMove(e: MouseEvent): void {
    const cell = this.dragging ? this.cellAt(e) : undefined;
    if (cell && this.selection.drag(cell)) {
      this.schedule();
    }
  }

  private moveTo(r: number, c: number, extend: boolean): void {
    this.selection.moveTo(r, c, extend, this.rows.size.total, this.columns.length);
    this.scrollIntoView();
    this.schedule();
  }

  private scrollIntoView(): void {
    const active = this.selection.active;
    const top = this.map.rowAt(this.element.scrollTop);
    const visible = this.visibleRows();
    if (active.r < top) {
      this.scrollTo(active.r);
    } else if (active.r + 1 > top + visible) {
      this.scrollTo(active.r + 1 - visible);
    }
    const left = this.offsets[active.c] ?? 0;
    const width = this.widths[active.c] ?? 0;
    if (left - ROWNUM_WIDTH < this.element.scrollLeft) {
      this.element.scrollLeft = left - ROWNUM_WIDTH;
    } else if (left + width > this.element.scrollLeft + this.element.clientWidth) {
      this.element.scrollLeft = left + width - this.element.clientWidth;
    }
  }

  private onKey(e: KeyboardEvent): void {
    const { total } = this.rows.size;
    if (total === 0) {
      return;
    }
    const action = keyAction({ key: e.key, mod: e.ctrlKey || e.metaKey, shift: e.shiftKey }, this.selection.active, this.visibleRows(), this.columns.length);
    if (!action) {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    switch (action.kind) {
      case 'move':
        this.moveTo(action.r, action.c, action.extend);
        return;
      case 'edge': {
        // The true start or end: read if the window does not hold it.
        const loaded = this.rows.loaded;
        const held = action.to === 'start' ? loaded.atStart && loaded.exact : loaded.atEnd;
        if (held || action.extend) {
          this.moveTo(action.to === 'start' ? 0 : total - 1, action.c, action.extend);
        } else {
          this.callbacks.jump(action.to);
        }
        return;
      }
      case 'open':
        this.callbacks.open(this.selection.active.r, this.selection.active.c);
        return;
      case 'copy':
        this.copySelection();
        return;
      case 'selectAll': {
        // Everything the grid holds.
        const loaded = this.rows.loaded;
        this.selection.selectAll(loaded.start, loaded.end - 1, this.columns.length);
        this.schedule();
        return;
      }
    }
  }
}
