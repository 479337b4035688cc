import {
  C,
  CONNECTION_TYPES,
  connectionFormToHostSchema,
  connectionFormToWebviewSchema,
  envPrefix,
  identifierProblem,
  identifierWithSuffix,
  type ConnectionFormToHost,
  type ConnectionFormToWebview,
  type ConnectionTypeId,
  type DraftProblems,
  type FieldDef,
  said,
} from '../../src/protocol/connectionForm';
import type { CONNECTION_FORM_STRINGS } from '../../src/protocol/connectionFormStrings';
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { showNotice } from '../shared/notice';
import { button, checkbox, focusControl, isChecked, progressRing, select, setDisabled, setInvalid, textArea, textField, valueOf } from '../toolkit';
import { ConnectionFormState, type FieldState } from './model/formState';
import { typeIcon } from './typeIcons';

type Text = (typeof CONNECTION_FORM_STRINGS)[number];
const TYPE_IDS = Object.keys(CONNECTION_TYPES) as ConnectionTypeId[];
const MASK = '••••••••••••';

// Registry labels and help, and the rules' messages, come as sentences (said): the host sent them among the strings.
const panel = panelApp<ConnectionFormToHost, ConnectionFormToWebview, Text>(connectionFormToHostSchema, connectionFormToWebviewSchema);
const { host, t } = panel;

const form = new ConnectionFormState();
let busy: 'test' | 'save' | undefined;
/** The control each problem key belongs to (rebuilt with the form). */
const controls = new Map<string, HTMLElement>();

const app = document.getElementById('app')!;

/** Shows each problem under its input, for what was touched (everything after Save or Test). Returns the problems. */
function validate(): DraftProblems {
  const found = form.problems();
  for (const [key, control] of controls) {
    const problem = form.shown(found, key);
    const shown = problem ? t(problem) : '';
    const slot = document.getElementById(`error-${key}`);
    if (slot) {
      slot.textContent = shown;
    }
    setInvalid(control, shown !== '');
  }
  const fieldsError = document.getElementById('error-fields');
  if (fieldsError) {
    fieldsError.textContent = found.fields ? t(found.fields) : '';
  }
  updateIdentifierHint();
  return found;
}

function setStatus(kind: 'info' | 'ok' | 'error' | 'busy', title: string, detail = ''): void {
  const status = document.getElementById('status');
  if (!status) {
    return;
  }
  status.className = `status status-${kind}`;
  status.replaceChildren(...(kind === 'busy' ? [progressRing()] : []), h('strong', {}, title), ...(detail ? [h('div', { class: 'status-detail' }, detail)] : []));
  status.scrollIntoView({ block: 'nearest' });
}

function setBusy(what: 'test' | 'save' | undefined): void {
  busy = what;
  for (const id of ['save', 'copy-env', 'edit']) {
    setDisabled(document.getElementById(id), what !== undefined);
  }
  const test = document.getElementById('test');
  if (test) {
    test.textContent = what === 'test' ? t('Cancel test') : t('Test connection');
    setDisabled(test, what === 'save');
  }
}

function focusFirstInvalid(): void {
  const invalid = [...controls.values()].find((c) => c.hasAttribute('aria-invalid'));
  invalid?.focus();
  invalid?.scrollIntoView({ block: 'center' });
}

/** Save or Test: the rules first, here, with every problem shown; the host checks again. */
function submit(kind: 'save' | 'test'): void {
  if (kind === 'test' && busy === 'test') {
    host.post({ type: 'cancelTest' });
    return;
  }
  if (busy) {
    return;
  }
  if (form.mode === 'view') {
    host.post({ type: 'test' });
    return;
  }
  form.showAll = true;
  if (form.blocking(validate(), kind).length > 0) {
    setStatus('error', t('Fix the highlighted fields first.'));
    focusFirstInvalid();
    return;
  }
  host.post({ type: kind, draft: form.draft() });
}

// ---- The connection's own inputs

function errorSlot(key: string): HTMLElement {
  return h('div', { class: 'field-error', id: `error-${key}`, role: 'alert' });
}

