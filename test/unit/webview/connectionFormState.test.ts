import * as assert from 'node:assert/strict';
import { ConnectionFormState, type FormStart } from '../../../webview/connectionForm/model/formState';

const creating: FormStart = { mode: 'create', workspace: 'Sandbox', others: [{ identifier: 'sandbox-db', name: 'Sandbox DB' }], canEdit: true, initialType: 'postgresql' };
const editingCustom: FormStart = {
  mode: 'edit',
  workspace: 'Sandbox',
  others: [],
  canEdit: true,
  initialType: 'postgresql',
  connection: {
    identifier: 'weather',
    name: 'Weather API',
    type: 'custom',
    description: '',
    fields: [
      { code: 'base_url', secret: false, value: 'https://api.example.org' },
      { code: 'api_token', secret: true, isSet: true },
    ],
  },
};

function form(start: FormStart): ConnectionFormState {
  const state = new ConnectionFormState();
  state.start(start);
  return state;
}

describe('the connection form\'s state', () => {
  it('the identifier follows the name, avoiding another connection\'s, until the admin types one', () => {
    const f = form(creating);
    assert.equal(f.setName('Malaria data'), true);
    assert.equal(f.identifier, 'malaria-data');
    f.setName('Sandbox DB');
    assert.notEqual(f.identifier, 'sandbox-db', 'never proposes a taken identifier');
    f.setIdentifier('my-own');
    assert.equal(f.setName('Something else'), false);
    assert.equal(f.identifier, 'my-own');
  });

  it('shows a problem only once its input was touched, and every problem after Save or Test', () => {
    const f = form(creating);
    const problems = f.problems();
    assert.ok(problems['field:host'], 'an empty required host is a problem');
    assert.equal(f.shown(problems, 'field:host'), undefined, 'not shown before the admin got there');
    f.touch('field:host');
    assert.ok(f.shown(problems, 'field:host'));
    assert.equal(f.shown(problems, 'name'), undefined);
    f.showAll = true;
    assert.ok(f.shown(problems, 'name'));
  });

  it('Test is blocked by the fields\' problems only; Save by all', () => {
    const f = form(creating);
    for (const [code, value] of [['host', 'db.example.org'], ['db_name', 'hmis'], ['username', 'reader'], ['password', 's3cret']]) {
      f.fixedFields().get(code!)!.value = value!;
    }
    const problems = f.problems();
    assert.deepEqual(f.blocking(problems, 'test'), []);
    assert.deepEqual(f.blocking(problems, 'save'), ['name', 'identifier']);
  });

  it('switching types and back keeps what was typed', () => {
    const f = form(creating);
    f.fixedFields().get('host')!.value = 'db.example.org';
    f.type = 'dhis2';
    assert.equal(f.fixedFields().get('host'), undefined);
    f.type = 'postgresql';
    assert.equal(f.fixedFields().get('host')!.value, 'db.example.org');
    assert.equal(f.fixedFields().get('port')!.value, '5432', 'defaults come with the type');
  });

  it('a stored secret is sent as nothing (kept) until replaced, and as empty once cleared', () => {
    const f = form(editingCustom);
    const token = f.custom[1]!;
    assert.equal(token.action, 'keep');
    assert.deepEqual(f.draft().fields[1], { code: 'api_token', secret: true });
    f.replace(token);
    token.value = 'new';
    assert.deepEqual(f.draft().fields[1], { code: 'api_token', secret: true, value: 'new' });
    f.clear(token);
    assert.deepEqual(f.draft().fields[1], { code: 'api_token', secret: true, value: '' });
    f.keep(token);
    assert.deepEqual(f.draft().fields[1], { code: 'api_token', secret: true });
  });

  it('a kept secret made plain asks for its value: the stored one never reached the form', () => {
    const f = form(editingCustom);
    const token = f.custom[1]!;
    f.setSecret(token, false);
    assert.equal(token.action, 'type');
    assert.deepEqual(f.draft().fields[1], { code: 'api_token', secret: false, value: '' });
  });

  it('custom rows are added, moved and removed; a touched mark follows its row, not its place', () => {
    const f = form(editingCustom);
    const added = f.addField();
    assert.equal(f.custom.length, 3);
    f.touch('code:2');
    assert.equal(f.moveField(2, -1), added);
    assert.deepEqual(f.custom.map((r) => r.code), ['base_url', '', 'api_token']);
    assert.equal(f.moveField(0, -1), undefined, 'nothing above the first row');
    const problems = f.problems();
    assert.ok(f.shown(problems, 'code:1'), 'the added row was touched where it now is');
    assert.equal(f.shown(problems, 'code:2'), undefined);
    assert.equal(f.removeField(2)?.code, '', 'focus goes to the row before when the last goes');
    assert.equal(f.custom.length, 2);
  });

  it('says when no more fields can be added', () => {
    const f = form(editingCustom);
    while (f.canAddField) {
      f.addField();
    }
    assert.equal(f.custom.length, 50);
  });
});
