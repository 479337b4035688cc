/**
 * The grid's selection: a rectangle from an anchor to the active cell, as a
 * spreadsheet has it, and what each key does to it. No DOM.
 */
export interface Cell {
  readonly r: number;
  readonly c: number;
}

/** Rows, top to bottom, and columns, left to right, inclusive. */
export type Rect = readonly [r0: number, r1: number, c0: number, c1: number];

export class GridSelection {
  private anchor: Cell = { r: 0, c: 0 };
  private activeCell: Cell = { r: 0, c: 0 };

  get active(): Cell {
    return this.activeCell;
  }

  get rect(): Rect {
    const { anchor, activeCell: a } = this;
    return [Math.min(anchor.r, a.r), Math.max(anchor.r, a.r), Math.min(anchor.c, a.c), Math.max(anchor.c, a.c)];
  }

  /** Whether a cell is inside the rectangle. */
  holds(r: number, c: number): boolean {
    const [r0, r1, c0, c1] = this.rect;
    return r >= r0 && r <= r1 && c >= c0 && c <= c1;
  }

  /** Moves the active cell, clamped to the view; without `extend` the selection is that cell alone. */
  moveTo(r: number, c: number, extend: boolean, rows: number, columns: number): void {
    this.activeCell = { r: Math.max(0, Math.min(rows - 1, r)), c: Math.max(0, Math.min(columns - 1, c)) };
    if (!extend) {
      this.anchor = this.activeCell;
    }
  }

  /** A click (Shift: from the anchor to it). */
  press(cell: Cell, extend: boolean): void {
    this.activeCell = cell;
    if (!extend) {
      this.anchor = cell;
    }
  }

  /** Dragged over a cell; whether the selection changed. */
  drag(cell: Cell): boolean {
    if (cell.r === this.activeCell.r && cell.c === this.activeCell.c) {
      return false;
    }
    this.activeCell = cell;
    return true;
  }

  /** Rows first..last, every column. */
  selectAll(first: number, last: number, columns: number): void {
    this.anchor = { r: first, c: 0 };
    this.activeCell = { r: last, c: columns - 1 };
  }

  /** Back to the first row, in the same column (a new sort or filter). */
  reset(): void {
    this.anchor = { r: 0, c: this.activeCell.c };
    this.activeCell = this.anchor;
  }

  /** Positions moved by `by` rows (the window's place was corrected). */
  shift(by: number): void {
    this.anchor = { ...this.anchor, r: this.anchor.r + by };
    this.activeCell = { ...this.activeCell, r: this.activeCell.r + by };
  }
}

/** What a key asks of the grid. */
export type GridKeyAction =
  | { readonly kind: 'move'; readonly r: number; readonly c: number; readonly extend: boolean }
  /** Ctrl+Home / Ctrl+End, Ctrl+↑ / Ctrl+↓: the view's true start or end. */
  | { readonly kind: 'edge'; readonly to: 'start' | 'end'; readonly c: number; readonly extend: boolean }
  | { readonly kind: 'open' }
  | { readonly kind: 'copy' }
  | { readonly kind: 'selectAll' };

export interface KeyPress {
  readonly key: string;
  /** Ctrl, or ⌘ on macOS. */
  readonly mod: boolean;
  readonly shift: boolean;
}

/** The keyboard of a spreadsheet: what a key does from the active cell, with `page` rows on screen and `columns` columns. */
export function keyAction(press: KeyPress, active: Cell, page: number, columns: number): GridKeyAction | undefined {
  const { key, mod, shift: extend } = press;
  const { r, c } = active;
  const move = (toR: number, toC: number): GridKeyAction => ({ kind: 'move', r: toR, c: toC, extend });
  switch (key) {
    case 'ArrowDown':
      return mod ? { kind: 'edge', to: 'end', c, extend } : move(r + 1, c);
    case 'ArrowUp':
      return mod ? { kind: 'edge', to: 'start', c, extend } : move(r - 1, c);
    case 'ArrowRight':
      return move(r, mod ? columns - 1 : c + 1);
    case 'ArrowLeft':
      return move(r, mod ? 0 : c - 1);
    case 'PageDown':
      return move(r + page, c);
    case 'PageUp':
      return move(r - page, c);
    case 'Home':
      return mod ? { kind: 'edge', to: 'start', c: 0, extend } : move(r, 0);
    case 'End':
      return mod ? { kind: 'edge', to: 'end', c, extend } : move(r, columns - 1);
    case 'Enter':
      return { kind: 'open' };
    case 'c':
    case 'C':
      return mod ? { kind: 'copy' } : undefined;
    case 'a':
      return mod ? { kind: 'selectAll' } : undefined;
    default:
      return undefined;
  }
}
