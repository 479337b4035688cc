import { neutralized, queryResultsToHostSchema, queryResultsToWebviewSchema, toTsv, type QueryResultsToHost, type QueryResultsToWebview, type StatementOutcome } from '../../src/protocol/queryResults';
import type { QUERY_RESULTS_STRINGS } from '../../src/protocol/queryResultsStrings';
import { Grid, type GridColumn } from '../grid/grid';
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { showNotice } from '../shared/notice';
import { button } from '../toolkit';
import { ResultPages } from './model/resultPages';
import { conventionChart, suggestedChart, type ChartSpec } from '../../src/protocol/queryResults';
import { ChartView } from './chartView';

type Text = (typeof QUERY_RESULTS_STRINGS)[number];

const panel = panelApp<QueryResultsToHost, QueryResultsToWebview, Text>(queryResultsToHostSchema, queryResultsToWebviewSchema);
const { host, t } = panel;
let numbers = new Intl.NumberFormat('en');
let neutralizeFormulas = false;
const app = document.getElementById('app')!;

/** One statement of the run: its tab, and what it came to so far. */
interface Tab {
  readonly label: string;
  readonly line: number;
  columns: GridColumn[] | undefined;
  rows: number;
  outcome: StatementOutcome | undefined;
  /** An Explain's plan: drawn instead of the grid. */
  plan?: Extract<QueryResultsToWebview, { type: 'plan' }>;
  /** Its chart: undefined until its rows are all read, null when none is shown. */
  chart?: ChartSpec | null;
}

let runId = 0;
let mode: 'read-only' | 'writes' = 'read-only';
let tabs: Tab[] = [];
let active = 0;
let running = false;
const pages = new ResultPages();

const grid: Grid<number> = new Grid<number>({
  need: (first, last) => ask(pages.need(first, last, grid.loaded, tabSize())),
  jump: (to) => ask(pages.jump(to, tabSize())),
  sort: () => undefined, // A query's order is its ORDER BY.
  open: (r, c) => host.post({ type: 'openValue', runId, index: active, row: r, column: c }),
  copy: (rows, first) => host.post({ type: 'copy', text: toTsv(neutralizeFormulas ? rows.map((row) => row.map((v, i) => (isText(first + i) ? neutralized(v) : v))) : rows), rows: rows.length }),
  t: (text) => t(text as Text),
});

function isText(column: number): boolean {
  return /^(text|character|"char"|name|json|jsonb|xml)/.test(tabs[active]?.columns?.[column]?.type ?? '');
}

const tabBar = h('div', { class: 'result-tabs', role: 'tablist' });
const runLine = h('div', { class: 'run-line', 'aria-live': 'polite' });
const cancelButton = button('', () => cancel(), { attrs: { 'data-action': 'cancel' } });
const message = h('div', { class: 'status', role: 'status' });
const gridWrap = h('div', { class: 'grid-wrap' }, grid.element);
const footer = h('footer', { class: 'preview-status', 'data-result-footer': '' });
const intro = h('p', { class: 'intro' });
const planView = h('div', { class: 'plan', hidden: true });
const toolbar = h('div', { class: 'toolbar', role: 'toolbar' });
let chartRequest = 0;
/** Which tab of which run the chart shows. */
let charted = '';
const chart = new ChartView({
  t: (text, ...args) => t(text as Text, ...args),
  format: (n) => numbers.format(n),
  ask: (spec) => {
    const tab = tabs[active];
    if (tab) {
      tab.chart = spec;
    }
    chartRequest += 1;
    host.post({ type: 'chartRows', runId, index: active, requestId: chartRequest, label: spec.label, value: spec.value });
  },
  save: (png) => host.post({ type: 'saveChart', png, name: tabs[active]?.label.split('\n')[0]?.slice(0, 60) ?? 'chart' }),
});
const chartButton = button('', () => toggleChart(), { attrs: { 'data-action': 'chart' } });
const resultBody = h('div', { class: 'result-body' }, gridWrap, chart.element);

