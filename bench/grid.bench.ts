// The preview grid with 100,000 loaded rows, in Chromium (the engine of VS
// Code's webviews): how long loading them takes, how long each frame takes
// while scrolling through them, and how many rows are in the page at once
// (the virtualization: a few dozen, whatever is loaded).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/codeServer';
import { machine, printTable } from './machine';
import { summarizeTrace } from './traceSummary';

const ROWS = 10_000_000;
const TRAVEL = 1_000_000;
const PAGE = 2_000;
const FRAMES = 240;
/** What VS Code sets on a webview's <html> (Light Modern's colours, its editor font): the grid is measured as users see it, on an opaque background. */
const VSCODE_THEME = [
  '--vscode-editor-background: #ffffff',
  '--vscode-editor-foreground: #3b3b3b',
  '--vscode-editorLineNumber-foreground: #6e7681',
  '--vscode-list-hoverBackground: #f2f2f2',
  '--vscode-panel-border: #e5e5e5',
  '--vscode-editorGroupHeader-tabsBackground: #f8f8f8',
  '--vscode-descriptionForeground: #3b3b3b',
  "--vscode-editor-font-family: Consolas, 'Courier New', monospace",
  '--vscode-editor-font-size: 14px',
  '--vscode-font-family: system-ui, sans-serif',
  'color: #3b3b3b',
  'background: #ffffff',
].join('; ');

