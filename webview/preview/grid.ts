import { toTsv } from '../../src/core/tsv';
import { h } from '../shared/dom';

/**
 * Our own virtualized grid: however many rows are loaded, only the ones in
 * view (plus a few) are in the DOM, rebuilt on each animation frame that
 * scrolled. A header that stays on top, row numbers that stay on the left, a
 * rectangular selection, and the keyboard of a spreadsheet.
 */
export interface GridColumn {
  readonly name: string;
  readonly type: string;
}

export interface GridSort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface GridCallbacks {
  /** The user scrolled near the last loaded row. */
  needMore(): void;
  sort(column: string): void;
  open(row: number, column: number): void;
  copy(text: string, rows: number): void;
  t(text: string): string;
}

const ROW_HEIGHT = 22;
const OVERSCAN = 12;
const NEAR_END = 200;
const ROWNUM_WIDTH = 64;

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

export class Grid {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly layer: HTMLElement;
  private columns: GridColumn[] = [];
  private widths: number[] = [];
  private offsets: number[] = [];
  private rows: (string | null)[][] = [];
  private truncated = new Set<string>();
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
  /** Bumped when the loaded rows are replaced, so no row from before is reused. */
  private generation = 0;
  private readonly footerRow: HTMLElement;
  private styleKey = '';

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
        this.schedule();
      },
      { passive: true },
    );
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

  /** Replaces the rows (a new sort or filter) and goes back to the top. */
  reset(): void {
    this.rows = [];
    this.truncated.clear();
    this.generation += 1;
    this.anchor = { r: 0, c: this.active.c };
    this.active = { ...this.anchor };
    this.element.scrollTop = 0;
    this.layout();
    this.schedule();
  }

  append(rows: (string | null)[][], truncated: [number, number][]): void {
    const start = this.rows.length;
    if (!this.fitted && rows.length > 0) {
      // Once: later pages and new sorts keep the widths the user has seen.
      this.fitted = true;
      this.fitWidths(rows);
    }
    for (const row of rows) {
      this.rows.push(row);
    }
    for (const [r, c] of truncated) {
      this.truncated.add(`${start + r}:${c}`);
    }
    this.layout();
    this.schedule();
  }

  /** A line under the last row: "Loading…", "End of the table", or nothing. */
  setFooter(text: string): void {
    this.footer = text;
    this.schedule();
  }

  get rowCount(): number {
    return this.rows.length;
  }

  get activeCell(): Cell {
    return { ...this.active };
  }

  /** The selected rectangle as TSV (what Ctrl+C copies). */
  copySelection(): void {
    const [r0, r1, c0, c1] = this.rect();
    if (this.rows.length === 0) {
      return;
    }
    const picked = this.rows.slice(r0, r1 + 1).map((row) => row.slice(c0, c1 + 1));
    this.callbacks.copy(toTsv(picked), picked.length);
  }

  copyCell(): void {
    const value = this.rows[this.active.r]?.[this.active.c];
    if (value !== undefined) {
      this.callbacks.copy(toTsv([[value]]), 1);
    }
  }

  /** Every column of the selected rows. */
  copyRows(): void {
    const [r0, r1] = this.rect();
    const picked = this.rows.slice(r0, r1 + 1);
    if (picked.length > 0) {
      this.callbacks.copy(toTsv(picked), picked.length);
    }
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  private rect(): [number, number, number, number] {
    return [Math.min(this.anchor.r, this.active.r), Math.max(this.anchor.r, this.active.r), Math.min(this.anchor.c, this.active.c), Math.max(this.anchor.c, this.active.c)];
  }

  /** Widens columns to what the first page holds, within limits. */
  private fitWidths(rows: (string | null)[][]): void {
    const sample = rows.slice(0, 200);
    this.widths = this.columns.map((column, c) => {
      const longest = sample.reduce((max, row) => Math.max(max, Math.min(60, row[c]?.length ?? 4)), 0);
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
    const height = (this.rows.length + (this.footer ? 1 : 0)) * ROW_HEIGHT;
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
    this.element.setAttribute('aria-rowcount', String(this.rows.length + 1));
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
    return Math.max(1, Math.floor((this.element.clientHeight - this.header.offsetHeight) / ROW_HEIGHT));
  }

  /**
   * Keeps the rendered rows that are still in view and builds only the ones
   * that scrolled in, so a wheel step touches a few rows, not the screen.
   * A change of selection or of the loaded rows rebuilds the visible ones.
   */
  private render(): void {
    this.layout();
    const top = this.element.scrollTop;
    const height = this.element.clientHeight;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const rect = this.rect();
    const key = `${rect.join(',')}|${this.active.r},${this.active.c}|${this.generation}`;
    if (key !== this.renderedKey) {
      this.renderedKey = key;
      for (const el of this.rendered.values()) {
        el.remove();
      }
      this.rendered.clear();
    }
    for (const [r, el] of this.rendered) {
      if (r < first || r >= last) {
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
    const showFooter = this.footer !== '' && last >= this.rows.length;
    this.footerRow.hidden = !showFooter;
    if (showFooter) {
      this.footerRow.textContent = this.footer;
      this.footerRow.style.transform = `translateY(${this.rows.length * ROW_HEIGHT}px)`;
    }
    if (this.rows.length > 0) {
      this.element.setAttribute('aria-activedescendant', `cell-${this.active.r}-${this.active.c}`);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
    if (this.rows.length > 0 && last >= this.rows.length - NEAR_END) {
      this.callbacks.needMore();
    }
  }

  private rowElement(r: number, [r0, r1, c0, c1]: [number, number, number, number]): HTMLElement {
    const row = this.rows[r]!;
    const el = h('div', { class: `grid-row${r % 2 ? ' odd' : ''}`, role: 'row', 'aria-rowindex': String(r + 2) });
    el.style.transform = `translateY(${r * ROW_HEIGHT}px)`;
    el.append(h('div', { class: 'grid-rownum', role: 'rowheader' }, String(r + 1)));
    for (let c = 0; c < this.columns.length; c++) {
      const value = row[c] ?? null;
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
      if (this.truncated.has(`${r}:${c}`)) {
        cell.append(h('span', { class: 'cut', title: this.callbacks.t('Value cut for display: open it to see all of it') }, '…'));
      }
      el.append(cell);
    }
    return el;
  }

  private cellAt(e: MouseEvent): Cell | undefined {
    const target = (e.target as HTMLElement).closest<HTMLElement>('.grid-td');
    if (!target) {
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
    this.active = { r: Math.max(0, Math.min(this.rows.length - 1, r)), c: Math.max(0, Math.min(this.columns.length - 1, c)) };
    if (!extend) {
      this.anchor = { ...this.active };
    }
    this.scrollIntoView();
    this.schedule();
  }

  private scrollIntoView(): void {
    const headerHeight = this.header.offsetHeight;
    const top = this.active.r * ROW_HEIGHT;
    const visible = this.element.clientHeight - headerHeight;
    if (top < this.element.scrollTop) {
      this.element.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.element.scrollTop + visible) {
      this.element.scrollTop = top + ROW_HEIGHT - visible;
    }
    const left = this.offsets[this.active.c] ?? 0;
    const width = this.widths[this.active.c] ?? 0;
    if (left - ROWNUM_WIDTH < this.element.scrollLeft) {
      this.element.scrollLeft = left - ROWNUM_WIDTH;
    } else if (left + width > this.element.scrollLeft + this.element.clientWidth) {
      this.element.scrollLeft = left + width - this.element.clientWidth;
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (this.rows.length === 0) {
      return;
    }
    const mod = e.ctrlKey || e.metaKey;
    const { r, c } = this.active;
    const page = this.visibleRows();
    const handled = ((): boolean => {
      switch (e.key) {
        case 'ArrowDown':
          this.moveTo(mod ? this.rows.length - 1 : r + 1, c, e.shiftKey);
          return true;
        case 'ArrowUp':
          this.moveTo(mod ? 0 : r - 1, c, e.shiftKey);
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
          this.moveTo(mod ? 0 : r, 0, e.shiftKey);
          return true;
        case 'End':
          this.moveTo(mod ? this.rows.length - 1 : r, mod ? c : this.columns.length - 1, e.shiftKey);
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
            this.anchor = { r: 0, c: 0 };
            this.active = { r: this.rows.length - 1, c: this.columns.length - 1 };
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
