import * as assert from 'node:assert/strict';
import { resolveEnvFile } from '../../src/core/notebooks/envFilePath';
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
