import { filterProblem, neutralized, previewToHostSchema, previewToWebviewSchema, toTsv, type FilterOp, type PreviewToHost, type PreviewToWebview, type PreviewView, type ValueKind } from '../../src/protocol/preview';
import type { PREVIEW_STRINGS } from '../../src/protocol/previewStrings';
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { clearNotice, showNotice } from '../shared/notice';
import { button as makeButton, focusControl, select, setDisabled, setInvalid, textField, valueOf } from '../toolkit';
import { Grid, type GridColumn, type GridRow } from '../grid/grid';
import { FIRST_PAGE, NEXT_PAGE, PageRequests, placement, type JumpNote, type Wanted } from './model/pageRequests';

type Text = (typeof PREVIEW_STRINGS)[number];
type Cursor = NonNullable<Extract<PreviewToHost, { type: 'page' }>['after']>;
type Filter = PreviewView['filters'][number];

const panel = panelApp<PreviewToHost, PreviewToWebview, Text>(previewToHostSchema, previewToWebviewSchema);
const { host } = panel;
const { t } = panel;
let numbers = new Intl.NumberFormat('en');
const app = document.getElementById('app')!;

const OPS: { op: FilterOp; label: Text; needs: 'value' | 'values' | 'none' }[] = [
  { op: 'eq', label: 'equals', needs: 'value' },
  { op: 'ne', label: 'not equal to', needs: 'value' },
  { op: 'lt', label: 'less than', needs: 'value' },
  { op: 'gt', label: 'greater than', needs: 'value' },
  { op: 'contains', label: 'contains', needs: 'value' },
  { op: 'startsWith', label: 'starts with', needs: 'value' },
  { op: 'isNull', label: 'is null', needs: 'none' },
  { op: 'isNotNull', label: 'is not null', needs: 'none' },
  { op: 'in', label: 'in list', needs: 'values' },
];

interface Draft {
  column: string;
  op: FilterOp;
  text: string;
}

let columns: (GridColumn & { kind: ValueKind })[] = [];
let view: PreviewView = { filters: [] };
let drafts: Draft[] = [];
const pages = new PageRequests();
/** Bumped on each new sort or filter; counts of an older view are dropped. */
let viewId = 0;
let exporting = false;
let neutralizeFormulas = false;

/** With the setting on, text cells that a spreadsheet would run as a formula get a leading ' (never other types). */
function safeForSpreadsheets(rows: readonly (readonly (string | null)[])[], first: number): (string | null)[][] {
  return rows.map((row) => row.map((value, i) => (neutralizeFormulas && columns[first + i]?.text ? neutralized(value) : value)));
}

const grid: Grid<Cursor> = new Grid<Cursor>({
  need: (first, last) => need(first, last),
  jump: (to) => request({ kind: to }),
  sort: (column) => cycleSort(column),
  open: (r, c) => openValue(r, c),
  copy: (rows, first) => host.post({ type: 'copy', text: toTsv(safeForSpreadsheets(rows, first)), rows: rows.length }),
  t: (text) => t(text as Text),
});

const titleEl = h('h1', { class: 'preview-title' });
const keyNote = h('span', { class: 'key-note' });
const filterRows = h('div', { class: 'filter-rows' });
const errorBanner = h('div', { class: 'status status-error', role: 'alert', hidden: true });
const rowCountEl = h('span', { class: 'row-count', 'data-row-count': '' });
const loadedEl = h('span', { class: 'loaded' });
const jumpNote = h('span', { class: 'jump-note', 'data-jump-note': '', 'aria-live': 'polite' });
const exportStatus = h('span', { class: 'export-status', 'aria-live': 'polite' });
const emptyState = h('div', { class: 'empty-state', hidden: true });
const footerSep = h('span', { class: 'sep' }, '·');

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  return makeButton(label, onClick, { attrs });
}

const countButton = button('', () => countExactly(), { 'data-action': 'count' });
const applyButton = button('', () => applyFilters(), { 'data-action': 'apply-filters' });
const clearButton = button('', () => clearFilters(), { 'data-action': 'clear-filters' });
const exportButton = button('', () => startExport(), { 'data-action': 'export' });
const cancelExportButton = button('', () => host.post({ type: 'cancelExport' }), { 'data-action': 'cancel-export', hidden: 'true' });