function labelled(label: string, value: Node | string, ...actions: HTMLElement[]): HTMLElement {
  return h('div', { class: 'view-row' }, h('div', { class: 'view-label' }, label), h('div', { class: 'view-value' }, value), h('div', { class: 'view-actions' }, ...actions));
}

function nameInput(): HTMLElement {
  const input = textField({ label: t('Name'), value: form.name, attrs: { id: 'name', 'aria-describedby': 'error-name', autocomplete: 'off' } });
  controls.set('name', input);
  input.addEventListener('input', () => {
    const id = document.getElementById('identifier');
    if (form.setName(valueOf(input)) && id) {
      (id as unknown as { value: string }).value = form.identifier;
    }
    validate();
  });
  return h('div', { class: 'field' }, input, errorSlot('name'));
}

function identifierHint(): (Node | string)[] {
  const lines: (Node | string)[] = [];
  const current = form.currentIdentifier;
  if (!identifierProblem(current)) {
    lines.push(h('div', {}, t('Environment variables: {0}, {0}_…', envPrefix(current))));
  }
  if (form.mode === 'create') {
    if (form.identifierTaken) {
      lines.push(h('div', { class: 'hint-warning' }, t(said(C.identifierTaken, identifierWithSuffix(form.identifier, '3f2a')))));
    }
    lines.push(h('div', {}, t('Fixed once saved: notebooks and environment variables use it.')));
  }
  return lines;
}

function updateIdentifierHint(): void {
  document.getElementById('identifier-hint')?.replaceChildren(...identifierHint());
}

function identifierInput(): HTMLElement {
  if (form.mode !== 'create') {
    const actions = form.mode === 'edit' ? [button(t('Change identifier…'), () => host.post({ type: 'changeIdentifier' }), { attrs: { id: 'change-identifier' } })] : [];
    return h('div', { class: 'field' }, labelled(t('Identifier'), h('code', { id: 'identifier-value' }, form.connection?.identifier ?? ''), ...actions), h('div', { class: 'hint', id: 'identifier-hint' }, ...identifierHint()));
  }
  const input = textField({ label: t('Identifier'), value: form.identifier, attrs: { id: 'identifier', 'aria-describedby': 'error-identifier identifier-hint', autocomplete: 'off', spellcheck: 'false' } });
  controls.set('identifier', input);
  input.addEventListener('input', () => {
    form.setIdentifier(valueOf(input));
    validate();
  });
  return h('div', { class: 'field' }, input, errorSlot('identifier'), h('div', { class: 'hint', id: 'identifier-hint' }, ...identifierHint()));
}

function descriptionInput(): HTMLElement {
  const input = textArea({ label: t('Description (optional)'), value: form.description, rows: 2, attrs: { id: 'description', 'aria-describedby': 'error-description' } });
  controls.set('description', input);
  input.addEventListener('input', () => {
    form.description = valueOf(input);
    form.touch('description');
    validate();
  });
  return h('div', { class: 'field' }, input, errorSlot('description'));
}

// ---- Type picker: a radio group of cards (arrows move and choose, as in any radio group)

function typePicker(): HTMLElement {
  const group = h('div', { class: 'type-picker', role: 'radiogroup', 'aria-labelledby': 'type-label' });
  for (const id of TYPE_IDS) {
    const option = h('div', { class: 'type-option', role: 'radio', 'aria-checked': String(id === form.type), tabindex: id === form.type ? '0' : '-1', 'data-type': id }, typeIcon(id), h('span', {}, t(said(CONNECTION_TYPES[id].label))));
    option.addEventListener('click', () => chooseType(id));
    group.append(option);
  }
  group.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    const at = TYPE_IDS.indexOf(form.type);
    const next =
      key === 'ArrowRight' || key === 'ArrowDown' ? (at + 1) % TYPE_IDS.length : key === 'ArrowLeft' || key === 'ArrowUp' ? (at - 1 + TYPE_IDS.length) % TYPE_IDS.length : key === 'Home' ? 0 : key === 'End' ? TYPE_IDS.length - 1 : undefined;
    if (next !== undefined) {
      event.preventDefault();
      chooseType(TYPE_IDS[next]!);
    }
  });
  return h('div', { class: 'field' }, h('div', { class: 'label', id: 'type-label' }, t('Type')), group);
}