/** Opens the active tab's chart (its own, OpenHEXA's aliases, or a first guess), or closes it. */
function toggleChart(): void {
  const tab = tabs[active];
  if (!tab?.columns) {
    return;
  }
  if (chart.shown) {
    tab.chart = null;
    chart.close();
  } else {
    const names = tab.columns.map((c) => c.name);
    const spec = tab.chart ?? conventionChart(names) ?? suggestedChart(tab.columns);
    if (spec) {
      charted = `${runId}:${active}`;
      chart.open(names, spec, tab.label);
    }
  }
  showChartButton();
}

function showChartButton(): void {
  chartButton.textContent = chart.shown ? t('Hide chart') : t('Chart');
  chartButton.setAttribute('aria-pressed', String(chart.shown));
}

/** A tab whose rows are all read shows its chart: OpenHEXA's aliases draw theirs at once. */
function showChart(): void {
  const tab = tabs[active];
  const o = tab?.outcome;
  const ready = tab?.columns !== undefined && o?.status === 'rows' && o.rows > 0 && !tab.plan && tab.columns.length >= 2;
  chartButton.hidden = !ready;
  if (!ready) {
    if (chart.shown) {
      chart.close();
    }
    charted = '';
    showChartButton();
    return;
  }
  const names = tab.columns!.map((c) => c.name);
  if (tab.chart === undefined) {
    tab.chart = conventionChart(names) ?? null;
  }
  const key = `${runId}:${active}`;
  if (tab.chart && charted !== key) {
    charted = key;
    chart.open(names, tab.chart, tab.label);
  } else if (!tab.chart && chart.shown) {
    chart.close();
  }
  showChartButton();
}

function ms(value: number): string {
  return t('{0} ms', numbers.format(Math.round(value * 100) / 100));
}

/** A node and its children, each a <details> the keyboard opens and closes; the costliest node marked. */
function planNode(node: Extract<QueryResultsToWebview, { type: 'plan' }>['root'], analyzed: boolean): HTMLElement {
  const rows = analyzed && node.actualRows !== undefined ? t('rows {0} (estimated {1})', numbers.format(node.actualRows), numbers.format(node.planRows)) : t('estimated rows {0}', numbers.format(node.planRows));
  const time = analyzed && node.totalMs !== undefined ? t('{0} (own {1})', ms(node.totalMs), ms(node.ownMs ?? 0)) : '';
  const cost = t('cost {0} (own {1})', numbers.format(node.totalCost), numbers.format(Math.round(node.ownCost * 100) / 100));
  const loops = node.loops !== undefined && node.loops > 1 ? t('loops {0}', numbers.format(node.loops)) : '';
  const summary = h(
    'summary',
    { class: `plan-node${node.costliest ? ' costliest' : ''}` },
    h('span', { class: 'plan-label' }, node.label),
    node.costliest ? h('span', { class: 'plan-badge' }, t('most expensive')) : '',
    h('span', { class: 'plan-detail' }, node.detail),
    h('span', { class: 'plan-figures' }, [rows, time, cost, loops].filter(Boolean).join(' · ')),
  );
  const details = h('details', { open: '' }, summary, ...node.children.map((child) => planNode(child, analyzed)));
  if (node.children.length === 0) {
    details.classList.add('leaf');
  }
  return details;
}

function showPlan(plan: NonNullable<Tab['plan']>): void {
  const times = [plan.planningMs !== undefined ? t('planning {0}', ms(plan.planningMs)) : '', plan.executionMs !== undefined ? t('execution {0}', ms(plan.executionMs)) : ''].filter(Boolean).join(' · ');
  planView.replaceChildren(
    h('div', { class: 'plan-head' }, h('span', { class: 'grow' }, plan.analyzed ? t('Plan with rows and times (the statement ran, and was rolled back)') : t('Plan (the statement did not run)'), times ? ` · ${times}` : ''), button(t('Show the plan as JSON'), () => host.post({ type: 'openValue', runId, index: active, row: 0, column: 0 }), { attrs: { 'data-action': 'plan-json' } })),
    h('div', { class: 'plan-tree', role: 'tree' }, planNode(plan.root, plan.analyzed)),
  );
}
const exportButton = button('', () => startExport(), { attrs: { 'data-action': 'export' } });
/** Editors and admins: a result as a new table. */
let canWrite = false;
const copyTableButton = button('', () => host.post({ type: 'copyToTable', runId, index: active }), { attrs: { 'data-action': 'copy-to-table' } });
const cancelExportButton = button('', () => host.post({ type: 'cancelExport' }), { attrs: { 'data-action': 'cancel-export', hidden: 'true' } });
const exportStatus = h('span', { class: 'export-status', 'aria-live': 'polite' });
let exporting = false;