function layout(): void {
  // Labels set here, once the translated strings have arrived in `init`.
  countButton.textContent = t('Count exactly');
  exportButton.textContent = t('Export CSV…');
  cancelExportButton.textContent = t('Cancel export');
  applyButton.textContent = t('Apply');
  clearButton.textContent = t('Clear');
  const actions = h(
    'div',
    { class: 'toolbar', role: 'toolbar' },
    button(t('Copy cell'), () => grid.copyCell(), { 'data-action': 'copy-cell' }),
    button(t('Copy row'), () => grid.copyRows(), { 'data-action': 'copy-row' }),
    button(t('Copy selection'), () => grid.copySelection(), { 'data-action': 'copy-selection' }),
    button(t('Open value'), () => openValue(grid.activeCell.r, grid.activeCell.c), { 'data-action': 'open-value' }),
    h('span', { class: 'grow' }),
    exportStatus,
    cancelExportButton,
    exportButton,
  );
  const filters = h(
    'section',
    { class: 'filters', 'aria-label': t('Filters') },
    filterRows,
    h(
      'div',
      { class: 'buttons' },
      button(t('Add filter'), () => addFilter(), { 'data-action': 'add-filter' }),
      applyButton,
      clearButton,
    ),
  );
  const footer = h('footer', { class: 'preview-status' }, rowCountEl, countButton, footerSep, loadedEl, jumpNote);
  const help = h('p', { class: 'keys-help' }, t('Arrows move, Shift+arrows select, Ctrl+C copies as TSV, Enter opens the value, Home/End and Ctrl+Home/End jump'));
  app.replaceChildren(h('div', { class: 'preview' }, h('header', { class: 'preview-head' }, titleEl, keyNote), filters, actions, errorBanner, h('div', { class: 'grid-wrap' }, grid.element, emptyState), footer, help));
  app.removeAttribute('aria-busy');
}

/** What is wrong with a filter row's value for its column, in the user's words; '' when nothing. */
function draftProblem(draft: Draft): string {
  const [filter] = filtersOf([draft]);
  const column = columns.find((c) => c.name === draft.column);
  const problem = filter && column ? filterProblem(filter, column.kind, column.type) : undefined;
  return problem ? t(problem) : '';
}

/** Each row's value checked as typed: the problem under the row, the field marked. */
function showDraftProblems(): boolean {
  let any = false;
  drafts.forEach((draft, i) => {
    const problem = draftProblem(draft);
    any ||= problem !== '';
    const slot = filterRows.querySelector(`[data-filter-error="${i}"]`);
    if (slot) {
      slot.textContent = problem;
    }
    const field = filterRows.querySelector(`[data-filter-value="${i}"]`);
    if (field) {
      setInvalid(field, problem !== '');
    }
  });
  return any;
}

/**
 * Apply is the main action only while the filter rows say something the
 * grid does not show yet, and nothing in them is wrong; with nothing to
 * apply or clear, those buttons rest.
 */
function updateFilterButtons(): void {
  const wrong = showDraftProblems();
  const pending = JSON.stringify(filtersOf(drafts)) !== JSON.stringify(view.filters);
  applyButton.setAttribute('appearance', pending && !wrong ? 'primary' : 'secondary');
  setDisabled(applyButton, !pending || wrong);
  setDisabled(clearButton, drafts.length === 0 && view.filters.length === 0);
}

