import { DELIMITER_CHOICES, IMPORT_TYPES, importToHostSchema, importToWebviewSchema, type ImportDraft, type ImportState, type ImportToHost, type ImportToWebview } from '../../src/protocol/importFile';
import type { IMPORT_FILE_STRINGS } from '../../src/protocol/importFileStrings';
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { button, checkbox, isChecked, select, setDisabled, setInvalid, textField, valueOf } from '../toolkit';

type Text = (typeof IMPORT_FILE_STRINGS)[number];

const app = panelApp<ImportToHost, ImportToWebview, Text>(importToHostSchema, importToWebviewSchema);
const { host, t } = app;
const root = document.getElementById('app')!;
let numbers = new Intl.NumberFormat('en');
let state: ImportState | undefined;
let running = false;
/** The dialect the column rows were drawn for: a change of it draws them again. */
let drawnFor = '';
let fileBytes = 0;
const NO_KEY = '*none';

const delimiterLabels = (): Record<(typeof DELIMITER_CHOICES)[number], string> => ({ ',': t('Comma'), ';': t('Semicolon'), '\t': t('Tab'), '|': t('Vertical bar') });

const delimiter = h('div');
const headerBox = h('div');
const schemaField = textField({ label: t('Schema'), attrs: { 'data-field': 'schema' } });
const tableField = textField({ label: t('Table'), attrs: { 'data-field': 'table' } });
const tableProblem = h('p', { class: 'field-problem', id: 'problem-table', role: 'alert' });
const columnsBody = h('tbody');
const keyBox = h('div');
const ddl = h('pre', { class: 'import-ddl', 'aria-label': t('The statement it runs') });
const sampleBox = h('div', { class: 'import-sample' });
const fileProblems = h('ul', { class: 'field-problem', role: 'alert' });
const importButton = button(t('Import'), () => start(), { primary: true, attrs: { 'data-action': 'import' } });
const cancelButton = button(t('Cancel'), () => host.post({ type: 'cancel' }), { attrs: { 'data-action': 'cancel', hidden: 'true' } });
const status = h('p', { class: 'import-status', 'aria-live': 'polite' });
const previewButton = button(t('Preview the Table'), () => host.post({ type: 'preview' }), { attrs: { 'data-action': 'preview', hidden: 'true' } });

/** The draft as the user left it: each control's change written here (a drop-down's value is not read back before it renders). */
let current: ImportDraft | undefined;

function changed(edit: (d: ImportDraft) => ImportDraft): void {
  if (current) {
    current = edit(current);
    host.post({ type: 'change', draft: current });
  }
}

const eventValue = (e: Event): string => valueOf(e.target as Element);
const eventChecked = (e: Event): boolean => isChecked(e.target as Element);

function drawDialect(s: ImportState): void {
  const labels = delimiterLabels();
  const pick = select(DELIMITER_CHOICES.map((d) => ({ value: d, label: labels[d] })), s.draft.delimiter, { 'data-field': 'delimiter', 'aria-label': t('Delimiter') });
  pick.addEventListener('change', (e) => changed((d) => ({ ...d, delimiter: eventValue(e) as ImportDraft['delimiter'] })));
  delimiter.replaceChildren(h('label', { class: 'import-field' }, t('Delimiter'), pick));
  const box = checkbox(t('The first row names the columns'), s.draft.header, { 'data-field': 'header' });
  box.addEventListener('change', (e) => changed((d) => ({ ...d, header: eventChecked(e) })));
  headerBox.replaceChildren(box);
}

function drawColumns(s: ImportState): void {
  columnsBody.replaceChildren(
    ...s.draft.columns.map((c, i) => {
      const name = textField({ label: t('Name'), hideLabel: true, value: c.name, attrs: { 'data-column-name': String(i), 'aria-describedby': `problem-column-${i}` } });
      const column = (edit: Partial<ImportDraft['columns'][number]>) => changed((d) => ({ ...d, columns: d.columns.map((x, k) => (k === i ? { ...x, ...edit } : x)) }));
      name.addEventListener('input', (e) => column({ name: eventValue(e) }));
      const type = select(IMPORT_TYPES.map((x) => ({ value: x, label: x })), c.type, { 'data-column-type': String(i), 'aria-label': t('Type of {0}', c.name) });
      type.addEventListener('change', (e) => column({ type: eventValue(e) as ImportDraft['columns'][number]['type'] }));
      const nullable = checkbox(t('Empty values allowed'), c.nullable, { 'data-column-nullable': String(i) });
      nullable.addEventListener('change', (e) => column({ nullable: eventChecked(e) }));
      const examples = s.rows.slice(0, 3).map((r) => r[i] ?? '').join(' · ');
      return h('tr', {}, h('td', {}, name, h('p', { class: 'field-problem', id: `problem-column-${i}` })), h('td', {}, type), h('td', {}, nullable), h('td', { class: 'import-examples', title: examples }, examples));
    }),
  );
}

function drawKey(s: ImportState): void {
  // A drop-down shows its first option for an empty value: "no key" has a value of its own here.
  const options = [{ value: NO_KEY, label: t('None') }, { value: '*id', label: t('A new id column') }, ...s.draft.columns.filter((c) => c.name !== '').map((c) => ({ value: c.name, label: c.name }))];
  const current = keyBox.querySelector('[data-field="key"]');
  if (current && JSON.stringify(options) === current.getAttribute('data-options')) {
    return;
  }
  const key = select(options, s.draft.key === '' ? NO_KEY : s.draft.key, { 'data-field': 'key', 'aria-label': t('Primary key'), 'data-options': JSON.stringify(options) });
  key.addEventListener('change', (e) => changed((d) => ({ ...d, key: eventValue(e) === NO_KEY ? '' : eventValue(e) })));
  keyBox.replaceChildren(h('label', { class: 'import-field' }, t('Primary key'), key));
}

