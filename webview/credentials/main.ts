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
import { panelApp } from '../shared/app';
import { h } from '../shared/dom';
import { showNotice } from '../shared/notice';
import { button } from '../toolkit';

type Text = (typeof CREDENTIALS_STRINGS)[number];
const MASK = '••••••••••••••••';

const app = panelApp<CredentialsToHost, CredentialsToWebview, Text>(credentialsToHostSchema, credentialsToWebviewSchema);
const { host, t } = app;
const root = document.getElementById('app')!;

function copyButton(kind: CredentialKind, field: CopyField, label = t('Copy')): HTMLElement {
  return button(label, () => host.post({ type: 'copy', kind, field }), { attrs: { 'data-copy': `${kind}-${field}`, 'aria-label': `${label}: ${field}` } });
}

function row(label: string, value: string | (Node | string)[], ...actions: HTMLElement[]): HTMLElement {
  const code = h('code', { class: 'cred-value' });
  code.append(...(typeof value === 'string' ? [value] : value));
  return h('div', { class: 'cred-row' }, h('div', { class: 'cred-label' }, label), code, h('div', { class: 'cred-actions' }, ...actions));
}

/** A URL that wraps only after its separators (://, @, :, /), never in the middle of a name. */
function breakable(url: string): (Node | string)[] {
  return url.split(/(?<=:\/\/|@|:|\/)/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]));
}

function urlOf(view: CredentialsView, username: string, password: string | undefined): string {
  const hostPart = view.host.includes(':') ? `[${view.host}]` : view.host;
  return `postgresql://${encodeURIComponent(username)}:${password === undefined ? MASK : encodeURIComponent(password)}@${hostPart}:${view.port}/${encodeURIComponent(view.workspace.dbName)}${view.urlQuery}`;
}

function section(view: CredentialsView, set: CredentialsView['sets'][number]): HTMLElement {
  const { kind, username, password } = set;
  const revealed = password !== undefined;
  const title = kind === 'ro' ? t('Read-only') : t('Read/write');
  const intro = kind === 'ro' ? t('Recommended for BI tools (Superset, Tableau, Power BI) and anyone who only reads.') : t('For notebooks and pipelines that write to the workspace database. Keep it to yourself.');
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
      button(revealed ? t('Hide') : t('Reveal'), () => host.post({ type: revealed ? 'hide' : 'reveal', kind }), { attrs: { 'data-reveal': kind } }),
      copyButton(kind, 'password'),
    ),
    row(t('Connection URL'), breakable(urlOf(view, username, password)), copyButton(kind, 'url', t('Copy URL'))),
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
        h('li', {}, t('{0}: {1}', t('Require SSL'), `${view.sslRequired ? t('yes') : t('no')}${view.sslmode ? ` (sslmode=${view.sslmode})` : ''}`)),
        ...(view.verifyServer ? [h('li', {}, t("Verify the server's certificate: give the BI tool the CA certificate file this server's profile uses"))] : []),
      ),
    );
  } else {
    children.push(
      h('h3', {}, t('Environment variables')),
      h('p', { class: 'intro' }, t('The OpenHEXA SDK reads these names when your code runs on this computer.')),
      h('div', { class: 'env' }, ...view.envNames.map((name) => h('code', {}, name))),
      copyButton(kind, 'env'),
    );
  }
  if (view.canRegenerate) {
    children.push(h('div', { class: 'buttons' }, button(t('Regenerate password…'), () => host.post({ type: 'regenerate', kind }), { attrs: { 'data-regenerate': kind } })));
  }
  return h('section', { class: 'cred-set', 'aria-label': title, 'data-kind': kind }, ...children);
}

function render(view: CredentialsView): void {
  root.replaceChildren(
    h('h1', {}, t('{0}: {1}', t('Database credentials'), view.workspace.name)),
    h('p', { class: 'intro' }, view.audited ? t('Every reveal and copy of a password is recorded in the workspace audit log.') : t('Passwords show only when you reveal or copy them; OpenHEXA keeps no record of that.')),
    ...view.sets.map((set) => section(view, set)),
  );
  root.removeAttribute('aria-busy');
}

app.start((message) => {
  switch (message.type) {
    case 'init':
      render(message.view);
      return;
    case 'update': {
      // Re-rendering replaces the buttons: keep the keyboard where it was.
      const focused = document.activeElement?.getAttribute('data-reveal');
      render(message.view);
      if (focused) {
        (document.querySelector(`[data-reveal="${focused}"]`) as HTMLElement | null)?.focus();
      }
      return;
    }
    case 'notice':
      showNotice(message.text, message.error);
      return;
  }
});