function startExport(): void {
  if (exporting) {
    return;
  }
  host.post({ type: 'export', runId, index: active });
}

/** Export is offered for a statement whose rows are all read (the export runs it again through COPY). */
function showExport(): void {
  const tab = tabs[active];
  const done = tab?.outcome?.status === 'rows' && !running && !tab.plan;
  exportButton.hidden = !done;
  copyTableButton.hidden = !done || !canWrite;
  cancelExportButton.hidden = !exporting;
  if (exporting) {
    exportButton.setAttribute('disabled', '');
  } else {
    exportButton.removeAttribute('disabled');
  }
}

function layout(): void {
  cancelButton.textContent = t('Cancel');
  exportButton.textContent = t('Export CSV…');
  copyTableButton.textContent = t('Copy to New Table…');
  cancelExportButton.textContent = t('Cancel export');
  intro.textContent = t('Run a statement with Ctrl+Enter (the statement under the cursor, or the selection), or the whole document with Run Query Document.');
  toolbar.replaceChildren(
    button(t('Copy cell'), () => grid.copyCell(), { attrs: { 'data-action': 'copy-cell' } }),
    button(t('Copy row'), () => grid.copyRows(), { attrs: { 'data-action': 'copy-row' } }),
    button(t('Copy selection'), () => grid.copySelection(), { attrs: { 'data-action': 'copy-selection' } }),
    button(t('Open value'), () => host.post({ type: 'openValue', runId, index: active, row: grid.activeCell.r, column: grid.activeCell.c }), { attrs: { 'data-action': 'open-value' } }),
    h('span', { class: 'grow' }),
    chartButton,
    copyTableButton,
    exportStatus,
    cancelExportButton,
    exportButton,
  );
  const help = h('p', { class: 'keys-help' }, t('Arrows move, Shift+arrows select, Ctrl+C copies as TSV, Enter opens the value, Home/End and Ctrl+Home/End jump'));
  app.replaceChildren(h('div', { class: 'preview query-results' }, h('div', { class: 'run-head' }, runLine, cancelButton), intro, tabBar, message, toolbar, resultBody, planView, footer, help));
  app.removeAttribute('aria-busy');
  showRun();
  showActive();
}

function duration(ms: number): string {
  return ms < 1000 ? t('{0} ms', numbers.format(Math.round(ms))) : t('{0} s', numbers.format(Math.round(ms / 100) / 10));
}

function rowsText(rows: number): string {
  return rows === 1 ? t('1 row') : t('{0} rows', numbers.format(rows));
}

/** The tab a message is about, if it is about the run shown. */
function tabOf(message: { runId: number; index: number }): Tab | undefined {
  return message.runId === runId ? tabs[message.index] : undefined;
}

function tabSize(): { total: number; complete: boolean } {
  const tab = tabs[active];
  return { total: tab?.rows ?? 0, complete: tab?.outcome !== undefined };
}

/** Asks the host for a page the grid needs (at most one at a time; the latest need wins). */
function ask(request: ReturnType<ResultPages['need']>): void {
  if (request) {
    host.post({ type: 'rows', runId, index: active, requestId: request.requestId, from: request.from, count: request.count });
  }
}

function cancel(): void {
  cancelButton.setAttribute('disabled', '');
  runLine.textContent = t('Cancelling…');
  host.post({ type: 'cancel', runId });
}

function showRun(): void {
  cancelButton.hidden = !running;
  cancelButton.removeAttribute('disabled');
  intro.hidden = tabs.length > 0;
  if (running) {
    runLine.textContent = `${t('Running…')} · ${mode === 'writes' ? t('Writes allowed') : t('Read-only')}`;
  }
}

