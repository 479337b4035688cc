import {
  credentialsToHostSchema,
  credentialsToWebviewSchema,
  type CopyField,
  type CredentialKind,
  type CredentialsToHost,
  type CredentialsToWebview,
  type CredentialsView,
} from '../../src/protocol/credentials';
import type { CREDENTIALS_STRINGS } from '../../src/protocol/credentialsStrings';
import { h } from '../shared/dom';
import { channel } from '../shared/host';
import { registerControls } from '../toolkit';

type Text = (typeof CREDENTIALS_STRINGS)[number];
const MASK = '••••••••••••••••';

const host = channel<CredentialsToHost, CredentialsToWebview>(credentialsToHostSchema, credentialsToWebviewSchema);
let strings: Record<string, string> = {};
const t = (text: Text): string => strings[text] ?? text;
const app = document.getElementById('app')!;

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  const el = h('vscode-button', { appearance: 'secondary', ...attrs }, label);
  el.addEventListener('click', onClick);
  return el;
}

function copyButton(kind: CredentialKind, field: CopyField, label = t('Copy')): HTMLElement {
  return button(label, () => host.post({ type: 'copy', kind, field }), { 'data-copy': `${kind}-${field}`, 'aria-label': `${label}: ${field}` });
}

function row(label: string, value: string, ...actions: HTMLElement[]): HTMLElement {
  return h('div', { class: 'cred-row' }, h('div', { class: 'cred-label' }, label), h('code', { class: 'cred-value' }, value), h('div', { class: 'cred-actions' }, ...actions));
}

function urlOf(view: CredentialsView, username: string, password: string | undefined): string {
  const hostPart = view.host.includes(':') ? `[${view.host}]` : view.host;
  return `postgresql://${encodeURIComponent(username)}:${password === undefined ? MASK : encodeURIComponent(password)}@${hostPart}:${view.port}/${encodeURIComponent(view.workspace.dbName)}`;
}

function section(view: CredentialsView, set: CredentialsView['sets'][number]): HTMLElement {
  const { kind, username, password } = set;
  const revealed = password !== undefined;
  const title = kind === 'ro' ? t('Read-only') : t('Read/write');
  const intro =
    kind === 'ro'
      ? t('Recommended for BI tools (Superset, Tableau, Power BI) and anyone who only reads.')
      : t('For notebooks and pipelines that write to the workspace database. Keep it to yourself.');
  const children: (HTMLElement | string)[] = [
    h('h2', {}, title),
    h('p', { class: 'intro' }, intro),
    row(t('Host'), view.host, copyButton(kind, 'host')),
    row(t('Port'), String(view.port), copyButton(kind, 'port')),
    row(t('Database'), view.workspace.dbName, copyButton(kind, 'database')),
    row(t('Username'), username, copyButton(kind, 'username')),
    row(
      t('Password'),
      revealed ? password : MASK,
      button(revealed ? t('Hide') : t('Reveal'), () => host.post({ type: revealed ? 'hide' : 'reveal', kind }), { 'data-reveal': kind }),
      copyButton(kind, 'password'),
    ),
    row(t('Connection URL'), urlOf(view, username, password), copyButton(kind, 'url', t('Copy URL'))),
  ];
  if (kind === 'ro') {
    children.push(
      h('h3', {}, t('In your BI tool')),
      h(
        'ul',
        { class: 'bi' },
        h('li', {}, t('Superset: Settings › Database Connections › + Database › PostgreSQL, then paste the SQLAlchemy URI')),
        h('li', {}, t('Tableau: Connect › PostgreSQL, then fill Server, Port, Database, Username and Password')),
        h('li', {}, t('Power BI: Get Data › PostgreSQL database; Server is host:port; then Database credentials')),
        h('li', {}, `${t('Require SSL')}: ${view.sslRequired ? t('yes') : t('no')}`),
      ),
    );
  } else {
    children.push(
      h('h3', {}, t('Environment variables')),
      h('p', { class: 'intro' }, t('The OpenHEXA SDK and the notebook snippets read these names.')),
      h('div', { class: 'env' }, ...view.envNames.map((name) => h('code', {}, name))),
      copyButton(kind, 'env'),
    );
  }
  if (view.canRegenerate) {
    children.push(h('div', { class: 'buttons' }, button(t('Regenerate password…'), () => host.post({ type: 'regenerate', kind }), { 'data-regenerate': kind })));
  }
  return h('section', { class: 'cred-set', 'aria-label': title, 'data-kind': kind }, ...children);
}

function render(view: CredentialsView): void {
  app.replaceChildren(
    h('h1', {}, `${t('Database credentials')}: ${view.workspace.name}`),
    h('p', { class: 'intro' }, t('Every reveal and copy of a password is recorded in the workspace audit log.')),
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite' }),
    ...view.sets.map((set) => section(view, set)),
  );
  app.removeAttribute('aria-busy');
}

function notice(text: string, error: boolean): void {
  const status = document.getElementById('status');
  if (status) {
    status.className = `status ${error ? 'status-error' : 'status-ok'}`;
    status.textContent = text;
  }
}

host.onMessage((message) => {
  switch (message.type) {
    case 'init':
      strings = message.strings;
      render(message.view);
      return;
    case 'update': {
      const focused = document.activeElement?.getAttribute('data-reveal');
      render(message.view);
      if (focused) {
        (document.querySelector(`[data-reveal="${focused}"]`) as HTMLElement | null)?.focus();
      }
      return;
    }
    case 'notice':
      notice(message.text, message.error);
      return;
  }
});

registerControls();
host.post({ type: 'ready' });