function renderFilters(): void {
  filterRows.replaceChildren(
    ...drafts.map((draft, i) => {
      const column = select(
        columns.map((c) => ({ value: c.name, label: c.name })),
        draft.column,
        { 'aria-label': t('Column'), 'data-filter-column': String(i) },
      );
      const op = select(
        OPS.map((o) => ({ value: o.op, label: t(o.label) })),
        draft.op,
        { 'aria-label': t('Operator'), 'data-filter-op': String(i) },
      );
      const needs = OPS.find((o) => o.op === draft.op)?.needs ?? 'value';
      const hint = needs === 'values' ? t('Values, comma-separated') : t('Value');
      const value = textField({ label: hint, hideLabel: true, value: draft.text, attrs: { placeholder: hint, 'data-filter-value': String(i), 'aria-describedby': `filter-error-${i}`, hidden: needs === 'none' } });
      column.addEventListener('change', () => {
        draft.column = valueOf(column);
        updateFilterButtons();
      });
      op.addEventListener('change', () => {
        draft.op = valueOf(op) as FilterOp;
        renderFilters();
        focusControl(filterRows.querySelector(`[data-filter-op="${i}"]`) as HTMLElement | null);
      });
      value.addEventListener('input', () => {
        draft.text = valueOf(value);
        updateFilterButtons();
      });
      value.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') {
          draft.text = valueOf(value);
          if (!showDraftProblems()) {
            applyFilters();
          }
        }
      });
      const remove = button('×', () => {
        drafts.splice(i, 1);
        renderFilters();
      }, { 'aria-label': t('Remove this filter'), title: t('Remove this filter'), 'data-filter-remove': String(i) });
      const problem = h('div', { class: 'field-error filter-error', id: `filter-error-${i}`, 'data-filter-error': String(i), role: 'alert' });
      return h('div', { class: 'filter' }, h('div', { class: 'filter-row' }, column, op, value, remove), problem);
    }),
  );
  updateFilterButtons();
}

function addFilter(): void {
  const { c } = grid.activeCell;
  drafts.push({ column: columns[c]?.name ?? columns[0]?.name ?? '', op: 'eq', text: '' });
  renderFilters();
  focusControl(filterRows.querySelector(`[data-filter-value="${drafts.length - 1}"]`) as HTMLElement | null);
}

/** The filters the rows say; a row that needs a value and has none yet says nothing. */
function filtersOf(list: Draft[]): Filter[] {
  return list
    .filter((d) => d.column && (OPS.find((o) => o.op === d.op)?.needs === 'none' || d.text.trim().length > 0))
    .map((d): Filter => {
      const needs = OPS.find((o) => o.op === d.op)?.needs;
      if (needs === 'none') return { column: d.column, op: d.op };
      if (needs === 'values') {
        return { column: d.column, op: d.op, values: d.text.split(',').map((v) => v.trim()).filter((v) => v.length > 0) };
      }
      return { column: d.column, op: d.op, value: d.text };
    });
}

function applyFilters(): void {
  if (showDraftProblems()) {
    return;
  }
  view = { ...view, filters: filtersOf(drafts) };
  updateFilterButtons();
  reload();
}

function clearFilters(): void {
  drafts = [];
  renderFilters();
  applyFilters();
}

function cycleSort(column: string): void {
  const current = view.sort?.column === column ? view.sort.direction : undefined;
  const sort = current === undefined ? { column, direction: 'asc' as const } : current === 'asc' ? { column, direction: 'desc' as const } : undefined;
  view = { ...view, sort };
  grid.setSort(sort);
  reload();
}

/** A new sort or filter: back to the first page, an estimate of the rows it matches. */
function reload(): void {
  grid.reset();
  // What was said of the previous view goes with it: an error, a toast, its counts.
  emptyState.hidden = true;
  errorBanner.hidden = true;
  clearNotice();
  jumpNote.textContent = '';
  rowCountEl.textContent = '';
  countButton.hidden = false;
  showLoaded();
  request({ kind: 'start' });
  viewId += 1;
  host.post({ type: 'estimate', view, viewId });
}

function request(wanted: Wanted): void {
  const requestId = pages.ask(wanted);
  const loaded = grid.loaded;
  grid.setFooter(t('Loading…'));
  switch (wanted.kind) {
    case 'start':
      host.post({ type: 'page', requestId, view, pageSize: FIRST_PAGE });
      return;
    case 'end':
      host.post({ type: 'page', requestId, view, last: true, pageSize: NEXT_PAGE });
      return;
    case 'after':
      host.post({ type: 'page', requestId, view, after: grid.rowAt(loaded.end - 1)?.at, pageSize: NEXT_PAGE });
      return;
    case 'before':
      host.post({ type: 'page', requestId, view, before: grid.rowAt(loaded.start)?.at, pageSize: NEXT_PAGE });
      return;
    case 'jump': {
      const { total } = grid.size;
      const landmark = grid.closestLandmark(wanted.position);
      // Where the page will start if the host goes from the landmark.
      wanted.landmark = landmark?.position;
      host.post({
        type: 'jump',
        requestId,
        view,
        fraction: total > 1 ? Math.min(1, wanted.position / (total - 1)) : 0,
        position: wanted.position,
        landmark: landmark?.at,
        pageSize: NEXT_PAGE,
      });
      return;
    }
  }
}