function tabLabel(tab: Tab, i: number): string {
  const o = tab.outcome;
  const state = !o ? (running ? '…' : '') : o.status === 'rows' ? ` (${numbers.format(o.rows)})` : o.status === 'failed' ? ' ⚠' : o.status === 'not run' ? ' –' : ' ✓';
  return `${t('Statement {0}', String(i + 1))}${state}`;
}

function showTabs(): void {
  tabBar.replaceChildren(
    ...tabs.map((tab, i) => {
      const el = h('button', { class: 'result-tab', role: 'tab', 'aria-selected': String(i === active), tabindex: i === active ? '0' : '-1', title: tab.label, 'data-tab': String(i) }, tabLabel(tab, i));
      el.addEventListener('click', () => select(i, true));
      el.addEventListener('keydown', (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step !== 0 && tabs.length > 0) {
          const next = (active + step + tabs.length) % tabs.length;
          select(next, true);
          (tabBar.children[next] as HTMLElement | undefined)?.focus();
        }
      });
      return el;
    }),
  );
  tabBar.hidden = tabs.length < 2;
}

/** What the active statement came to, said above the grid (or instead of it). */
function showActive(): void {
  const tab = tabs[active];
  const o = tab?.outcome;
  gridWrap.hidden = !tab?.columns || tab.plan !== undefined || o?.status === 'failed' || o?.status === 'not run';
  // The copy buttons act on the grid: away with it.
  toolbar.hidden = gridWrap.hidden && !exporting;
  planView.hidden = tab?.plan === undefined;
  if (tab?.plan) {
    showPlan(tab.plan);
  }
  message.className = 'status';
  message.textContent = '';
  if (!tab) {
    footer.textContent = '';
    return;
  }
  if (o?.status === 'done') {
    message.classList.add('status-ok');
    message.textContent = `${o.command}${o.rowCount === null ? '' : ` · ${o.rowCount === 1 ? t('{0} row affected', '1') : t('{0} rows affected', numbers.format(o.rowCount))}`} · ${duration(o.ms)}`;
  } else if (o?.status === 'failed') {
    message.classList.add('status-error');
    message.setAttribute('role', 'alert');
    message.textContent = o.reason === 'timeout' ? t('Timed out after the statement timeout (setting openhexa.query.statementTimeoutSeconds).') : o.reason === 'cancelled' ? t('Cancelled: the server stopped the statement, and nothing was written.') : t('Failed: {0}', o.message);
  } else if (o?.status === 'not run') {
    message.textContent = t('Not run: an earlier statement failed.');
  }
  showExport();
  showChart();
  const counted = o?.status === 'rows' ? t('{0} in {1}', rowsText(o.rows), duration(o.ms)) : tab.columns ? t('{0} rows so far…', numbers.format(tab.rows)) : '';
  footer.textContent = counted;
  grid.setFooter(o?.status === 'rows' ? (o.rows === 0 ? t('No rows.') : t('End of the result')) : tab.columns ? t('Loading…') : '');
}

function select(i: number, reveal: boolean): void {
  if (i === active && tabs[i]?.columns === undefined) {
    showTabs();
    showActive();
    return;
  }
  active = i;
  pages.reset();
  const tab = tabs[i];
  if (tab?.columns) {
    grid.setColumns(tab.columns);
    grid.reset();
    grid.setTotal(tab.rows, tab.outcome !== undefined);
    ask(pages.start(tabSize()));
  }
  showTabs();
  showActive();
  if (reveal) {
    host.post({ type: 'reveal', runId, index: i });
  }
}

