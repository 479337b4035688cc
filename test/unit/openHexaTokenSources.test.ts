import * as assert from 'node:assert/strict';
import { DEFAULT_SERVER, fromCliSettings, fromEnvironment } from '../../src/openhexa/tokenSources';

describe("where an OpenHEXA token may already be: the CLI's variables and its ~/.openhexa.ini", () => {
  it('reads HEXA_TOKEN with HEXA_API_URL or HEXA_SERVER_URL (the CLI\'s order), else the default server', () => {
    assert.equal(fromEnvironment({}), undefined);
    assert.equal(fromEnvironment({ HEXA_TOKEN: '  ' }), undefined);
    assert.deepEqual(fromEnvironment({ HEXA_TOKEN: 'tok', HEXA_SERVER_URL: 'https://hexa.example.org/' }), { server: 'https://hexa.example.org', token: 'tok', from: 'environment' });
    assert.deepEqual(fromEnvironment({ HEXA_TOKEN: 'tok', HEXA_API_URL: 'https://a.example.org', HEXA_SERVER_URL: 'https://b.example.org' })?.server, 'https://a.example.org');
    assert.equal(fromEnvironment({ HEXA_TOKEN: 'tok' })?.server, DEFAULT_SERVER);
  });

  it('reads the settings file as the CLI writes it, the current workspace\'s token first, empty tokens left out', () => {
    const ini = [
      '[openhexa]',
      'url = https://api.demo.openhexa.org/',
      'current_workspace = malaria-2026',
      'last_version_check = 1764000000',
      '',
      '[workspaces]',
      'nutrition = tok-nutrition',
      '; a comment',
      'malaria-2026 = tok:with=signs',
      'gone = ',
      'old = None',
    ].join('\n');
    assert.deepEqual(fromCliSettings(ini), [
      { server: 'https://api.demo.openhexa.org', token: 'tok:with=signs', from: 'cli', workspace: 'malaria-2026' },
      { server: 'https://api.demo.openhexa.org', token: 'tok-nutrition', from: 'cli', workspace: 'nutrition' },
    ]);
  });

  it('a file without tokens, or not an ini file at all, offers nothing; without a url the default server', () => {
    assert.deepEqual(fromCliSettings('[openhexa]\nurl=https://api.openhexa.org\n\n[workspaces]\n'), []);
    assert.deepEqual(fromCliSettings('{"not": "ini"}'), []);
    assert.equal(fromCliSettings('[workspaces]\nws = t')[0]?.server, DEFAULT_SERVER);
  });
});
