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
const intoBox = h('div');
/** The existing table's pick and how its columns are matched; shown instead of the new table's name, types and key. */
const existingBox = h('div');
const matchBox = h('div', { class: 'import-match' });
const nullBox = h('div');
const headerBox = h('div');
const schemaField = textField({ label: t('Schema'), attrs: { 'data-field': 'schema' } });
const tableField = textField({ label: t('Table'), attrs: { 'data-field': 'table' } });
const tableProblem = h('p', { class: 'field-problem', id: 'problem-table', role: 'alert' });
const columnsBody = h('tbody');
const keyBox = h('div');
const ddl = h('pre', { class: 'import-ddl', 'aria-label': t('The statement it runs') });
const sampleBox = h('div', { class: 'import-sample' });
const fileProblems = h('ul', { class: 'field-problem', role: 'alert' });
const generalWarnings = h('ul', { class: 'field-warning' });
/** Whether the whole file was read for what its first part did not show. */
const checkStatus = h('p', { class: 'import-check', 'aria-live': 'polite' });
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
  if (s.sheets.length > 0) {
    const sheet = select(s.sheets.map((name) => ({ value: name, label: name })), s.draft.sheet, { 'data-field': 'sheet', 'aria-label': t('Sheet') });
    sheet.addEventListener('change', (e) => changed((d) => ({ ...d, sheet: eventValue(e) })));
    delimiter.replaceChildren(h('label', { class: 'import-field' }, t('Sheet'), sheet));
  } else {
    const labels = delimiterLabels();
    const pick = select(DELIMITER_CHOICES.map((d) => ({ value: d, label: labels[d] })), s.draft.delimiter, { 'data-field': 'delimiter', 'aria-label': t('Delimiter') });
    pick.addEventListener('change', (e) => changed((d) => ({ ...d, delimiter: eventValue(e) as ImportDraft['delimiter'] })));
    delimiter.replaceChildren(h('label', { class: 'import-field' }, t('Delimiter'), pick));
  }
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
      return h(
        'tr',
        {},
        h('td', {}, name, h('p', { class: 'field-problem', id: `problem-column-${i}` }), h('div', { class: 'field-warning', id: `warning-column-${i}` })),
        h('td', { class: 'new-only' }, type),
        h('td', { class: 'new-only' }, nullable),
        h('td', { class: 'import-examples', title: examples }, examples),
      );
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

const PICK_TABLE = '*pick';

function drawInto(s: ImportState): void {
  const into = select(
    [
      { value: 'new', label: t('A new table') },
      { value: 'append', label: t("Added to an existing table's rows") },
      { value: 'replace', label: t("Replacing an existing table's rows") },
    ],
    s.draft.into,
    { 'data-field': 'into', 'aria-label': t('Import into') },
  );
  into.addEventListener('change', (e) => changed((d) => ({ ...d, into: eventValue(e) as ImportDraft['into'] })));
  intoBox.replaceChildren(h('label', { class: 'import-field' }, t('Import into'), into));
  const keep = checkbox(t('Values that do not fit their type become empty (NULL), counted and listed, instead of stopping the import'), s.draft.nullInconvertible, { 'data-field': 'nullInconvertible' });
  keep.addEventListener('change', (e) => changed((d) => ({ ...d, nullInconvertible: eventChecked(e) })));
  nullBox.replaceChildren(keep);
}

/** The existing table's pick (redrawn only when the schema's tables change), and the match of its columns. */
function drawExisting(s: ImportState): void {
  const options = [{ value: PICK_TABLE, label: t('Pick a table…') }, ...(s.targets ?? []).map((x) => ({ value: x.name, label: x.name }))];
  const shown = existingBox.querySelector('[data-field="existing"]');
  if (!shown || JSON.stringify(options) !== shown.getAttribute('data-options')) {
    const pick = select(options, s.draft.existing === '' ? PICK_TABLE : s.draft.existing, { 'data-field': 'existing', 'aria-label': t('Existing table'), 'data-options': JSON.stringify(options) });
    pick.addEventListener('change', (e) => changed((d) => ({ ...d, existing: eventValue(e) === PICK_TABLE ? '' : eventValue(e) })));
    existingBox.replaceChildren(h('label', { class: 'import-field' }, t('Existing table'), pick));
  }
  const match = s.match;
  if (!match) {
    matchBox.replaceChildren();
    return;
  }
  matchBox.replaceChildren(
    h('h2', {}, t('Columns matched by name')),
    h(
      'table',
      { class: 'import-columns', 'data-match': 'true' },
      h('thead', {}, h('tr', {}, h('th', {}, t('Table column')), h('th', {}, t('Type')), h('th', {}, t("The file's column")))),
      h(
        'tbody',
        {},
        ...match.columns.map((c) =>
          h(
            'tr',
            { 'data-match-column': c.name, class: c.from === '' ? 'unmatched' : '' },
            h('td', {}, c.name),
            h('td', {}, c.type),
            h('td', {}, c.generated ? t('computed by the server') : c.from === '' ? t('none: its default, or empty') : c.from),
          ),
        ),
      ),
    ),
    match.leftOut.length > 0 ? h('p', { class: 'import-left-out' }, t('Left out (no table column has their name): {0}', match.leftOut.join(', '))) : h('span'),
  );
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
  const dialect = `${s.draft.sheet}|${s.draft.delimiter}|${s.draft.header}|${s.draft.columns.length}`;
  if (dialect !== drawnFor || !current) {
    // The host read the columns again (a new dialect): its draft is the one shown. Otherwise the user's edits stay theirs.
    current = s.draft;
  }
  if (dialect !== drawnFor) {
    drawnFor = dialect;
    drawDialect(s);
    drawInto(s);
    drawColumns(s);
    drawSample(s);
  }
  // A new table's name, types and key; or the existing table and how its columns are matched.
  root.querySelector('.import')?.classList.toggle('into-existing', s.draft.into !== 'new');
  drawExisting(s);
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
  s.draft.columns.forEach((_, i) => {
    const box = document.getElementById(`warning-column-${i}`);
    box?.replaceChildren(...s.warnings.filter((w) => w.field === `column:${i}`).map((w) => warningLine(w, i)));
  });
  generalWarnings.replaceChildren(...s.warnings.filter((w) => !w.field.startsWith('column:')).map((w) => h('li', {}, w.message)));
  drawCheck(s);
  const general = s.problems.filter((p) => p.field === 'file' || p.field === 'key' || p.field === 'existing' || p.field === 'match');
  fileProblems.replaceChildren(...general.map((p) => h('li', {}, p.message)));
  setDisabled(importButton, running || s.problems.length > 0);
  importButton.title = s.problems.length > 0 ? t('Fix what is said above to import.') : '';
}