function chooseType(id: ConnectionTypeId): void {
  if (id === form.type) {
    return;
  }
  form.type = id;
  render();
  (document.querySelector(`.type-option[data-type="${id}"]`) as HTMLElement | null)?.focus();
}

// ---- Fields

/** A stored secret, not sent here: keep it, replace it, or clear it (an optional one). */
function secretActions(state: FieldState, required: boolean, rerender: () => void, focusId: string): HTMLElement {
  if (state.action === 'keep') {
    return h(
      'div',
      { class: 'secret-kept' },
      h('span', { class: 'kept-note' }, `${MASK} ${t('Stored, unchanged')}`),
      button(t('Replace'), () => {
        form.replace(state);
        rerender();
        focusControl(document.getElementById(focusId));
      }, { attrs: { 'data-replace': state.code } }),
      ...(required ? [] : [button(t('Clear'), () => {
        form.clear(state);
        rerender();
        focusControl(document.querySelector(`[data-undo="${state.code}"]`) as HTMLElement | null);
      }, { attrs: { 'data-clear': state.code } })]),
    );
  }
  return h(
    'div',
    { class: 'secret-kept' },
    h('span', { class: 'kept-note' }, t('Removed when you save')),
    button(t('Undo'), () => {
      form.keep(state);
      rerender();
      focusControl(document.querySelector(`[data-replace="${state.code}"]`) as HTMLElement | null);
    }, { attrs: { 'data-undo': state.code } }),
  );
}

function valueControl(def: Pick<FieldDef, 'input' | 'choices' | 'placeholder'>, state: FieldState, label: string, id: string, describedBy: string, hideLabel = false): HTMLElement {
  const attrs = { id, 'aria-describedby': describedBy, autocomplete: 'off', spellcheck: 'false', ...(def.placeholder ? { placeholder: def.placeholder } : {}) };
  if (def.input === 'choice') {
    const control = select((def.choices ?? []).map((c) => ({ value: c, label: c })), state.value, { id, 'aria-label': label });
    control.addEventListener('change', () => {
      state.value = valueOf(control);
      validate();
    });
    return control;
  }
  const control =
    def.input === 'json'
      ? textArea({ label, hideLabel, value: state.value, rows: 5, masked: state.secret, attrs })
      : textField({ label, hideLabel, value: state.value, attrs: { ...attrs, ...(state.secret ? { type: 'password' } : {}), ...(def.input === 'port' ? { inputmode: 'numeric', size: '6' } : {}) } });
  control.addEventListener('input', () => {
    state.value = valueOf(control);
    validate();
  });
  return control;
}

function fixedFieldEl(def: FieldDef, state: FieldState): HTMLElement {
  const key = `field:${def.code}`;
  const label = `${t(said(def.label))}${def.required ? '' : ` ${t('(optional)')}`}`;
  const help = def.help ? h('div', { class: 'hint', id: `help-${def.code}` }, t(said(def.help))) : undefined;
  const wrap = h('div', { class: 'field', id: `wrap-${key}`, 'data-field': def.code });
  const rerender = (): void => {
    const fresh = fixedFieldEl(def, state);
    wrap.replaceWith(fresh);
    validate();
  };
  wrap.addEventListener('focusout', () => {
    form.touch(key);
    validate();
  });
  if (form.mode === 'view') {
    wrap.append(labelled(label, viewValue(state), ...viewActions(state, () => rerender())));
    return wrap;
  }
  if (state.secret && state.stored && state.action !== 'type') {
    controls.delete(key);
    wrap.append(h('div', { class: 'label' }, label), secretActions(state, def.required, rerender, `input-${def.code}`));
  } else {
    const control = valueControl(def, state, label, `input-${def.code}`, `error-${key}${help ? ` help-${def.code}` : ''}`);
    controls.set(key, control);
    wrap.append(
      ...(def.input === 'choice' ? [h('label', { class: 'label', for: `input-${def.code}` }, label)] : []),
      control,
      ...(state.secret && state.stored ? [button(t('Keep the stored value'), () => {
        form.keep(state);
        rerender();
      }, { attrs: { class: 'control control-button keep-button' } })] : []),
    );
  }
  wrap.append(errorSlot(key), ...(help ? [help] : []));
  return wrap;
}

