import * as assert from 'node:assert/strict';
import { resolveEnvFile } from '../../src/core/notebooks/envFilePath';
import { notebookLanguage, snippetLanguage } from '../../src/core/notebooks/notebookLanguage';
import { prefixCollisions } from '../../src/core/notebooks/prefixCollisions';

describe('.env file and prefixes', () => {
  it('finds the file the Python and Jupyter extensions load (python.envFile)', () => {
    assert.deepEqual(resolveEnvFile(undefined, '/w/proj', '/home/a'), { file: '/w/proj/.env' });
    assert.deepEqual(resolveEnvFile('', '/w/proj', '/home/a'), { file: '/w/proj/.env' });
    assert.deepEqual(resolveEnvFile('${workspaceFolder}/config/dev.env', '/w/proj', '/home/a'), { file: '/w/proj/config/dev.env' });
    assert.deepEqual(resolveEnvFile('local.env', '/w/proj', '/home/a'), { file: '/w/proj/local.env' });
    assert.deepEqual(resolveEnvFile('~/envs/${workspaceFolderBasename}.env', '/w/proj', '/home/a'), { file: '/home/a/envs/proj.env' });
    assert.deepEqual(resolveEnvFile('${env:HOME}/.env', '/w/proj', '/home/a'), { unknown: '${env:HOME}' });
  });

  it('warns when one prefix starts another (the SDK would mix their variables)', () => {
    assert.deepEqual(prefixCollisions(['POLIO', 'POLIO_TEST', 'MALARIA']), [['POLIO', 'POLIO_TEST']]);
    assert.deepEqual(prefixCollisions(['WORKSPACE', 'WORKSPACE_DATABASE']), [['WORKSPACE', 'WORKSPACE_DATABASE']]);
    assert.deepEqual(prefixCollisions(['POLIOTEST', 'POLIO']), []);
  });
});

describe('a notebook\'s language', () => {
  it('reads language_info.name, else kernelspec.language, from either place VS Code puts them, else the cells', () => {
    assert.equal(notebookLanguage({ metadata: { language_info: { name: 'R' }, kernelspec: { language: 'python' } } }, ['python']), 'r');
    assert.equal(notebookLanguage({ metadata: { kernelspec: { language: 'python' } } }, ['r']), 'python');
    assert.equal(notebookLanguage({ custom: { metadata: { language_info: { name: 'Python' } } } }, []), 'python');
    assert.equal(notebookLanguage({}, ['markdown', 'r']), 'r');
    assert.equal(notebookLanguage(undefined, []), undefined);
    assert.equal(snippetLanguage('julia'), undefined);
  });
});