/** A warning beside a column, with the change that answers it a click away. */
function warningLine(w: ImportState['warnings'][number], i: number): HTMLElement {
  const fix = (): void => {
    changed((d) => ({ ...d, columns: d.columns.map((c, k) => (k === i ? { ...c, ...(w.type ? { type: w.type } : {}), ...(w.nullable ? { nullable: true } : {}) } : c)) }));
    // The column's controls show the draft's values again.
    if (state && current) {
      drawColumns({ ...state, draft: current });
    }
  };
  if (!w.type && !w.nullable) {
    return h('p', {}, w.message);
  }
  const label = w.type ? t('Use {0}', w.type) : t('Allow empty values');
  return h('p', {}, w.message, ' ', button(label, fix, { attrs: { 'data-fix-column': String(i) } }));
}

function drawCheck(s: ImportState): void {
  const check = s.check;
  checkStatus.className = `import-check${check.state === 'failed' ? ' error' : ''}`;
  checkStatus.textContent =
    check.state === 'checking'
      ? t('Checking the whole file for values its first part did not show…')
      : check.state === 'checked'
        ? t('The whole file was checked: {0} rows.', numbers.format(check.rows))
        : check.state === 'failed'
          ? t('The whole file could not be checked: {0}', check.message)
          : '';
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
  status.textContent = t('Importing… {0} of {1} · {2} rows · {3}/s', mib(0), mib(fileBytes), '0', mib(0));
  host.post({ type: 'import' });
}

function ended(text: string, error: boolean): void {
  running = false;
  cancelButton.hidden = true;
  status.textContent = text;
  status.className = `import-status${error ? ' error' : ''}`;
  // The outcome is said below the statement: brought into sight, the user's eyes are on the button they pressed.
  status.scrollIntoView({ block: 'nearest' });
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
          checkStatus,
          h('div', { class: 'import-row' }, delimiter, headerBox),
          h('div', { class: 'import-row' }, intoBox, schemaField, h('div', { class: 'new-only' }, tableField), h('div', { class: 'existing-only' }, existingBox)),
          tableProblem,
          h('h2', {}, t('Columns')),
          h(
            'table',
            { class: 'import-columns' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Name')), h('th', { class: 'new-only' }, t('Type')), h('th', { class: 'new-only' }, t('Empty values allowed')), h('th', {}))),
            columnsBody,
          ),
          h('div', { class: 'new-only' }, keyBox),
          h('div', { class: 'existing-only' }, matchBox),
          nullBox,
          h('h2', {}, t('The statement it runs')),
          ddl,
          fileProblems,
          generalWarnings,
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
    case 'checking':
      if (state?.check.state === 'checking') {
        checkStatus.textContent = t('Checking the whole file for values its first part did not show… {0} of {1}', mib(message.bytes), mib(message.total));
      }
      return;
    case 'progress': {
      const rate = message.ms > 0 ? message.bytes / (message.ms / 1000) : 0;
      status.textContent = t('Importing… {0} of {1} · {2} rows · {3}/s', mib(message.bytes), mib(message.total), numbers.format(message.rows), mib(rate));
      return;
    }
    case 'done':
      ended(t('Imported {0} rows in {1}.', numbers.format(message.rows), `${numbers.format(Math.round(message.ms / 100) / 10)} s`), false);
      if (message.nulled.count > 0) {
        status.append(
          h('br'),
          message.nulled.count === 1 ? t('1 value did not fit its type and was left empty (NULL):') : t('{0} values did not fit their type and were left empty (NULL):', numbers.format(message.nulled.count)),
          h('ul', { class: 'import-nulled' }, ...message.nulled.listed.map((v) => h('li', {}, t('line {0}, column {1}: "{2}"', String(v.line), v.column, v.value)))),
        );
      }
      status.scrollIntoView({ block: 'nearest' });
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
