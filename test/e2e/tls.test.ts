// The connect form against a real TLS server (ssl = on, the test CA, hostssl
// lines): verify-full with the CA file connects and says the server is
// verified; without it the form explains and offers to choose one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { makeCertificates, type TestCertificates } from '../fixtures/tlsCertificates';
import { startTlsServer, TLS_LOGIN_PASSWORD, TLS_LOGINS, type TlsServer } from '../fixtures/tlsServer';
import type { CodeServer } from '../harness/codeServer';
import { openConnectForm, screenshot, useWorkbench } from './workbench';

describe('connecting to a server that speaks TLS, with its CA file', () => {
  let root: string;
  let certs: TestCertificates;
  let pg: TlsServer;
  let server: CodeServer;
  let page: Page;
  let form: FrameLocator;
  let csp: () => string[] = () => [];

  const input = (id: string) => form.locator(`#${id} input`);
  const status = () => form.locator('#status');

  useWorkbench(
    'tls',
    async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'openhexa-e2e-tls-'));
      fs.chmodSync(root, 0o755);
      certs = makeCertificates(path.join(root, 'pki'), TLS_LOGINS.certOnly);
      pg = await startTlsServer(certs);
      // A platform login that may come in over TLS only (hostssl).
      const admin = await pg.connect();
      await admin.query(`ALTER ROLE ${TLS_LOGINS.tlsOnly} CREATEDB CREATEROLE`);
      await admin.end();
      return {
        stop: async () => {
          await pg?.stop();
          fs.rmSync(root, { recursive: true, force: true });
        },
      };
    },
    {
      container: false,
      ready: async (w) => {
        page = w.page;
        server = w.server;
        csp = w.csp;
        form = await openConnectForm(page);
      },
    },
  );

  async function chooseMode(mode: string): Promise<void> {
    await form.locator('#sslmode').click();
    await form.locator(`#sslmode vscode-option[value="${mode}"]`).click();
  }

  it('under verify-full with the test CA file: connects, and says TLS is on and the server verified', async () => {
    await input('label').fill('TLS team');
    await input('host').fill('localhost');
    await input('port').fill(String(pg.port));
    await input('user').fill(TLS_LOGINS.tlsOnly);
    await input('password').fill(TLS_LOGIN_PASSWORD);
    await chooseMode('verify-full');
    await input('sslrootcert').fill(certs.ca);
    await form.locator('#test').click();
    await status().getByText('and the server is verified', { exact: false }).waitFor({ timeout: 30_000 });
    const text = await status().innerText();
    assert.match(text, /Connected/);
    assert.match(text, /TLS is on \(TLSv1\.[23]\) and the server is verified: its certificate is signed by the CA you trust and names localhost\./);
    assert.equal(await status().getAttribute('data-tls'), 'verified');
    await screenshot(page, 'connect-form-tls-verified');
  });

  it('without a CA file: says verify-full needs one and offers to choose it', async () => {
    await input('sslrootcert').fill('');
    await form.locator('#test').click();
    await status().getByText('This TLS mode verifies the server, but there is no CA certificate file', { exact: false }).waitFor({ timeout: 30_000 });
    await form.locator('#offer-ca').waitFor();
    await screenshot(page, 'connect-form-tls-no-ca');
  });

  it('with CAs that did not sign the server\'s certificate: explains the untrusted certificate, and choosing the CA file from the offer connects', async () => {
    await input('sslrootcert').fill(certs.wrongCa);
    await form.locator('#test').click();
    await status().getByText("The server's certificate is not signed by a CA this connection trusts", { exact: false }).waitFor({ timeout: 30_000 });
    assert.match(await status().innerText(), /certificate in certificate chain|unable to (get|verify)/);
    await screenshot(page, 'connect-form-tls-untrusted');
    await form.locator('#offer-ca').click();
    // VS Code's file dialog (code-server's own: a path to type). It opens on the file the field names, once it has listed its folder.
    const dialog = page.locator('.quick-input-widget', { hasText: 'Choose the CA certificate' });
    await dialog.locator('.monaco-list-row', { hasText: 'ca.crt' }).first().waitFor({ timeout: 20_000 });
    await page.waitForFunction("document.querySelector('.quick-input-widget input')?.value.endsWith('wrong-ca.crt')", undefined, { timeout: 20_000 });
    await screenshot(page, 'connect-form-tls-pick-ca');
    await dialog.locator('input').fill(certs.ca);
    await page.waitForFunction(`document.querySelector('.quick-input-widget input')?.value === ${JSON.stringify(certs.ca)}`, undefined, { timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Choose' }).click();
    // The form takes the file and tests again.
    await status().getByText('and the server is verified', { exact: false }).waitFor({ timeout: 30_000 });
    assert.equal(await input('sslrootcert').inputValue(), certs.ca);
  });

  it('names the certificate\'s names when the host is not one of them', async () => {
    await input('host').fill('127.0.0.1');
    await form.locator('#test').click();
    await status().getByText('The server\'s certificate is for "localhost", not for "127.0.0.1": connect with a host name the certificate holds', { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'connect-form-tls-host-mismatch');
    await input('host').fill('localhost');
  });

  it('saves the TLS settings (no secret) and the tree reaches the server with them', async () => {
    await form.locator('#save').click();
    const node = page.locator('.pane-body .monaco-list-row', { hasText: 'TLS team' });
    await node.waitFor({ timeout: 20_000 });
    const settings = fs.readFileSync(path.join(server.userData, 'User', 'settings.json'), 'utf8');
    assert.match(settings, /"sslmode": "verify-full"/);
    assert.ok(settings.includes(JSON.stringify(certs.ca)), settings);
    assert.ok(!settings.includes(TLS_LOGIN_PASSWORD));
    // The catalog is missing: the tree says so (it connected over verified TLS; plain would be refused).
    await node.click();
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Initialize this server for OpenHEXA' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'tls-server-in-tree');
  });

  it('reports no Content Security Policy violation', () => {
    assert.deepEqual(csp(), []);
  });
});