function drawSample(s: ImportState): void {
  sampleBox.replaceChildren(
    h(
      'table',
      { class: 'import-rows' },
      h('thead', {}, h('tr', {}, ...s.header.map((name) => h('th', {}, name)))),
      h('tbody', {}, ...s.rows.map((r) => h('tr', {}, ...s.header.map((_, i) => h('td', {}, r[i] ?? ''))))),
    ),
  );
}

function show(s: ImportState): void {
  state = s;
  const dialect = `${s.draft.delimiter}|${s.draft.header}|${s.draft.columns.length}`;
  if (dialect !== drawnFor || !current) {
    // The host read the columns again (a new dialect): its draft is the one shown. Otherwise the user's edits stay theirs.
    current = s.draft;
  }
  if (dialect !== drawnFor) {
    drawnFor = dialect;
    drawDialect(s);
    drawColumns(s);
    drawSample(s);
  }
  drawKey(s);
  ddl.textContent = s.ddl;
  const problemOf = (field: string): string => s.problems.find((p) => p.field === field)?.message ?? '';
  tableProblem.textContent = problemOf('table');
  setInvalid(tableField, problemOf('table') !== '');
  s.draft.columns.forEach((_, i) => {
    const message = problemOf(`column:${i}`);
    const p = document.getElementById(`problem-column-${i}`);
    if (p) {
      p.textContent = message;
    }
    const field = columnsBody.querySelector(`[data-column-name="${i}"]`);
    if (field) {
      setInvalid(field, message !== '');
    }
  });
  const general = s.problems.filter((p) => p.field === 'file' || p.field === 'key');
  fileProblems.replaceChildren(...general.map((p) => h('li', {}, p.message)));
  setDisabled(importButton, running || s.problems.length > 0);
  importButton.title = s.problems.length > 0 ? t('Fix what is said above to import.') : '';
}

function start(): void {
  if (running || !state || state.problems.length > 0) {
    return;
  }
  running = true;
  setDisabled(importButton, true);
  cancelButton.hidden = false;
  previewButton.hidden = true;
  status.className = 'import-status';
  status.textContent = t('Importing… {0} of {1}', mib(0), mib(fileBytes));
  host.post({ type: 'import' });
}

function ended(text: string, error: boolean): void {
  running = false;
  cancelButton.hidden = true;
  status.textContent = text;
  status.className = `import-status${error ? ' error' : ''}`;
  if (state) {
    setDisabled(importButton, state.problems.length > 0);
  }
}

const mib = (bytes: number): string => (bytes < 2 ** 20 ? t('{0} KiB', numbers.format(Math.ceil(bytes / 1024))) : t('{0} MiB', numbers.format(Math.round((bytes / 2 ** 20) * 10) / 10)));

app.start((message) => {
  switch (message.type) {
    case 'init': {
      numbers = new Intl.NumberFormat(message.locale);
      fileBytes = message.file.bytes;
      schemaField.setAttribute('value', message.state.draft.schema);
      tableField.setAttribute('value', message.state.draft.table);
      schemaField.addEventListener('input', (e) => changed((d) => ({ ...d, schema: eventValue(e) })));
      tableField.addEventListener('input', (e) => changed((d) => ({ ...d, table: eventValue(e) })));
      schemaField.textContent = t('Schema');
      tableField.textContent = t('Table');
      tableField.setAttribute('aria-describedby', 'problem-table');
      root.replaceChildren(
        h(
          'div',
          { class: 'import' },
          h('h1', {}, t('Import into {0}', message.workspace)),
          h('p', { class: 'intro' }, t('{0} · {1} · {2}', message.file.name, mib(message.file.bytes), message.file.encoding)),
          h('div', { class: 'import-row' }, delimiter, headerBox),
          h('div', { class: 'import-row' }, schemaField, tableField),
          tableProblem,
          h('h2', {}, t('Columns')),
          h('table', { class: 'import-columns' }, h('thead', {}, h('tr', {}, h('th', {}, t('Name')), h('th', {}, t('Type')), h('th', {}, t('Empty values allowed')), h('th', {}))), columnsBody),
          keyBox,
          h('h2', {}, t('The statement it runs')),
          ddl,
          fileProblems,
          h('div', { class: 'buttons' }, importButton, cancelButton, previewButton),
          status,
          h('details', {}, h('summary', {}, t('First rows of the file')), sampleBox),
        ),
      );
      root.removeAttribute('aria-busy');
      show(message.state);
      return;
    }
    case 'state':
      show(message.state);
      return;
    case 'progress':
      status.textContent = t('Importing… {0} of {1}', mib(message.bytes), mib(message.total));
      return;
    case 'done':
      ended(t('Imported {0} rows in {1}.', numbers.format(message.rows), `${numbers.format(Math.round(message.ms / 100) / 10)} s`), false);
      previewButton.hidden = false;
      setDisabled(importButton, true);
      return;
    case 'failed':
      ended(message.message, true);
      return;
    case 'cancelled':
      ended(t('Cancelled: nothing was imported.'), false);
      return;
  }
});
