import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { TestServer } from '../fixtures/postgresServer';
import { startTeam } from './teamServer';
import { choose, contextMenu, runCommand, screenshot, useWorkbench, webview } from './workbench';
import { pollUntil } from '../harness/pollUntil';

const PLATFORM = 'e2e_conn_platform';
const PLATFORM_PASSWORD = 'platform-Pw-connections';
const VIEWER = 'e2e_conn_viewer';
const CATALOG = 'openhexa';
const WORKSPACE = 'Santé Nord';

const GCS_KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'team-project',
  client_email: 'reader@team-project.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
  token_uri: 'https://oauth2.googleapis.com/token',
});

describe('connections end to end: an admin fills the form for six types, a viewer sees only the list', function () {
  this.timeout(300_000);
  let pg: TestServer;
  let page: Page;
  let csp: () => string[] = () => [];

  const row = (text: string | RegExp): Locator => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  /** The tree row whose label is exactly `name` (a row's text runs its label and description together). */
  const item = (name: string): Locator =>
    page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  const form = (): FrameLocator => webview(page);
  const input = (id: string): Locator => form().locator(`#${id} input`);
  const stored = async (): Promise<{ identifier: string; name: string; type: string; fields: Record<string, string> }[]> => {
    const c = await pg.connect({ database: CATALOG });
    try {
      const { rows } = await c.query<{ identifier: string; name: string; type: string; fields: Record<string, string> | null }>(
        `SELECT c.identifier, c.name, c.type, (SELECT jsonb_object_agg(f.code, f.value) FROM openhexa.connection_fields f WHERE f.connection_id = c.id) AS fields
           FROM openhexa.connections c ORDER BY c.created_at, c.identifier`,
      );
      return rows.map((r) => ({ ...r, fields: r.fields ?? {} }));
    } finally {
      await c.end();
    }
  };
  const chooseType = async (label: string): Promise<void> => {
    await form().locator('.type-option', { hasText: label }).click();
    await form().locator('.type-option[aria-checked="true"]', { hasText: label }).waitFor();
  };
  const save = async (name: string): Promise<void> => {
    await form().locator('#save').click();
    await page.locator('.notifications-toasts', { hasText: `Created "${name}"` }).first().waitFor({ timeout: 20_000 });
    await row(name).waitFor({ timeout: 20_000 });
  };
  const openNewConnectionForm = async (): Promise<void> => {
    const node = row(/^Connections/);
    await node.hover();
    await node.locator('.action-label[aria-label="New Connection…"]').click();
    await form().locator('h1', { hasText: `New connection in ${WORKSPACE}` }).waitFor({ timeout: 30_000 });
  };

  useWorkbench(
    'failed-connections',
    async () => {
      const team = await startTeam({ platform: PLATFORM, platformPassword: PLATFORM_PASSWORD, viewer: VIEWER, workspace: WORKSPACE, catalog: CATALOG });
      pg = team.pg;
      return { codeServer: { env: { PGPASSFILE: team.pgpass } }, profiles: team.profiles, stop: () => pg.stop() };
    },
    {
      clipboard: true,
      viewport: { width: 1400, height: 900 },
      ready: (w) => {
        page = w.page;
        csp = w.csp;
      },
    },
  );

  it('shows the admin an empty Connections node that says how to add one, and opens the form from its + button', async () => {
    await row('Team (admin)').click();
    await row(WORKSPACE).click({ timeout: 30_000 });
    await row(/^Connections/).click({ timeout: 30_000 });
    await row('No connections yet').waitFor({ timeout: 20_000 });
    await openNewConnectionForm();
    // The type picker: six cards, each with its icon, PostgreSQL chosen.
    assert.deepEqual(await form().locator('.type-option').allInnerTexts(), ['PostgreSQL', 'DHIS2', 'IASO', 'Amazon S3', 'Google Cloud Storage', 'Custom']);
    assert.equal(await form().locator('.type-option svg.type-icon').count(), 6);
    assert.equal(await form().locator('.type-option[aria-checked="true"]').innerText(), 'PostgreSQL');
  });

  it('previews the identifier while the name is typed, and says why a digit first is refused', async () => {
    // The identifier is written by the form as each key's input event arrives: read it once the last one has.
    const identifierOnce = (value: string): Promise<string> => pollUntil(async () => ((await input('identifier').inputValue()) === value ? value : undefined), `the identifier "${value}"`).catch(() => input('identifier').inputValue());
    await input('name').pressSequentially('2024 Survey');
    assert.equal(await identifierOnce('2024-survey'), '2024-survey');
    await form().locator('#error-identifier', { hasText: 'starts with a digit, and so would its environment variables (2024_SURVEY_…)' }).waitFor();
    await input('name').fill('');
    await input('name').pressSequentially('Malaria DB (routine)');
    assert.equal(await identifierOnce('malaria-db-routine'), 'malaria-db-routine');
    assert.equal(await form().locator('#error-identifier').innerText(), '');
    await form().locator('#identifier-hint', { hasText: 'Environment variables: MALARIA_DB_ROUTINE, MALARIA_DB_ROUTINE_…' }).waitFor();
  });

  it('refuses to save while a field is invalid, with each problem under its field', async () => {
    await input('input-port').fill('70000');
    await form().locator('#save').click();
    await form().locator('.status-error', { hasText: 'Fix the highlighted fields first.' }).waitFor();
    assert.equal(await form().locator('#error-field\\:port').innerText(), 'A port is a whole number from 1 to 65535');
    assert.equal(await form().locator('#error-field\\:host').innerText(), 'Required');
    assert.equal(await form().locator('#error-field\\:password').innerText(), 'Required');
    await screenshot(page, 'connection-form-invalid');
    assert.deepEqual(await stored(), [], 'something was saved');
  });

  it('tests PostgreSQL against the local server: a wrong password is said as such, the right one connects; then saves', async () => {
    await input('input-host').fill('127.0.0.1');
    await input('input-port').fill(String(pg.port));
    await input('input-db_name').fill(CATALOG);
    await input('input-username').fill(PLATFORM);
    await input('input-password').fill('wrong-password');
    await form().locator('#test').click();
    await form().locator('.status-error', { hasText: 'The server refused the user name or password' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'connection-form-test-failed');
    await input('input-password').fill(PLATFORM_PASSWORD);
    await form().locator('#test').click();
    await form().locator('.status-ok', { hasText: `database ${CATALOG} as ${PLATFORM}` }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'connection-form-postgresql');
    await save('Malaria DB (routine)');
    const [pgConnection] = await stored();
    assert.equal(pgConnection?.identifier, 'malaria-db-routine');
    assert.equal(pgConnection?.fields.password, PLATFORM_PASSWORD);
    assert.equal(pgConnection?.fields.sslmode, 'prefer');
  });

  it('creates DHIS2, IASO, S3 and GCS connections through the same form, with each type\'s fields and help', async () => {
    await openNewConnectionForm();
    await chooseType('DHIS2');
    await form().locator('#help-url', { hasText: 'without /api' }).waitFor();
    await input('name').fill('DHIS2 "Sénégal"');
    await input('input-url').fill('https://play.dhis2.org/40/api');
    await input('input-username').fill('admin');
    await input('input-password').fill('district');
    await form().locator('#save').click();
    await form().locator('#error-field\\:url', { hasText: 'without /api at the end' }).waitFor();
    await input('input-url').fill('https://play.dhis2.org/40');
    await save('DHIS2 "Sénégal"');

    await openNewConnectionForm();
    await chooseType('IASO');
    await input('name').fill('IASO');
    await input('input-url').fill('https://iaso.example.org');
    await input('input-username').fill('ana');
    await input('input-password').fill('Iaso-pw-ü 1');
    await save('IASO');

    await openNewConnectionForm();
    await chooseType('Amazon S3');
    await input('name').fill('Health data lake');
    await input('input-bucket_name').fill('health-data');
    await input('input-access_key_id').fill('AKIAEXAMPLE');
    await input('input-access_key_secret').fill('s3-secret/with+chars');
    await save('Health data lake');

    await openNewConnectionForm();
    await chooseType('Google Cloud Storage');
    await input('name').fill('Archive');
    await input('input-bucket_name').fill('team-archive');
    await form().locator('#input-service_account_key textarea').fill(GCS_KEY);
    await screenshot(page, 'connection-form-gcs');
    await save('Archive');

    const byName = Object.fromEntries((await stored()).map((c) => [c.name, c]));
    assert.equal(byName['DHIS2 "Sénégal"']?.identifier, 'dhis2-senegal');
    assert.equal(byName['DHIS2 "Sénégal"']?.fields.url, 'https://play.dhis2.org/40');
    assert.equal(byName.IASO?.fields.password, 'Iaso-pw-ü 1');
    assert.equal(byName['Health data lake']?.fields.access_key_secret, 's3-secret/with+chars');
    assert.equal(byName['Health data lake']?.fields.endpoint_url, undefined, 'a blank optional field is not stored');
    assert.equal(byName.Archive?.fields.service_account_key, GCS_KEY);
  });

  it('creates a custom connection: fields added, checked as typed, marked secret and reordered', async () => {
    await openNewConnectionForm();
    await chooseType('Custom');
    assert.equal(await form().locator('#test').isVisible(), false, 'a custom connection has no test');
    await input('name').fill('Weather API');
    await form().locator('#add-field').click();
    await form().locator('.custom-row').nth(1).locator('[id^="code-"] input').fill('description');
    await form().locator('[id="error-code:0"]', { hasText: '"description" is reserved' }).waitFor();
    await form().locator('.custom-row').nth(1).locator('[id^="code-"] input').fill('base_url');
    await form().locator('.custom-row').nth(1).locator('[id^="value-"] input').fill('https://api.example.org');
    await form().locator('#add-field').click();
    await form().locator('.custom-row').nth(2).locator('[id^="code-"] input').fill('api_token');
    await form().locator('.custom-row').nth(2).locator('[data-secret-toggle]').click();
    await form().locator('.custom-row').nth(2).locator('[id^="value-"] input[type="password"]').fill('tok-123');
    // The token first: moved up with its own button.
    await form().locator('.custom-row').nth(2).locator('[data-move="up"]').click();
    assert.equal(await form().locator('.custom-row').nth(1).locator('[id^="code-"] input').inputValue(), 'api_token');
    await screenshot(page, 'connection-form-custom');
    await save('Weather API');
    const weather = (await stored()).find((c) => c.name === 'Weather API');
    assert.deepEqual(Object.keys(weather?.fields ?? {}).sort(), ['api_token', 'base_url']);
    const c = await pg.connect({ database: CATALOG });
    const order = (await c.query<{ code: string; secret: boolean }>(`SELECT code, secret FROM openhexa.connection_fields f JOIN openhexa.connections c ON c.id = f.connection_id WHERE c.identifier = 'weather-api' ORDER BY position`)).rows;
    await c.end();
    assert.deepEqual(order, [{ code: 'api_token', secret: true }, { code: 'base_url', secret: false }]);
    assert.equal((await stored()).length, 6);
    await screenshot(page, 'connections-tree-admin');
    // The walkthrough's "Add a connection" step is ticked.
    await runCommand(page, 'OpenHEXA: Get Started');
    await page.locator('.getting-started-step[data-step-id$="#connection"] .codicon-getting-started-step-checked').waitFor({ timeout: 20_000 });
    // Closed by its tab (a middle click): the walkthrough's page may keep the keyboard from the palette.
    const tab = page.locator('.tab', { hasText: 'Walkthrough' });
    await tab.click({ button: 'middle' });
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('renames the PostgreSQL connection without touching its password, which the form never received; the test still passes', async () => {
    const menu = await contextMenu(page, row('Malaria DB (routine)'));
    await choose(menu, 'Edit Connection…');
    await form().locator('h1', { hasText: 'Edit connection: Malaria DB (routine)' }).waitFor({ timeout: 30_000 });
    const kept = form().locator('[data-field="password"]');
    assert.match(await kept.innerText(), /Stored, unchanged/);
    assert.ok(!(await form().locator('body').innerText()).includes(PLATFORM_PASSWORD), 'the stored password reached the form');
    assert.equal(await form().locator('#identifier-value').innerText(), 'malaria-db-routine');
    await screenshot(page, 'connection-form-edit');
    await input('name').fill('Malaria DB');
    await form().locator('#test').click();
    await form().locator('.status-ok', { hasText: `as ${PLATFORM}` }).waitFor({ timeout: 20_000 });
    await form().locator('#save').click();
    await page.locator('.notifications-toasts', { hasText: 'Saved "Malaria DB".' }).first().waitFor({ timeout: 20_000 });
    await item('Malaria DB').waitFor({ timeout: 20_000 });
    const renamed = (await stored()).find((c) => c.identifier === 'malaria-db-routine');
    assert.equal(renamed?.name, 'Malaria DB');
    assert.equal(renamed?.fields.password, PLATFORM_PASSWORD, 'the edit lost the password (OpenHEXA #497)');
    // Test Connection from the tree reads the stored values.
    const again = await contextMenu(page, item('Malaria DB'));
    await choose(again, 'Test Connection');
    await page.locator('.notifications-toasts', { hasText: `Malaria DB: Connected: PostgreSQL` }).first().waitFor({ timeout: 30_000 });
  });

  it('opens a connection read-only on click, masks its secret until Reveal, and records the reveal', async () => {
    await row('IASO').click();
    await form().locator('h1', { hasText: 'Connection: IASO' }).waitFor({ timeout: 30_000 });
    const secret = form().locator('[data-secret="password"]');
    assert.equal(await secret.innerText(), '••••••••••••');
    await form().locator('[data-reveal="password"]').click();
    await form().locator('[data-secret="password"]', { hasText: 'Iaso-pw-ü 1' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'connection-view-revealed');
    const c = await pg.connect({ database: CATALOG });
    const audit = (await c.query<{ n: string }>(`SELECT count(*) AS n FROM openhexa.audit_log a JOIN openhexa.connections x ON x.id = a.connection_id WHERE x.identifier = 'iaso' AND a.action = 'connection_reveal' AND a.actor = '${PLATFORM}'`)).rows[0];
    await c.end();
    assert.equal(audit?.n, '1');
    await form().locator('#close').click();
  });

  it('gives a viewer the list of connections, with no value and no action on them', async () => {
    await row('Team (viewer)').click();
    const ws = page.locator('.pane-body .monaco-list-row').filter({ hasText: WORKSPACE }).filter({ hasText: /Viewer/ }).first();
    await ws.click({ timeout: 30_000 });
    const connectionsNodes = page.locator('.pane-body .monaco-list-row', { hasText: /^Connections/ });
    await pollUntil(async () => (await connectionsNodes.count()) === 2, 'the viewer\'s Connections node');
    await connectionsNodes.nth(1).click();
    await pollUntil(async () => (await page.locator('.pane-body .monaco-list-row', { hasText: 'Weather API' }).count()) === 2, 'the viewer\'s list');
    const viewerRow = page.locator('.pane-body .monaco-list-row', { hasText: 'Weather API' }).nth(1);
    assert.match(await viewerRow.innerText(), /Custom · weather-api/);
    await viewerRow.hover();
    await screenshot(page, 'connections-tree-viewer');
    // A click opens nothing, and the menu holds no action on the connection.
    const tabs = await page.locator('.tab').count();
    await viewerRow.click();
    await viewerRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    const opened = await menu.waitFor({ timeout: 2000 }).then(() => true, () => false);
    const items = opened ? await menu.innerText() : '';
    for (const action of ['Open Connection', 'Edit Connection', 'Delete Connection', 'Copy Environment Variables', 'Test Connection', 'Change Connection Identifier']) {
      assert.ok(!items.includes(action), `the viewer is offered "${action}": ${items}`);
    }
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.tab').count(), tabs, 'a click opened something for the viewer');
    // Asked by command, it is refused as soon as the server is chosen: no workspace of the viewer's is offered, and the toast says what it needs.
    await runCommand(page, 'OpenHEXA: Open Connection');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Team (viewer)' }).click();
    await page.locator('.notifications-toasts', { hasText: 'None of your workspaces on Team (viewer) allows this: it needs the editor or admin role.' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'connections-viewer-refused-up-front');
  });

  it('stays readable in the high-contrast theme: the chosen type is outlined, not only coloured', async () => {
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget input');
    await palette.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
    await palette.fill('Dark High Contrast');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().click();
    await row('Team (admin)').waitFor();
    await openNewConnectionForm();
    await chooseType('Custom');
    await form().locator('#add-field').click();
    await pollUntil(async () => (await form().locator('body.vscode-high-contrast').count()) === 1, 'the high-contrast theme in the form');
    const outline = await form().locator('.type-option[aria-checked="true"]').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid');
    await screenshot(page, 'connection-form-high-contrast');
    await form().locator('#cancel').click();
  });

  it('reports no Content Security Policy violation from the connection form', () => {
    assert.deepEqual(csp(), []);
  });
});