/** Rows first..last are in view: the page they need, if any. Nothing while an error is shown. */
function need(first: number, last: number): void {
  const wanted = errorBanner.hidden ? pages.next(first, last, grid.loaded) : undefined;
  if (wanted) {
    request(wanted);
  }
}

function rowsOf(message: Extract<PreviewToWebview, { type: 'page' }>): GridRow<Cursor>[] {
  const cut = new Map<number, number[]>();
  for (const [r, c] of message.truncated) {
    cut.set(r, [...(cut.get(r) ?? []), c]);
  }
  return message.rows.map((cells, r) => ({ cells, cut: cut.get(r), at: message.at[r]! }));
}

/** A page arrived: where it goes in the grid, and what the footer says. */
function place(message: Extract<PreviewToWebview, { type: 'page' }>, wanted: Wanted): void {
  const rows = rowsOf(message);
  const where = placement({ ...message, rows: rows.length }, wanted, grid.size);
  switch (where.how) {
    case 'append':
      grid.append(rows, where.atEnd);
      break;
    case 'prepend':
      grid.prepend(rows, where.atStart);
      break;
    case 'replace':
      grid.replace(rows, where.place);
      if (where.goTo !== undefined) {
        grid.goTo(where.goTo === 'last' ? grid.loaded.end - 1 : where.goTo);
      }
      jumpNote.textContent = where.note ? noteText(where.note) : '';
      return;
  }
  jumpNote.textContent = '';
}

function noteText(note: JumpNote): string {
  switch (note.kind) {
    case 'landmark':
      return t('No statistics on this order yet: went to row {0}, the closest row read so far.', numbers.format(note.row));
    case 'blocks':
      return t('Jumped to about row {0} by physical position: row numbers are estimates until you reach the start or the end.', numbers.format(note.row));
    case 'distribution':
      return t('Jumped to about row {0} by the distribution of {1}: row numbers are estimates until you reach the start or the end.', numbers.format(note.row), note.column);
    case 'restart':
      return t('No statistics on this order yet, and no row read near there: went back to the start. Sort on an indexed column, or ask the owner to ANALYZE the table.');
  }
}

/** How many rows the grid holds; nothing while it holds none (the empty state or the error says why). */
function showLoaded(): void {
  const { rows } = grid.loaded;
  loadedEl.textContent = rows > 0 ? t('{0} loaded', numbers.format(rows)) : '';
  loadedEl.setAttribute('data-loaded', String(rows));
  footerSep.hidden = rows === 0;
}

function showRowCount(rows: number, exact: boolean): void {
  rowCountEl.textContent = rows === 1 ? t(exact ? '1 row' : 'about 1 row') : t(exact ? '{0} rows' : 'about {0} rows', numbers.format(rows));
  rowCountEl.setAttribute('data-exact', String(exact));
  rowCountEl.setAttribute('data-rows', String(rows));
  countButton.hidden = exact;
}

function countExactly(): void {
  rowCountEl.textContent = t('Counting…');
  countButton.hidden = true;
  host.post({ type: 'count', view, viewId });
}

function openValue(r: number, c: number): void {
  const row = grid.rowAt(r)?.at;
  const column = columns[c];
  if (row && column) {
    host.post({ type: 'openValue', view, column: column.name, at: row });
  }
}

function startExport(): void {
  if (!exporting) {
    exporting = true;
    exportButton.setAttribute('disabled', '');
    host.post({ type: 'export', view });
  }
}

