// The preview grid with 100,000 loaded rows, in Chromium (the engine of VS
// Code's webviews): how long loading them takes, how long each frame takes
// while scrolling through them, and how many rows are in the page at once
// (the virtualization: a few dozen, whatever is loaded).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/codeServer';
import { machine, printTable } from './machine';

const ROWS = 100_000;
const PAGE = 2_000;
const FRAMES = 240;

// Glue run in the page: builds the grid, loads the rows page by page as the
// panel does, then scrolls a screen a frame and records each frame's time.
const PAGE_SCRIPT = `
import { Grid } from './webview/preview/grid';
const grid = new Grid({ needMore() {}, sort() {}, open() {}, copy() {}, t: (s) => s });
grid.setColumns([
  { name: 'id', type: 'bigint' }, { name: 'district', type: 'text' }, { name: 'cases', type: 'integer' },
  { name: 'amount', type: 'numeric(12,2)' }, { name: 'reported_at', type: 'timestamp with time zone' },
  { name: 'note', type: 'text' }, { name: 'flag', type: 'boolean' }, { name: 'tags', type: 'text[]' },
]);
document.getElementById('app').append(grid.element);
document.getElementById('app').style.cssText = 'position: relative; height: 800px;';
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
window.runBench = async (rows, page, frames) => {
  const startLoad = performance.now();
  for (let start = 0; start < rows; start += page) {
    const chunk = [];
    for (let i = start; i < Math.min(rows, start + page); i++) {
      chunk.push([String(i + 1), 'district ' + (i % 97), i % 11 ? String((i * 7919) % 5000) : null, (i % 100000 / 100).toFixed(2),
        '2024-01-01 00:00:00+00', 'visit ' + i + ' notes', i % 2 ? 't' : 'f', '{a,b,"c d"}']);
    }
    grid.append(chunk, []);
    await nextFrame();
  }
  const loadMs = performance.now() - startLoad;
  const el = grid.element;
  const measure = async (frames, step) => {
    const times = [];
    let last = performance.now();
    for (let f = 0; f < frames; f++) {
      step();
      await nextFrame();
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1] };
  };
  // A mouse wheel: about 120 px a frame, a few rows in, a few out.
  const wheel = await measure(frames, () => (el.scrollTop += 120));
  // Page Down held, or the scroll bar dragged: a whole new screen each frame.
  const paging = await measure(frames, () => (el.scrollTop += el.clientHeight));
  el.scrollTop = el.scrollHeight;
  await nextFrame();
  await nextFrame();
  const shown = [...el.querySelectorAll('.grid-rownum')].map((n) => Number(n.textContent));
  return { loadMs, wheel, paging, rowsInDom: el.querySelectorAll('.grid-row:not(.grid-footer)').length, lastRowShown: Math.max(...shown) };
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
    const result = (await page.evaluate(`window.runBench(${ROWS}, ${PAGE}, ${FRAMES})`)) as { loadMs: number; wheel: Frames; paging: Frames; rowsInDom: number; lastRowShown: number };
    const rows = [
      { case: `load ${ROWS.toLocaleString('en')} rows (${PAGE} a page, one frame each)`, medianMs: result.loadMs, runs: 1 },
      { case: 'frame, wheel scrolling (120 px a frame): median', medianMs: result.wheel.median, runs: FRAMES },
      { case: 'frame, wheel scrolling: 95th percentile', medianMs: result.wheel.p95, runs: FRAMES },
      { case: 'frame, a new screen each frame: median', medianMs: result.paging.median, runs: FRAMES },
      { case: 'frame, a new screen each frame: 95th percentile', medianMs: result.paging.p95, runs: FRAMES },
    ];
    printTable(`preview grid in Chromium with ${ROWS.toLocaleString('en')} loaded rows (${result.rowsInDom} rows in the page at once)`, rows);
    if (result.lastRowShown !== ROWS) {
      throw new Error(`scrolled to the end but the last row shown is ${result.lastRowShown}`);
    }
    fs.writeFileSync(
      path.join(resultsDir, 'grid.json'),
      `${JSON.stringify({ benchmark: 'grid', date: new Date().toISOString(), loadedRows: ROWS, browser: browser.version(), machine: machine(), rowsInDom: result.rowsInDom, results: rows }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
  }
}
