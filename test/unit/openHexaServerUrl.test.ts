import * as assert from 'node:assert/strict';
import { checkServerUrl, graphqlUrl, OpenHexaApi, OpenHexaError } from '../../src/openhexa/graphqlClient';
import { ME } from '../../src/openhexa/operations';

describe("an OpenHEXA instance's address, before a token is sent to it", () => {
  it('takes https:// anywhere, and plain http:// only on this computer', () => {
    for (const ok of ['https://api.openhexa.org', 'https://hexa.example.org:8443/', 'http://localhost:8000', 'http://127.0.0.1:41225', 'http://[::1]:8000']) {
      assert.equal(checkServerUrl(ok), undefined, ok);
    }
    assert.match(checkServerUrl('http://api.openhexa.org')?.text ?? '', /token would cross the network unencrypted/);
    assert.match(checkServerUrl('http://10.0.0.5:8000')?.text ?? '', /token would cross the network unencrypted/);
    for (const bad of ['api.openhexa.org', 'ftp://api.openhexa.org', '', 'https://']) {
      assert.match(checkServerUrl(bad)?.text ?? '', /is not an http:\/\/ or https:\/\/ URL/, bad);
    }
  });

  it('posts to /graphql/ under the address, as the CLI does', () => {
    assert.equal(graphqlUrl('https://api.openhexa.org/'), 'https://api.openhexa.org/graphql/');
    assert.equal(graphqlUrl('http://127.0.0.1:8000'), 'http://127.0.0.1:8000/graphql/');
  });

  it('sends nothing to a plain http:// address elsewhere, and says why without the token', async () => {
    const token = 'secret-token-value';
    const error = await new OpenHexaApi('http://hexa.example.org', token).call(ME, {}).catch((err: unknown) => err);
    assert.ok(error instanceof OpenHexaError, String(error));
    assert.match(error.message, /uses http:\/\/, so your token would cross the network unencrypted/);
    assert.ok(!JSON.stringify(error).includes(token) && !error.message.includes(token));
  });
});
