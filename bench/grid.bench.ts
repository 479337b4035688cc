// The preview grid with 100,000 loaded rows, in Chromium (the engine of VS
// Code's webviews): how long loading them takes, how long each frame takes
// while scrolling through them, and how many rows are in the page at once
// (the virtualization: a few dozen, whatever is loaded).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/codeServer';
import { machine, printTable } from './machine';

const ROWS = 10_000_000;
const TRAVEL = 1_000_000;
const PAGE = 2_000;
const FRAMES = 240;

// Glue run in the page: builds the grid, loads the rows page by page as the
// panel does, then scrolls a screen a frame and records each frame's time.
const PAGE_SCRIPT = `
import { Grid, WINDOW_ROWS } from './webview/preview/grid';
let pending;
const grid = new Grid({ need(first, last) { pending = { first, last }; }, jump() {}, sort() {}, open() {}, copy() {}, t: (s) => s });
grid.setColumns([
  { name: 'id', type: 'bigint' }, { name: 'district', type: 'text' }, { name: 'cases', type: 'integer' },
  { name: 'amount', type: 'numeric(12,2)' }, { name: 'reported_at', type: 'timestamp with time zone' },
  { name: 'note', type: 'text' }, { name: 'flag', type: 'boolean' }, { name: 'tags', type: 'text[]' },
]);
document.getElementById('app').append(grid.element);
document.getElementById('app').style.cssText = 'position: relative; height: 800px;';
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
const rowsFrom = (from, to) => {
  const rows = [];
  for (let i = from; i < to; i++) {
    rows.push({ cells: [String(i + 1), 'district ' + (i % 97), i % 11 ? String((i * 7919) % 5000) : null, (i % 100000 / 100).toFixed(2),
      '2024-01-01 00:00:00+00', 'visit ' + i + ' notes', i % 2 ? 't' : 'f', '{a,b,"c d"}'], at: { key: [String(i + 1)] } });
  }
  return rows;
};
// The host's part, answered at once: the page after or before the window, as the panel asks for it.
const serve = (total, page) => {
  const wanted = pending;
  pending = undefined;
  if (!wanted) return 0;
  const l = grid.loaded;
  if (wanted.last > l.end - 200 && !l.atEnd) {
    const to = Math.min(total, l.end + page);
    grid.append(rowsFrom(l.end, to), to === total);
    return to - l.end;
  }
  if (wanted.first < l.start + 200 && !l.atStart) {
    const from = Math.max(0, l.start - page);
    grid.prepend(rowsFrom(from, l.start), from === 0);
    return l.start - from;
  }
  return 0;
};
window.runBench = async (rows, page, frames, travel) => {
  grid.setTotal(rows, false);
  const startLoad = performance.now();
  grid.replace(rowsFrom(0, page), { start: 0, exact: true, atStart: true, atEnd: false });
  await nextFrame();
  const firstMs = performance.now() - startLoad;
  const el = grid.element;
  const measure = async (frames, step) => {
    const times = [];
    let last = performance.now();
    for (let f = 0; f < frames; f++) {
      el.dispatchEvent(new WheelEvent('wheel'));
      step();
      await nextFrame();
      serve(rows, page);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1] };
  };
  const wheel = await measure(frames, () => (el.scrollTop += 120));
  const paging = await measure(frames, () => (el.scrollTop += el.clientHeight));
  // Down through \${travel} rows and back, a long jump of the keyboard at a time; the host answers each page asked for.
  const heapBefore = performance.memory ? performance.memory.usedJSHeapSize : 0;
  let maxKept = 0;
  let read = 0;
  const startTravel = performance.now();
  const step = 1500;
  for (let at = grid.activeCell.r; at < travel - 1; at = Math.min(travel - 1, at + step)) {
    grid.goTo(Math.min(travel - 1, at + step));
    await nextFrame();
    read += serve(rows, page);
    await nextFrame();
    read += serve(rows, page);
    maxKept = Math.max(maxKept, grid.loaded.rows);
  }
  for (let at = grid.activeCell.r; at > 0; at = Math.max(0, at - step)) {
    grid.goTo(Math.max(0, at - step));
    await nextFrame();
    read += serve(rows, page);
    await nextFrame();
    read += serve(rows, page);
    maxKept = Math.max(maxKept, grid.loaded.rows);
  }
  const travelMs = performance.now() - startTravel;
  await nextFrame();
  const heapAfter = performance.memory ? performance.memory.usedJSHeapSize : 0;
  const shown = [...el.querySelectorAll('.grid-row:not(.pending) .grid-rownum')].map((n) => Number(n.textContent));
  return { firstMs, wheel, paging, travelMs, rowsRead: read, maxKept, keptAfter: grid.loaded.rows, window: WINDOW_ROWS, heapBefore, heapAfter,
    rowsInDom: el.querySelectorAll('.grid-row:not(.grid-footer)').length, firstRowShown: Math.min(...shown) };
};
`;