// Glue run in the page: builds the grid, loads the rows page by page as the
// panel does, then scrolls a screen a frame and records each frame's time.
const PAGE_SCRIPT = `
import { Grid, WINDOW_ROWS } from './webview/grid/grid';
let pending;
const grid = new Grid({ need(first, last) { pending = { first, last }; }, jump() {}, sort() {}, open() {}, copy() {}, t: (s) => s });
grid.setColumns([
  { name: 'id', type: 'bigint' }, { name: 'district', type: 'text' }, { name: 'cases', type: 'integer' },
  { name: 'amount', type: 'numeric(12,2)' }, { name: 'reported_at', type: 'timestamp with time zone' },
  { name: 'note', type: 'text' }, { name: 'flag', type: 'boolean' }, { name: 'tags', type: 'text[]' },
]);
document.getElementById('app').append(grid.element);
document.getElementById('app').style.cssText = 'position: relative; height: 800px;';
// Resolves with the frame's start time as the compositor scheduled it (not when the callback ran: that jitters by a millisecond).
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
  // The display's refresh interval, from frames where nothing happens.
  const idle = [];
  let previous = await nextFrame();
  for (let i = 0; i < 30; i++) {
    const now = await nextFrame();
    idle.push(now - previous);
    previous = now;
  }
  idle.sort((a, b) => a - b);
  const measured = idle[Math.floor(idle.length / 2)];
  // The timestamps are coarsened to 0.1 ms: 16.6 to 16.8 is the 60 Hz of a headless Chromium.
  const refresh = Math.abs(measured - 1000 / 60) < 0.5 ? 1000 / 60 : measured;
  // Each frame's time in whole refresh intervals: on time is one interval (16.7 ms at 60 Hz), a dropped frame two or more.
  const measure = async (frames, step) => {
    const times = [];
    let last = await nextFrame();
    for (let f = 0; f < frames; f++) {
      el.dispatchEvent(new WheelEvent('wheel'));
      step();
      const now = await nextFrame();
      serve(rows, page);
      times.push(Math.max(1, Math.round((now - last) / refresh)) * refresh);
      last = now;
    }
    times.sort((a, b) => a - b);
    const dropped = times.filter((t) => t > refresh + 0.01).length;
    return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1], dropped };
  };
  performance.mark('wheel-start');
  const wheel = await measure(frames, () => (el.scrollTop += 120));
  performance.mark('wheel-end');
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
  const shown = [...el.querySelectorAll('.grid-row:not(.pending):not([hidden]) .grid-rownum')].map((n) => Number(n.textContent));
  return { firstMs, refresh, wheel, paging, travelMs, rowsRead: read, maxKept, keptAfter: grid.loaded.rows, window: WINDOW_ROWS, heapBefore, heapAfter,
    rowsInDom: el.querySelectorAll('.grid-row:not(.grid-footer):not([hidden])').length, firstRowShown: Math.min(...shown) };
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
    await page.setContent(`<!DOCTYPE html><html style="${VSCODE_THEME}"><head><style>${css}</style></head><body><main id="app"></main></body></html>`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    if (errors.length > 0) {
      throw new Error(`the grid failed to load: ${errors.join('; ')}`);
    }
    type Frames = { median: number; p95: number; max: number; dropped: number };
    // OPENHEXA_BENCH_TRACE=<file>: a Chromium trace of the run, and where the wheel frames' main-thread time went.
    const traceFile = process.env.OPENHEXA_BENCH_TRACE;
    if (traceFile) {
      await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'] });
    }
    const result = (await page.evaluate(`window.runBench(${ROWS}, ${PAGE}, ${FRAMES}, ${traceFile ? 0 : TRAVEL})`)) as {
      firstMs: number; refresh: number; wheel: Frames; paging: Frames; travelMs: number; rowsRead: number; maxKept: number; keptAfter: number; window: number;
      heapBefore: number; heapAfter: number; rowsInDom: number; firstRowShown: number;
    };
    const rows = [
      { case: `first page (${PAGE} rows) shown`, medianMs: result.firstMs, runs: 1 },
      { case: 'frame, wheel scrolling (120 px a frame): median', medianMs: result.wheel.median, runs: FRAMES },
      { case: 'frame, wheel scrolling: 95th percentile', medianMs: result.wheel.p95, runs: FRAMES },
      { case: 'frame, a new screen each frame: median', medianMs: result.paging.median, runs: FRAMES },
      { case: 'frame, a new screen each frame: 95th percentile', medianMs: result.paging.p95, runs: FRAMES },
      { case: 'frames dropped, wheel scrolling (of 240)', medianMs: result.wheel.dropped, runs: FRAMES },
      { case: 'frames dropped, a new screen each frame (of 240)', medianMs: result.paging.dropped, runs: FRAMES },
      { case: `${TRAVEL.toLocaleString('en')} rows down and back (${result.rowsRead.toLocaleString('en')} rows read)`, medianMs: result.travelMs, runs: 1 },
    ];
    if (traceFile) {
      await browser.stopTracing();
      const { byKind, spanMs } = summarizeTrace(traceFile, 'wheel-start', 'wheel-end');
      console.log(`\nwheel frames traced (${FRAMES} frames, ${spanMs.toFixed(0)} ms): main-thread time per frame, by kind`);
      for (const [kind, ms] of Object.entries(byKind).sort((a, b) => b[1] - a[1]).slice(0, 12)) {
        console.log(`  ${kind.padEnd(48)} ${(ms / FRAMES).toFixed(2).padStart(8)} ms`);
      }
    }
    printTable(`preview grid in Chromium over a ${ROWS.toLocaleString('en')}-row view (${result.rowsInDom} rows in the page at once)`, rows);
    const heapMiB = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
    console.log(`  rows kept: at most ${result.maxKept.toLocaleString('en')}, ${result.keptAfter.toLocaleString('en')} after the trip (window ${result.window.toLocaleString('en')}); JS heap ${heapMiB(result.heapBefore)} MiB before, ${heapMiB(result.heapAfter)} MiB after`);
    if (traceFile) {
      return; // A traced run travels nowhere and writes no figures: tracing slows every frame.
    }
    if (result.firstRowShown !== 1) {
      throw new Error(`scrolled back to the top but the first row shown is ${result.firstRowShown}`);
    }
    if (result.maxKept > result.window) {
      throw new Error(`the grid kept ${result.maxKept} rows, more than its window of ${result.window}`);
    }
    const summary = {
      refreshMs: Math.round(result.refresh * 100) / 100,
      wheelFrameMedianMs: Math.round(result.wheel.median * 10) / 10,
      wheelFrameP95Ms: Math.round(result.wheel.p95 * 10) / 10,
      wheelFramesDropped: result.wheel.dropped,
      pagingFrameP95Ms: Math.round(result.paging.p95 * 10) / 10,
      pagingFramesDropped: result.paging.dropped,
      gridRowsKeptAfter1M: result.keptAfter,
      gridRowsKeptMax: result.maxKept,
      windowRows: result.window,
      heapAfter1MMiB: heapMiB(result.heapAfter),
    };
    fs.writeFileSync(
      path.join(resultsDir, 'grid.json'),
      `${JSON.stringify({ benchmark: 'grid', date: new Date().toISOString(), viewRows: ROWS, travelledRows: TRAVEL, browser: browser.version(), machine: machine(), rowsInDom: result.rowsInDom, summary, results: rows }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
  }
}
