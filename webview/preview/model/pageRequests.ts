/**
 * Which page the preview asks for, and where the answer goes: one request at
 * a time (a jump elsewhere replaces one), answers to older requests dropped,
 * and for each answer the place in the window and the note the footer says.
 * No DOM and no messages: main.ts posts what this decides.
 */
import { NEAR_EDGE, type WindowPlace } from '../../grid/model/rowWindow';

export const FIRST_PAGE = 500;
export const NEXT_PAGE = 2000;
/** Rows beyond the window past which scrolling there jumps instead of reading every page on the way. */
export const FAR = 2 * NEXT_PAGE;

/** What a page is asked for: the view's start or end, the pages next to the window, or a jump to a position. */
export type Wanted = { kind: 'start' | 'end' | 'after' | 'before' } | { kind: 'jump'; position: number; landmark?: number };

/** How the host reached a jump's position (the protocol's `jumped`). */
export type Jumped = 'end' | 'landmark' | 'offset' | 'distribution' | 'blocks' | 'start' | undefined;

/** What the footer says after a jump: numbers as numbers, the panel formats them. */
export type JumpNote =
  | { kind: 'landmark'; row: number }
  | { kind: 'blocks'; row: number }
  | { kind: 'distribution'; row: number; column: string }
  | { kind: 'restart' };

/** Where a page goes in the window, and where the active row goes. */
export type Placement =
  | { how: 'replace'; place: WindowPlace; goTo?: number | 'last'; note?: JumpNote }
  | { how: 'append'; atEnd: boolean }
  | { how: 'prepend'; atStart: boolean };

/** The window's state as the decision needs it. */
export interface Loaded {
  readonly start: number;
  readonly end: number;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

export class PageRequests {
  private lastId = 0;
  private pending: { id: number; wanted: Wanted } | undefined;

  /** The request not answered yet. */
  get waiting(): Wanted | undefined {
    return this.pending?.wanted;
  }

  /** Records a request; returns its id. A newer request makes the answer to an older one stale. */
  ask(wanted: Wanted): number {
    this.lastId += 1;
    this.pending = { id: this.lastId, wanted };
    return this.lastId;
  }

  /** An answer (a page or an error) came: what it was for, or undefined when it answers a request since replaced. */
  answered(id: number): Wanted | undefined {
    if (this.pending?.id !== id) {
      return undefined;
    }
    const { wanted } = this.pending;
    this.pending = undefined;
    return wanted;
  }

  /** Nothing awaited any more (a new sort or filter, or an error shown). */
  forget(): void {
    this.pending = undefined;
  }

  /**
   * Rows first..last are in view: the page next to the window when the view
   * is at its edge, a jump when the view is far from it (the scroll bar
   * dragged), or nothing. While a page is awaited, only a jump elsewhere is
   * asked for (it replaces the one awaited).
   */
  next(first: number, last: number, loaded: Loaded): Wanted | undefined {
    const far = first >= loaded.end + FAR || last <= loaded.start - FAR;
    const pending = this.pending?.wanted;
    if (pending) {
      const sameJump = pending.kind === 'jump' && Math.abs(pending.position - first) < FAR;
      return far && !sameJump ? { kind: 'jump', position: first } : undefined;
    }
    if (far) {
      return { kind: 'jump', position: first };
    }
    if (last > loaded.end - NEAR_EDGE && !loaded.atEnd) {
      return { kind: 'after' };
    }
    if (first < loaded.start + NEAR_EDGE && !loaded.atStart) {
      return { kind: 'before' };
    }
    return undefined;
  }
}

/**
 * A page answered `wanted`: where it goes. `size` is the view's size before
 * the page (a page at the end sits its length before the total).
 */
export function placement(
  page: { rows: number; atStart: boolean; atEnd: boolean; jumped?: Jumped; jumpColumn?: string },
  wanted: Wanted,
  size: { total: number; exact: boolean },
): Placement {
  const { atStart, atEnd } = page;
  const atTheEnd: Placement = {
    how: 'replace',
    place: { start: size.total - page.rows, exact: size.exact || atStart, atStart, atEnd: true },
    goTo: 'last',
  };
  switch (wanted.kind) {
    case 'start':
      return { how: 'replace', place: { start: 0, exact: true, atStart: true, atEnd }, goTo: 0 };
    case 'end':
      return atTheEnd;
    case 'after':
      return { how: 'append', atEnd };
    case 'before':
      return { how: 'prepend', atStart };
    case 'jump':
      break;
  }
  const { position } = wanted;
  switch (page.jumped) {
    case 'end':
      return atTheEnd;
    case 'landmark': {
      const start = (wanted.landmark ?? -1) + 1;
      return { how: 'replace', place: { start, exact: true, atStart: false, atEnd }, goTo: start, note: { kind: 'landmark', row: start + 1 } };
    }
    case 'offset':
      return { how: 'replace', place: { start: position, exact: true, atStart: position === 0, atEnd } };
    case 'distribution':
    case 'blocks':
      return {
        how: 'replace',
        place: { start: position, exact: false, atStart: false, atEnd },
        note: page.jumped === 'blocks' ? { kind: 'blocks', row: position + 1 } : { kind: 'distribution', row: position + 1, column: page.jumpColumn ?? '' },
      };
    default:
      return { how: 'replace', place: { start: 0, exact: true, atStart: true, atEnd }, goTo: 0, note: { kind: 'restart' } };
  }
}
