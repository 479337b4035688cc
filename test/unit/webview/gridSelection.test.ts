import * as assert from 'node:assert/strict';
import { GridSelection, keyAction, type KeyPress } from '../../../webview/grid/model/gridSelection';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, mod: false, shift: false, ...mods });

describe('the preview grid selects as a spreadsheet does', () => {
  it('a click selects one cell; Shift+click stretches from the anchor, whichever way', () => {
    const s = new GridSelection();
    s.press({ r: 10, c: 3 }, false);
    assert.deepEqual(s.rect, [10, 10, 3, 3]);
    s.press({ r: 4, c: 1 }, true);
    assert.deepEqual(s.rect, [4, 10, 1, 3]);
    assert.ok(s.holds(7, 2));
    assert.ok(!s.holds(11, 2));
  });

  it('moves are clamped to the view, and Shift extends instead of moving', () => {
    const s = new GridSelection();
    s.moveTo(-5, 99, false, 100, 4);
    assert.deepEqual(s.active, { r: 0, c: 3 });
    s.moveTo(150, 0, true, 100, 4);
    assert.deepEqual(s.rect, [0, 99, 0, 3]);
  });

  it('dragging over the same cell changes nothing (no redraw); over another, it does', () => {
    const s = new GridSelection();
    s.press({ r: 1, c: 1 }, false);
    assert.equal(s.drag({ r: 1, c: 1 }), false);
    assert.equal(s.drag({ r: 3, c: 2 }), true);
    assert.deepEqual(s.rect, [1, 3, 1, 2]);
  });

  it('select all takes every column of the rows given; positions move with the window', () => {
    const s = new GridSelection();
    s.selectAll(0, 499, 6);
    assert.deepEqual(s.rect, [0, 499, 0, 5]);
    s.shift(100);
    assert.deepEqual(s.rect, [100, 599, 0, 5]);
    s.reset();
    assert.deepEqual(s.rect, [0, 0, 5, 5], 'back to the first row, in the same column');
  });
});

describe('the preview grid\'s keys', () => {
  const at = { r: 50, c: 2 };
  it('arrows move one cell; Page keys a screen; Home and End the row\'s ends', () => {
    assert.deepEqual(keyAction(press('ArrowDown'), at, 20, 6), { kind: 'move', r: 51, c: 2, extend: false });
    assert.deepEqual(keyAction(press('ArrowLeft', { shift: true }), at, 20, 6), { kind: 'move', r: 50, c: 1, extend: true });
    assert.deepEqual(keyAction(press('PageUp'), at, 20, 6), { kind: 'move', r: 30, c: 2, extend: false });
    assert.deepEqual(keyAction(press('End'), at, 20, 6), { kind: 'move', r: 50, c: 5, extend: false });
    assert.deepEqual(keyAction(press('Home'), at, 20, 6), { kind: 'move', r: 50, c: 0, extend: false });
  });

  it('Ctrl+Home and Ctrl+End go to the view\'s true start and end, not the window\'s', () => {
    assert.deepEqual(keyAction(press('Home', { mod: true }), at, 20, 6), { kind: 'edge', to: 'start', c: 0, extend: false });
    assert.deepEqual(keyAction(press('End', { mod: true, shift: true }), at, 20, 6), { kind: 'edge', to: 'end', c: 2, extend: true });
    assert.deepEqual(keyAction(press('ArrowDown', { mod: true }), at, 20, 6), { kind: 'edge', to: 'end', c: 2, extend: false });
  });

  it('Enter opens the value, Ctrl+C copies, Ctrl+A selects all; a letter alone does nothing', () => {
    assert.deepEqual(keyAction(press('Enter'), at, 20, 6), { kind: 'open' });
    assert.deepEqual(keyAction(press('c', { mod: true }), at, 20, 6), { kind: 'copy' });
    assert.deepEqual(keyAction(press('a', { mod: true }), at, 20, 6), { kind: 'selectAll' });
    assert.equal(keyAction(press('c'), at, 20, 6), undefined);
    assert.equal(keyAction(press('x', { mod: true }), at, 20, 6), undefined);
  });
});