function viewValue(state: FieldState): Node | string {
  if (!state.secret) {
    return state.value === '' ? h('span', { class: 'muted' }, t('Not set')) : h('code', { class: 'cred-value' }, state.value);
  }
  if (!state.stored) {
    return h('span', { class: 'muted' }, t('Not set'));
  }
  return h('code', { class: 'cred-value', 'data-secret': state.code }, state.revealed ?? MASK);
}

function viewActions(state: FieldState, rerender: () => void): HTMLElement[] {
  if (!state.secret || !state.stored) {
    return [];
  }
  const revealed = state.revealed !== undefined;
  return [
    button(revealed ? t('Hide') : t('Reveal'), () => {
      if (revealed) {
        delete state.revealed;
        rerender();
        focusControl(document.querySelector(`[data-reveal="${state.code}"]`) as HTMLElement | null);
      } else {
        host.post({ type: 'reveal', code: state.code });
      }
    }, { attrs: { 'data-reveal': state.code, 'aria-label': t('{0}: {1}', revealed ? t('Hide') : t('Reveal'), state.code) } }),
  ];
}

// ---- Custom fields: rows of code, value and secret flag, in the order they are stored

function moveRow(at: number, by: number): void {
  const row = form.moveField(at, by);
  if (!row) {
    return;
  }
  renderCustom();
  focusControl(document.querySelector(`[data-row="${row.key}"] [data-move="${by < 0 ? 'up' : 'down'}"]`) as HTMLElement | null);
}

function customRow(state: FieldState, at: number): HTMLElement {
  const n = String(at + 1);
  const row = h('div', { class: 'custom-row', role: 'group', 'aria-label': t('Field {0}', n), 'data-row': String(state.key) });
  if (form.mode === 'view') {
    row.append(labelled(state.code, viewValue(state), ...viewActions(state, () => renderCustom())));
    return row;
  }
  // A kept value is stored under its code: renaming it needs the value again.
  const code = textField({ label: t('Code'), hideLabel: true, value: state.code, attrs: { id: `code-${state.key}`, 'aria-describedby': `error-code:${at}`, placeholder: 'api_token', spellcheck: 'false', ...(state.action === 'keep' ? { readonly: true, title: t('Replace the value to rename this field') } : {}) } });
  code.addEventListener('input', () => {
    state.code = valueOf(code);
    form.touch(`code:${at}`);
    validate();
  });
  controls.set(`code:${at}`, code);
  let valuePart: HTMLElement;
  if (state.secret && state.stored && state.action !== 'type') {
    controls.delete(`value:${at}`);
    valuePart = secretActions(state, false, renderCustom, `value-${state.key}`);
  } else {
    const value = valueControl({ input: 'text' }, state, t('Value'), `value-${state.key}`, `error-value:${at}`, true);
    value.addEventListener('input', () => form.touch(`value:${at}`));
    controls.set(`value:${at}`, value);
    valuePart = value;
  }
  const secret = checkbox(t('Secret'), state.secret, { 'data-secret-toggle': String(state.key) });
  secret.addEventListener('change', () => {
    form.setSecret(state, isChecked(secret));
    renderCustom();
    focusControl(document.querySelector(`[data-secret-toggle="${state.key}"]`) as HTMLElement | null);
  });
  const icon = (glyph: string, label: string, onClick: () => void, attrs: Record<string, string | boolean>): HTMLElement => button(glyph, onClick, { attrs: { appearance: 'icon', 'aria-label': `${label} (${n})`, title: label, ...attrs } });
  row.append(
    h('div', { class: 'custom-code' }, code),
    h('div', { class: 'custom-value' }, valuePart),
    secret,
    h(
      'div',
      { class: 'custom-actions' },
      icon('↑', t('Move up'), () => moveRow(at, -1), { 'data-move': 'up', disabled: at === 0 }),
      icon('↓', t('Move down'), () => moveRow(at, 1), { 'data-move': 'down', disabled: at === form.custom.length - 1 }),
      icon('✕', t('Remove'), () => {
        const next = form.removeField(at);
        renderCustom();
        focusControl((document.querySelector(`[data-row="${next?.key}"] .control-text`) as HTMLElement | null) ?? document.getElementById('add-field'));
      }, { 'data-remove': String(at) }),
    ),
    h('div', { class: 'custom-errors' }, errorSlot(`code:${at}`), errorSlot(`value:${at}`)),
  );
  row.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.altKey && (key.key === 'ArrowUp' || key.key === 'ArrowDown')) {
      event.preventDefault();
      moveRow(at, key.key === 'ArrowUp' ? -1 : 1);
    }
  });
  return row;
}