/** A page failed: the grid is empty, so the footer says nothing of rows; Retry only where trying again may work. */
function showError(message: string, retry: (() => void) | undefined): void {
  const again = retry && button(t('Retry'), () => {
    errorBanner.hidden = true;
    retry();
  }, { 'data-action': 'retry' });
  errorBanner.replaceChildren(h('span', {}, message), ...(again ? [again] : []));
  errorBanner.hidden = false;
  grid.setFooter('');
  rowCountEl.textContent = '';
  countButton.hidden = true;
  showLoaded();
}

const notice = showNotice;

panel.start((message) => {
  switch (message.type) {
    case 'init': {
      numbers = new Intl.NumberFormat(message.locale);
      columns = message.columns;
      neutralizeFormulas = message.neutralizeFormulas;
      // A second init comes when the table changed under the panel: a sort or filter on a column gone goes too.
      const names = new Set(columns.map((c) => c.name));
      view = { ...view, sort: view.sort && names.has(view.sort.column) ? view.sort : undefined, filters: view.filters.filter((f) => names.has(f.column)) };
      drafts = drafts.filter((d) => names.has(d.column));
      layout();
      const { schema, name, workspace } = message.table;
      titleEl.textContent = `${workspace} › ${schema === 'public' ? name : `${schema}.${name}`}`;
      keyNote.textContent =
        message.keyKind === 'primary key'
          ? t('Paged by primary key.')
          : message.keyKind === 'ctid'
            ? t('Paged by physical row position (ctid): this table has no primary key.')
            : message.keyKind === 'api'
              ? t("Read through OpenHEXA's API, slower: OpenHEXA gives the database's credentials to editors and admins only. No filters; rows by position.")
              : t('This view has no key: rows are read by position, slower deep down, and may shift if the data changes while you scroll.');
      keyNote.setAttribute('data-key-kind', message.keyKind);
      grid.setColumns(columns);
      renderFilters();
      reload();
      grid.focus();
      return;
    }
    case 'initError': {
      // The table's columns could not be read: Retry asks again where trying again may work (the server was busy or away).
      const again = message.retry ? [button(t('Retry'), () => {
        app.setAttribute('aria-busy', 'true');
        host.post({ type: 'ready' });
      }, { 'data-action': 'retry' })] : [];
      app.replaceChildren(h('div', { class: 'status status-error', role: 'alert' }, h('span', {}, message.message), ...again));
      app.removeAttribute('aria-busy');
      return;
    }
    case 'page': {
      const wanted = pages.answered(message.requestId);
      if (!wanted) {
        return;
      }
      place(message, wanted);
      const loaded = grid.loaded;
      grid.setFooter(loaded.atEnd && loaded.rows > 0 ? t('End of the table') : '');
      showLoaded();
      if (loaded.atEnd && loaded.exact) {
        showRowCount(grid.size.total, true);
      }
      if (loaded.rows === 0 && loaded.atStart && loaded.atEnd) {
        // Read to the end from the start and found nothing: that is the count.
        showRowCount(0, true);
        emptyState.textContent = view.filters.length > 0 ? t('No rows match these filters.') : t('This table is empty.');
        emptyState.hidden = false;
      }
      return;
    }
    case 'pageError': {
      const wanted = pages.answered(message.requestId);
      if (wanted) {
        showError(message.message, message.retry ? () => request(wanted) : undefined);
      }
      return;
    }
    case 'rowCount':
      if (message.viewId === viewId) {
        grid.setTotal(message.rows, message.exact);
        const { total, exact } = grid.size;
        showRowCount(total, exact);
      }
      return;
    case 'countError':
      if (message.viewId !== viewId) {
        return;
      }
      rowCountEl.textContent = '';
      countButton.hidden = false;
      notice(message.message, true);
      return;
    case 'exportProgress':
      exportStatus.textContent = t('Exporting… {0} written', `${numbers.format(Math.round(message.bytes / 2 ** 20))} MiB`);
      cancelExportButton.hidden = false;
      return;
    case 'exportEnded':
      exporting = false;
      exportButton.removeAttribute('disabled');
      cancelExportButton.hidden = true;
      exportStatus.textContent = message.message;
      exportStatus.setAttribute('data-outcome', message.outcome);
      exportStatus.classList.toggle('error', message.outcome === 'failed');
      return;
    case 'notice':
      notice(message.text, message.error);
      return;
  }
});