panel.start((msg) => {
  switch (msg.type) {
    case 'init':
      numbers = new Intl.NumberFormat(msg.locale);
      neutralizeFormulas = msg.neutralizeFormulas;
      canWrite = msg.canWrite;
      layout();
      return;
    case 'runStarted':
      runId = msg.runId;
      mode = msg.mode;
      running = true;
      tabs = msg.statements.map((s) => ({ label: s.label, line: s.line, columns: undefined, rows: 0, outcome: undefined }));
      active = 0;
      pages.reset();
      showRun();
      showTabs();
      showActive();
      return;
    case 'columns': {
      const tab = tabOf(msg);
      if (!tab) {
        return;
      }
      const first = tab.columns === undefined;
      tab.columns = msg.columns.map((c) => ({ name: c.name, type: c.type }));
      if (msg.index === active || (first && !tabs[active]?.columns && tabs[active]?.outcome)) {
        // The same statement's columns again (its types named once its rows were read) keep the rows shown.
        const fresh = first || msg.index !== active;
        active = msg.index;
        grid.setColumns(tab.columns);
        if (fresh) {
          pages.reset();
          grid.reset();
          grid.setTotal(tab.rows, tab.outcome !== undefined);
          if (tab.rows > 0) {
            ask(pages.start(tabSize()));
          }
        }
        showActive();
        showTabs();
      }
      return;
    }
    case 'progress': {
      const tab = tabOf(msg);
      if (!tab) {
        return;
      }
      const before = tab.rows;
      tab.rows = msg.rows;
      if (msg.index === active) {
        grid.setTotal(msg.rows, false);
        if (before === 0) {
          ask(pages.start(tabSize())); // The first rows are here: show them.
        }
        showActive();
      }
      return;
    }
    case 'statement': {
      const tab = tabOf(msg);
      if (!tab) {
        return;
      }
      tab.outcome = msg.outcome;
      if (msg.outcome.status === 'rows') {
        const before = tab.rows;
        tab.rows = msg.outcome.rows;
        if (msg.index === active) {
          grid.setTotal(tab.rows, true);
          if (before === 0 && tab.rows > 0) {
            ask(pages.start(tabSize()));
          }
        }
      }
      // A failure is what the user needs to see: its tab comes forward.
      if (msg.outcome.status === 'failed' && msg.index !== active) {
        select(msg.index, false);
      }
      showTabs();
      showActive();
      return;
    }
    case 'runEnded':
      if (msg.runId !== runId) {
        return;
      }
      running = false;
      showRun();
      runLine.textContent =
        msg.ended === 'committed'
          ? `${t('Committed.')} ${duration(msg.ms)}`
          : msg.ended === 'cancelled'
            ? t('Cancelled: the server stopped the statement, and nothing was written.')
            : msg.ended === 'failed'
              ? t('Failed: {0}', msg.message ?? '')
              : mode === 'writes'
                ? t('Rolled back: nothing was written.')
                : `${t('Read-only run: nothing was written.')} ${duration(msg.ms)}`;
      runLine.className = `run-line${msg.ended === 'failed' ? ' run-failed' : ''}`;
      showTabs();
      showActive();
      return;
    case 'rows': {
      const placed = msg.runId === runId && msg.index === active ? pages.answered(msg.requestId, msg.from, msg.rows.length, tabSize()) : undefined;
      if (!placed) {
        return;
      }
      const cut = new Map<number, number[]>();
      for (const [r, c] of msg.truncated) {
        cut.set(r, [...(cut.get(r) ?? []), c]);
      }
      grid.replace(
        msg.rows.map((cells, r) => ({ cells, at: msg.from + r, ...(cut.has(r) ? { cut: cut.get(r)! } : {}) })),
        placed.place,
      );
      if (placed.goTo !== undefined) {
        grid.goTo(placed.goTo);
      }
      ask(pages.afterAnswer(grid.loaded, tabSize()));
      return;
    }
    case 'plan': {
      const tab = tabOf(msg);
      if (tab) {
        tab.plan = msg;
        showActive();
      }
      return;
    }
    case 'chartRows':
      if (msg.runId === runId && msg.index === active && msg.requestId === chartRequest) {
        chart.show(msg.rows, msg.more);
      }
      return;
    case 'rowsError':
      pages.reset();
      showNotice(msg.message, true);
      return;
    case 'notice':
      showNotice(msg.text, msg.error);
      return;
    case 'exportProgress':
      exporting = true;
      exportStatus.textContent = t('{0} MiB written', numbers.format(Math.floor(msg.bytes / 2 ** 20)));
      showExport();
      return;
    case 'exportEnded':
      exporting = false;
      exportStatus.textContent = msg.message;
      exportStatus.classList.toggle('error', msg.outcome === 'failed');
      showExport();
      return;
  }
});