function customSection(): HTMLElement {
  const section = h('div', { id: 'custom-fields', class: 'custom-fields' });
  fillCustom(section);
  return section;
}

function fillCustom(section: HTMLElement): void {
  for (const key of [...controls.keys()].filter((k) => /^(code|value):/.test(k))) {
    controls.delete(key);
  }
  const { custom, mode } = form;
  const rows = custom.map((state, at) => customRow(state, at));
  const head =
    mode !== 'view' && custom.length > 0
      ? [h('div', { class: 'custom-row custom-head', 'aria-hidden': 'true' }, h('div', {}, t('Code')), h('div', {}, t('Value')))]
      : [];
  const empty = custom.length === 0 ? [h('p', { class: 'intro' }, mode === 'view' ? t('Not set') : t('No fields yet: add one for each value your code needs (an API token, a base URL…).'))] : [];
  const add =
    mode === 'view'
      ? []
      : [
          button(t('Add field'), () => {
            const added = form.addField();
            renderCustom();
            focusControl(document.getElementById(`code-${added.key}`));
          }, { attrs: { id: 'add-field', ...(form.canAddField ? {} : { disabled: true }) } }),
          h('div', { class: 'field-error', id: 'error-fields', role: 'alert' }),
        ];
  section.replaceChildren(...head, ...rows, ...empty, ...add);
}

function renderCustom(): void {
  const section = document.getElementById('custom-fields');
  if (section) {
    fillCustom(section);
    validate();
  }
}

// ---- The page

function buttons(): HTMLElement {
  const { mode, canEdit } = form;
  const testable = form.type !== 'custom';
  const test = button(t('Test connection'), () => submit('test'), { attrs: { id: 'test', ...(testable ? {} : { hidden: true }) } });
  if (mode === 'view') {
    return h(
      'div',
      { class: 'buttons' },
      test,
      button(t('Copy environment variables'), () => host.post({ type: 'copyEnv' }), { attrs: { id: 'copy-env' } }),
      ...(canEdit ? [button(t('Edit'), () => host.post({ type: 'edit' }), { attrs: { id: 'edit' } })] : []),
      button(t('Close'), () => host.post({ type: 'close' }), { attrs: { id: 'close' } }),
    );
  }
  return h(
    'div',
    { class: 'buttons' },
    button(t('Save'), () => submit('save'), { primary: true, attrs: { id: 'save' } }),
    test,
    button(t('Cancel'), () => host.post({ type: 'close' }), { attrs: { id: 'cancel' } }),
  );
}

function title(): string {
  const { mode, connection } = form;
  if (mode === 'create') {
    return t('New connection in {0}', form.workspace);
  }
  return t(mode === 'edit' ? 'Edit connection: {0}' : 'Connection: {0}', connection?.name ?? '');
}

