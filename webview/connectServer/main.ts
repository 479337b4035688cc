import {
  fieldErrors,
  parsePostgresUrl,
  serverProfileSchema,
  SSL_MODES,
  toHostSchema,
  toWebviewSchema,
  type ConnectForm,
  type TlsFileField,
  type ToHost,
  type ToWebview,
} from '../../src/protocol/connectServer';
import type { CONNECT_SERVER_STRINGS } from '../../src/protocol/connectServerStrings';
import { said } from '../../src/protocol/said';
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { button, checkbox, divider, isChecked, progressRing, radioGroup, select, setDisabled, setInvalid, setValue, textField, valueOf } from '../toolkit';

type Text = (typeof CONNECT_SERVER_STRINGS)[number];
const FIELDS = ['label', 'host', 'port', 'user', 'catalogDatabase', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey'] as const satisfies readonly (keyof ConnectForm)[];
type Field = (typeof FIELDS)[number];
const TLS_FILES = ['sslrootcert', 'sslcert', 'sslkey'] as const satisfies readonly TlsFileField[];
/** After a file is picked from a failure's offer, the form tests again. */
let testAfterPick = false;

const panel = panelApp<ToHost, ToWebview, Text>(toHostSchema, toWebviewSchema);
const { host, t } = panel;

const app = document.getElementById('app')!;

/** What each sslmode does, in a few words (libpq's meanings). */
const MODE_HINTS: Record<(typeof SSL_MODES)[number], Text> = {
  disable: 'no TLS',
  allow: 'plain first, TLS if the server insists',
  prefer: 'TLS if the server has it, not verified',
  require: 'TLS, not verified (verified if a CA file is there)',
  'verify-ca': 'TLS, certificate signed by your CA',
  'verify-full': 'TLS, your CA and the host name',
};
const controls = new Map<string, HTMLElement>();
let touched = new Set<string>();

function control(id: string): HTMLElement {
  const el = controls.get(id);
  if (!el) {
    throw new Error(`no control ${id}`);
  }
  return el;
}

function readForm(): ConnectForm {
  const sslmode = valueOf(control('sslmode'));
  return {
    label: valueOf(control('label')),
    host: valueOf(control('host')),
    port: valueOf(control('port')),
    user: valueOf(control('user')),
    sslmode: (SSL_MODES as readonly string[]).includes(sslmode) ? (sslmode as ConnectForm['sslmode']) : 'prefer',
    sslrootcert: valueOf(control('sslrootcert')),
    sslcert: valueOf(control('sslcert')),
    sslkey: valueOf(control('sslkey')),
    catalogDatabase: valueOf(control('catalogDatabase')),
    pooler: isChecked(control('pooler')),
  };
}

function showErrors(errors: Record<string, string>, only?: Set<string>): void {
  for (const field of FIELDS) {
    const message = only && !only.has(field) ? undefined : errors[field];
    const slot = document.getElementById(`error-${field}`)!;
    slot.textContent = message ? t(said(message)) : '';
    setInvalid(control(field), Boolean(message));
  }
}

function validate(only?: Set<string>): boolean {
  const result = serverProfileSchema.safeParse(readForm());
  showErrors(result.success ? {} : fieldErrors(result.error), only);
  return result.success;
}

/** The status box: a title, what to know (lines), and the server's own words below in a quieter colour. */
function setStatus(kind: 'info' | 'ok' | 'error' | 'busy', title: string, detail = '', lead: readonly string[] = []): void {
  const status = document.getElementById('status')!;
  status.className = `status status-${kind}`;
  delete status.dataset.tls;
  status.replaceChildren(
    ...(kind === 'busy' ? [progressRing()] : []),
    h('strong', {}, title),
    ...lead.filter(Boolean).map((line) => h('div', { class: 'status-lead' }, line)),
    ...(detail ? [h('div', { class: 'status-detail' }, detail)] : []),
  );
  status.scrollIntoView({ block: 'nearest' });
}

function pickFile(field: TlsFileField, thenTest = false): void {
  testAfterPick = thenTest;
  host.post({ type: 'pickFile', field, current: valueOf(control(field)) });
}

/** A failure's way out, beside its message: choose a file (then test again) or type the passphrase. */
function offerButton(offer: 'pickCaFile' | 'pickClientCert' | 'passphrase'): HTMLElement {
  switch (offer) {
    case 'pickCaFile':
      return button(t('Choose a CA Certificate File…'), () => pickFile('sslrootcert', true), { primary: true, attrs: { id: 'offer-ca' } });
    case 'pickClientCert':
      return button(t('Choose a Client Certificate…'), () => pickFile('sslcert'), { primary: true, attrs: { id: 'offer-cert' } });
    case 'passphrase':
      return button(t('Enter the Key Passphrase'), () => control('keyPassphrase').focus(), { attrs: { id: 'offer-passphrase' } });
  }
}

function setBusy(busy: boolean): void {
  for (const id of ['test', 'save', 'fill']) {
    setDisabled(control(id), busy);
  }
}

/** The form's values, checked; undefined (with the errors shown) when one is wrong. */
function checkedForm(): ConnectForm | undefined {
  touched = new Set(FIELDS);
  if (!validate()) {
    setStatus('error', t('Fix the highlighted fields first.'));
    const firstInvalid = FIELDS.find((f) => control(f).hasAttribute('aria-invalid'));
    if (firstInvalid) {
      control(firstInvalid).focus();
    }
    return undefined;
  }
  return readForm();
}

function submit(kind: 'test' | 'save' | 'initialize'): void {
  const form = checkedForm();
  if (!form) {
    return;
  }
  const password = valueOf(control('password'));
  const keyPassphrase = valueOf(control('keyPassphrase'));
  if (kind === 'initialize') {
    host.post({ type: 'initialize', form, password, keyPassphrase });
    return;
  }
  host.post(
    kind === 'test'
      ? { type: 'test', form, password, keyPassphrase }
      : { type: 'save', form, password, keyPassphrase, scope: valueOf(control('scope')) === 'workspace' ? 'workspace' : 'user' },
  );
}

function fillFromUrl(): void {
  const urlError = document.getElementById('error-url')!;
  try {
    const parsed = parsePostgresUrl(valueOf(control('url')));
    setValue(control('host'), parsed.host);
    setValue(control('port'), String(parsed.port));
    setValue(control('user'), parsed.user);
    if (parsed.password !== undefined) {
      setValue(control('password'), parsed.password);
    }
    if (parsed.database) {
      setValue(control('catalogDatabase'), parsed.database);
    }
    if (parsed.sslmode) {
      setValue(control('sslmode'), parsed.sslmode);
    }
    for (const name of TLS_FILES) {
      const file = parsed.tls[name];
      if (file) {
        setValue(control(name), file);
      }
    }
    if (parsed.sslpassword !== undefined) {
      setValue(control('keyPassphrase'), parsed.sslpassword);
    }
    if (!valueOf(control('label'))) {
      setValue(control('label'), parsed.host);
    }
    // The URL may hold a password: never keep it in the field or in saved state.
    setValue(control('url'), '');
    urlError.textContent = '';
    touched = new Set(FIELDS);
    validate();
    saveState();
    setStatus('info', t('The URL filled the form; check it, then test or save.'));
  } catch (err) {
    urlError.textContent = t(said(err instanceof Error ? err.message : String(err)));
  }
}

function saveState(): void {
  host.setState({ form: readForm() });
}

function field(id: Exclude<Field, 'sslmode'> | 'password' | 'keyPassphrase', label: Text, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const input = textField({ label: t(label), attrs: { id, 'aria-describedby': `error-${id}`, ...attrs } });
  controls.set(id, input);
  input.addEventListener('input', () => {
    if (id !== 'password' && id !== 'keyPassphrase') {
      touched.add(id);
      validate(touched);
      saveState();
    }
  });
  return h('div', { class: 'field' }, input, h('div', { class: 'field-error', id: `error-${id}`, role: 'alert' }));
}

/** A TLS file's field with its Browse button; the placeholder says where libpq looks when it is empty. */
function fileField(id: TlsFileField, label: Text, defaultPath: string): HTMLElement {
  const browse = button(t('Browse…'), () => pickFile(id), { attrs: { id: `browse-${id}`, 'aria-label': `${t('Browse…')} ${t(label)}` } });
  return h('div', { class: 'file-row' }, h('div', { class: 'grow' }, field(id, label, { placeholder: `${t('Default:')} ${defaultPath}`, spellcheck: 'false' })), browse);
}

function render(form: ConnectForm, workspaceScopeAvailable: boolean, tlsDefaults: Record<TlsFileField, string>): void {
  const saved = host.getState<{ form?: ConnectForm }>()?.form;
  const values = saved ?? form;
  const url = textField({ label: t('Paste a connection URL (optional)'), attrs: { id: 'url', placeholder: 'postgresql://user@host:5432/openhexa', 'aria-describedby': 'error-url' } });
  const fill = button(t('Fill from URL'), fillFromUrl, { attrs: { id: 'fill' } });
  controls.set('url', url).set('fill', fill);
  url.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') {
      fillFromUrl();
    }
  });

  const sslmode = select(
    SSL_MODES.map((mode) => ({ value: mode, label: `${mode} — ${t(MODE_HINTS[mode])}` })),
    values.sslmode,
    { id: 'sslmode', 'aria-label': t('TLS mode'), 'aria-describedby': 'error-sslmode' },
  );
  controls.set('sslmode', sslmode);
  sslmode.addEventListener('change', () => {
    touched.add('sslmode');
    validate(touched);
    saveState();
  });

  const scope = radioGroup(
    t('Save to'),
    [
      { value: 'user', label: t('User settings'), checked: true },
      { value: 'workspace', label: t('Workspace settings (shared with the team; no password)'), disabled: !workspaceScopeAvailable },
    ],
    { id: 'scope' },
  );
  controls.set('scope', scope);

  const pooler = checkbox(t('Through a connection pooler (PgBouncer)'), values.pooler === true, { id: 'pooler', 'aria-describedby': 'pooler-hint' });
  controls.set('pooler', pooler);

  const test = button(t('Test Connection'), () => submit('test'), { attrs: { id: 'test' } });
  const save = button(t('Save'), () => submit('save'), { primary: true, attrs: { id: 'save' } });
  const cancel = button(t('Cancel'), () => host.post({ type: 'cancel' }), { attrs: { id: 'cancel' } });
  controls.set('test', test).set('save', save).set('cancel', cancel);

  const formEl = h(
    'form',
    { class: 'form', novalidate: true },
    h('div', { class: 'url-row' }, h('div', { class: 'field grow' }, url, h('div', { class: 'field-error', id: 'error-url', role: 'alert' })), fill),
    divider(),
    field('label', 'Name', { maxlength: '80' }),
    h('div', { class: 'row' }, h('div', { class: 'grow' }, field('host', 'Host')), field('port', 'Port', { size: '6', inputmode: 'numeric' })),
    field('user', 'User', { autocomplete: 'username' }),
    field('password', 'Password', { type: 'password', autocomplete: 'current-password' }),
    field('catalogDatabase', 'Catalog database'),
    h(
      'div',
      { class: 'field' },
      pooler,
      h('p', { class: 'hint', id: 'pooler-hint' }, t('Tick it when this address is a pooler in transaction mode: a connection may then wait in its queue (up to openhexa.connections.waitSeconds) instead of failing. The deployment guide says how to set one up.')),
    ),
    h(
      'fieldset',
      { class: 'tls' },
      h('legend', {}, t('TLS')),
      h('div', { class: 'field' }, h('label', { for: 'sslmode', class: 'label' }, t('TLS mode')), sslmode, h('div', { class: 'field-error', id: 'error-sslmode', role: 'alert' })),
      fileField('sslrootcert', 'CA certificate (or "system")', tlsDefaults.sslrootcert),
      fileField('sslcert', 'Client certificate', tlsDefaults.sslcert),
      fileField('sslkey', 'Client key', tlsDefaults.sslkey),
      field('keyPassphrase', 'Client key passphrase', { type: 'password', autocomplete: 'off' }),
      h('p', { class: 'hint' }, t('As libpq: empty fields use PGSSLROOTCERT, PGSSLCERT and PGSSLKEY, then the files in ~/.postgresql. The passphrase is kept in secret storage.')),
    ),
    scope,
    h('div', { class: 'buttons' }, save, test, cancel),
  );
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    submit('save');
  });
  formEl.addEventListener('keydown', (e) => {
    const key = e as KeyboardEvent;
    if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
      submit('save');
    }
  });

  app.replaceChildren(
    h('h1', {}, t('Connect to a Server')),
    h('p', { class: 'intro' }, t("Connect to the PostgreSQL server that holds your team's OpenHEXA workspaces. The password is kept in VS Code's secret storage, never in settings.")),
    formEl,
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite' }),
  );
  for (const f of FIELDS) {
    setValue(control(f), values[f] ?? '');
  }
  app.removeAttribute('aria-busy');
  control(values.host && values.user ? 'password' : 'label').focus();
}

