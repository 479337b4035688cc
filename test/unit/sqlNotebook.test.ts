// SQL cells in .ipynb notebooks: what the notebook keeps of its binding, and what an output holds.
import * as assert from 'node:assert/strict';
import { isOpenhexaSqlNotebook, notebookBinding, withNotebookBinding } from '../../src/core/notebooks/sqlNotebookMetadata';
import { sqlResult, sqlResultHtml, sqlResultText } from '../../src/core/notebooks/sqlCellOutput';

describe('an OpenHEXA SQL notebook', () => {
  const binding = { server: 'db.example.org:5432', catalog: 'openhexa', workspace: 'surveillance' };

  it('keeps its binding and kernelspec in the notebook\'s metadata, and reads them back; the rest of the metadata stays', () => {
    const before = { metadata: { kernelspec: { name: 'python3' }, authors: ['ada'] }, nbformat: 4 };
    const after = withNotebookBinding(before, binding);
    assert.deepEqual(after, {
      nbformat: 4,
      metadata: { authors: ['ada'], kernelspec: { name: 'openhexa-sql', display_name: 'OpenHEXA SQL', language: 'sql' }, language_info: { name: 'sql' }, openhexa: binding },
    });
    assert.ok(isOpenhexaSqlNotebook(after));
    assert.deepEqual(notebookBinding(JSON.parse(JSON.stringify(after)) as Record<string, unknown>), binding);
    assert.equal(isOpenhexaSqlNotebook(before), false);
    assert.equal(notebookBinding(before), undefined);
  });

  it('ignores a binding that is not well formed (a notebook from elsewhere names no login, no writes, no odd slug)', () => {
    const odd = (openhexa: unknown) => notebookBinding({ metadata: { openhexa } });
    assert.equal(odd({ ...binding, workspace: '../x' }), undefined);
    assert.equal(odd({ ...binding, server: '' }), undefined);
    assert.equal(odd('surveillance'), undefined);
    // Extra keys (a password, allowWrites) are not read back.
    assert.deepEqual(odd({ ...binding, password: 'p', allowWrites: true }), binding);
  });
});

describe('a SQL cell\'s output', () => {
  const columns = [{ name: 'district', type: 'text' }, { name: 'n', type: 'bigint' }];

  it('keeps the first 500 rows and cuts long values; its HTML escapes every value and name', () => {
    const rows = Array.from({ length: 600 }, (_, i) => [i === 0 ? '<img src=x onerror=alert(1)>' : `d${i}`, i === 1 ? 'x'.repeat(5000) : String(i)]);
    const result = sqlResult([...columns, { name: '<b>', type: 'text' }], rows, 600, '600 rows', 'Open in Results', 0);
    assert.equal(result.rows.length, 500);
    assert.equal(result.rows[1]![1]!.length, 1001);
    const html = sqlResultHtml(result);
    assert.ok(!html.includes('<img') && !html.includes('<b>'), html.slice(0, 200));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
  });

  it('says the result in plain text as aligned columns, NULL as NULL', () => {
    const text = sqlResultText(sqlResult(columns, [['Kindu', '12'], [null, '3']], 2, '2 rows in 4 ms', 'Open', 0));
    assert.equal(text, ['district | n', '---------+---', 'Kindu    | 12', 'NULL     | 3', '2 rows in 4 ms'].join('\n'));
  });
});