function render(): void {
  const { mode, type, connection, description } = form;
  controls.clear();
  const typeLine =
    mode === 'create'
      ? typePicker()
      : h('div', { class: 'type-line' }, typeIcon(type), h('span', {}, t(said(CONNECTION_TYPES[type].label))));
  const own = mode === 'view' ? [labelled(t('Name'), connection?.name ?? ''), identifierInput(), ...(description ? [labelled(t('Description (optional)'), h('span', { class: 'view-description' }, description))] : [])] : [nameInput(), identifierInput(), descriptionInput()];
  const keptSecrets = mode === 'edit' && form.currentFields().some((f) => f.secret && f.stored);
  const fields = type === 'custom' ? [customSection()] : CONNECTION_TYPES[type].fields.map((def) => fixedFieldEl(def, form.fixedFields().get(def.code)!));
  const formEl = h(
    'form',
    { class: 'form connection-form', novalidate: true },
    typeLine,
    ...own,
    h('h2', {}, t('Fields')),
    ...(keptSecrets ? [h('p', { class: 'intro' }, t('Stored secrets never come to this form: leave them unchanged, or replace or clear them.'))] : []),
    ...(mode === 'view' ? [h('p', { class: 'intro' }, t('Each reveal is recorded in the workspace audit log.'))] : []),
    ...fields,
    buttons(),
  );
  formEl.addEventListener('submit', (event) => {
    event.preventDefault();
    if (mode !== 'view') {
      submit('save');
    }
  });
  formEl.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.key === 'Enter' && (key.ctrlKey || key.metaKey) && mode !== 'view') {
      event.preventDefault();
      submit('save');
    }
  });
  const status = document.getElementById('status') ?? h('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
  app.replaceChildren(
    h('h1', {}, title()),
    h('p', { class: 'intro' }, t('Credentials of an external system the workspace relies on. Editors and admins can read the values; viewers see only the name, type and description.')),
    formEl,
    status,
  );
  app.removeAttribute('aria-busy');
  validate();
}

function start(message: Extract<ConnectionFormToWebview, { type: 'init' }>): void {
  form.start(message);
  render();
  focusControl(form.mode === 'view' ? (document.querySelector('.buttons .control-button') as HTMLElement | null) : document.getElementById('name'));
}

panel.start((message) => {
  switch (message.type) {
    case 'init':
      start(message);
      return;
    case 'busy':
      setBusy(message.what);
      setStatus('busy', message.what === 'test' ? t('Testing…') : t('Saving…'));
      return;
    case 'testResult':
      setBusy(undefined);
      setStatus(message.ok ? 'ok' : 'error', message.ok ? t('Test passed') : t('Test failed'), [message.text, message.detail ?? ''].filter(Boolean).join('\n'));
      return;
    case 'testCancelled':
      setBusy(undefined);
      setStatus('info', t('Test cancelled'));
      return;
    case 'saveFailed': {
      setBusy(undefined);
      form.showAll = true;
      validate();
      // The host's verdict wins where it differs (e.g. a rule only the server knows).
      for (const [key, text] of Object.entries(message.problems)) {
        const slot = document.getElementById(`error-${key}`);
        if (slot) {
          slot.textContent = text;
        }
        const control = controls.get(key);
        if (control) {
          setInvalid(control, true);
        }
      }
      setStatus('error', message.message ?? t('Fix the highlighted fields first.'));
      focusFirstInvalid();
      return;
    }
    case 'revealed': {
      const state = form.currentFields().find((f) => f.code === message.code);
      if (state) {
        state.revealed = message.value;
        render();
        focusControl(document.querySelector(`[data-reveal="${message.code}"]`) as HTMLElement | null);
      }
      return;
    }
    case 'identifierChanged':
      if (form.connection) {
        form.connection = { ...form.connection, identifier: message.identifier };
        const shown = document.getElementById('identifier-value');
        if (shown) {
          shown.textContent = message.identifier;
        }
        updateIdentifierHint();
      }
      return;
    case 'notice':
      showNotice(message.text, message.error);
      return;
  }
});