panel.start((message) => {
  switch (message.type) {
    case 'init':
      render(message.form, message.workspaceScopeAvailable, message.tlsDefaults);
      return;
    case 'filePicked':
      setValue(control(message.field), message.path);
      touched.add(message.field);
      validate(touched);
      saveState();
      control(message.field).focus();
      if (testAfterPick) {
        testAfterPick = false;
        submit('test');
      }
      return;
    case 'busy':
      setBusy(true);
      setStatus('busy', t(message.what === 'test' ? 'Testing…' : message.what === 'initialize' ? 'Initializing…' : 'Saving…'));
      return;
    case 'testResult':
      setBusy(false);
      if (message.outcome.ok) {
        setStatus('ok', t('Connected'), '', [[message.outcome.summary, message.outcome.initHint ?? ''].filter(Boolean).join(' '), message.outcome.tls ?? '']);
        if (message.outcome.tlsState) {
          document.getElementById('status')!.dataset.tls = message.outcome.tlsState;
        }
        if (message.outcome.warning) {
          document.getElementById('status')!.append(h('div', { class: 'status-warning', role: 'alert' }, message.outcome.warning));
        }
        if (message.outcome.canInitialize) {
          const init = button(t('Initialize Server'), () => submit('initialize'), { primary: true, attrs: { id: 'initialize' } });
          const statusEl = document.getElementById('status')!;
          statusEl.append(init);
          statusEl.scrollIntoView({ block: 'nearest' });
        }
      } else {
        setStatus('error', t('Connection failed'), message.outcome.detail, [message.outcome.message]);
        if (message.outcome.offer) {
          const statusEl = document.getElementById('status')!;
          statusEl.append(offerButton(message.outcome.offer));
          statusEl.scrollIntoView({ block: 'nearest' });
        }
      }
      return;
    case 'saveFailed':
      setBusy(false);
      touched = new Set(FIELDS);
      showErrors(message.fieldErrors);
      setStatus('error', message.message ?? t('Fix the highlighted fields first.'));
      return;
  }
});