export async function run(resultsDir: string): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const bundle = await esbuild.build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    tsconfig: path.join(root, 'webview', 'tsconfig.json'),
  });
  const css = fs.readFileSync(path.join(root, 'media', 'webview.css'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="app"></main></body></html>`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    if (errors.length > 0) {
      throw new Error(`the grid failed to load: ${errors.join('; ')}`);
    }
    type Frames = { median: number; p95: number; max: number };
    const result = (await page.evaluate(`window.runBench(${ROWS}, ${PAGE}, ${FRAMES}, ${TRAVEL})`)) as {
      firstMs: number; wheel: Frames; paging: Frames; travelMs: number; rowsRead: number; maxKept: number; keptAfter: number; window: number;
      heapBefore: number; heapAfter: number; rowsInDom: number; firstRowShown: number;
    };
    const rows = [
      { case: `first page (${PAGE} rows) shown`, medianMs: result.firstMs, runs: 1 },
      { case: 'frame, wheel scrolling (120 px a frame): median', medianMs: result.wheel.median, runs: FRAMES },
      { case: 'frame, wheel scrolling: 95th percentile', medianMs: result.wheel.p95, runs: FRAMES },
      { case: 'frame, a new screen each frame: median', medianMs: result.paging.median, runs: FRAMES },
      { case: 'frame, a new screen each frame: 95th percentile', medianMs: result.paging.p95, runs: FRAMES },
      { case: `${TRAVEL.toLocaleString('en')} rows down and back (${result.rowsRead.toLocaleString('en')} rows read)`, medianMs: result.travelMs, runs: 1 },
    ];
    printTable(`preview grid in Chromium over a ${ROWS.toLocaleString('en')}-row view (${result.rowsInDom} rows in the page at once)`, rows);
    const heapMiB = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
    console.log(`  rows kept: at most ${result.maxKept.toLocaleString('en')}, ${result.keptAfter.toLocaleString('en')} after the trip (window ${result.window.toLocaleString('en')}); JS heap ${heapMiB(result.heapBefore)} MiB before, ${heapMiB(result.heapAfter)} MiB after`);
    if (result.firstRowShown !== 1) {
      throw new Error(`scrolled back to the top but the first row shown is ${result.firstRowShown}`);
    }
    if (result.maxKept > result.window) {
      throw new Error(`the grid kept ${result.maxKept} rows, more than its window of ${result.window}`);
    }
    const summary = { gridRowsKeptAfter1M: result.keptAfter, gridRowsKeptMax: result.maxKept, windowRows: result.window, heapAfter1MMiB: heapMiB(result.heapAfter) };
    fs.writeFileSync(
      path.join(resultsDir, 'grid.json'),
      `${JSON.stringify({ benchmark: 'grid', date: new Date().toISOString(), viewRows: ROWS, travelledRows: TRAVEL, browser: browser.version(), machine: machine(), rowsInDom: result.rowsInDom, summary, results: rows }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
  }
}
