/**
 * Which row sits at which pixel of the grid's scroll area. A browser caps an
 * element's height (Chromium near 33.5 million px), and 10,000,000 rows of
 * 22 px do not fit: past `maxPx` the scroll bar stands for the whole view
 * proportionally, while the wheel and the keys still move row by row. The
 * map is affine (pixel = base + (row - baseRow) × rowHeight), so rows drawn
 * at their pixel scroll natively between frames; dragging the thumb
 * re-anchors it where the thumb is.
 */
export class ScrollMap {
  private total = 0;
  private base = 0;
  private baseRow = 0;
  /** Changes whenever the map moves rows to other pixels (drawn rows must be placed again). */
  version = 0;

  constructor(
    readonly rowHeight: number,
    readonly maxPx: number,
  ) {}

  get rows(): number {
    return this.total;
  }

  get scaled(): boolean {
    return this.total * this.rowHeight > this.maxPx;
  }

  /** The scroll area's height for the rows. */
  get height(): number {
    return Math.min(this.total * this.rowHeight, this.maxPx);
  }

  setRows(total: number, scrollTop: number, viewport: number): number {
    const top = this.rowAt(scrollTop);
    this.total = Math.max(0, total);
    if (!this.scaled) {
      this.anchor(0, 0);
      return top * this.rowHeight;
    }
    return this.scrollFor(top, viewport);
  }

  /** The row (fractional) at a pixel of the scroll area. */
  rowAt(px: number): number {
    return this.baseRow + (px - this.base) / this.rowHeight;
  }

  pixelOf(row: number): number {
    return this.base + (row - this.baseRow) * this.rowHeight;
  }

  /**
   * The user scrolled to `scrollTop`. By wheel or keys the map stays, so rows
   * move one by one; otherwise the thumb was dragged, and the row follows the
   * thumb in proportion.
   */
  scrolled(scrollTop: number, viewport: number, byWheel: boolean): void {
    if (!this.scaled) {
      return;
    }
    const range = this.height - viewport;
    const lastTop = Math.max(0, this.total - viewport / this.rowHeight);
    if (scrollTop <= 0) {
      this.anchor(0, 0);
    } else if (scrollTop >= range - 1) {
      this.anchor(scrollTop, lastTop);
    } else if (!byWheel) {
      this.anchor(scrollTop, (scrollTop / range) * lastTop);
    } else {
      const top = this.rowAt(scrollTop);
      if (top < 0 || top > lastTop) {
        this.anchor(scrollTop, Math.min(lastTop, Math.max(0, top)));
      }
    }
  }

  /** Where to scroll so that `row` is at the top; scaled, the thumb goes where the row is in proportion. */
  scrollFor(row: number, viewport: number): number {
    if (!this.scaled) {
      return row * this.rowHeight;
    }
    const range = this.height - viewport;
    const lastTop = Math.max(1, this.total - viewport / this.rowHeight);
    const px = Math.min(range, Math.max(0, (row / lastTop) * range));
    this.anchor(px, row);
    return px;
  }

  private anchor(px: number, row: number): void {
    if (px !== this.base || row !== this.baseRow) {
      this.base = px;
      this.baseRow = row;
      this.version += 1;
    }
  }
}
