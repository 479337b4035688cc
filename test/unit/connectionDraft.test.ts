import * as assert from 'node:assert/strict';
import { type ConnectionDraft, draftFields, draftProblems, valuesForTest } from '../../src/core/connections/connectionDraft';
import { C } from '../../src/core/connections/connectionMessages';
import { identifierFromName, identifierMixProblem, identifierProblem, identifierWithSuffix, nameTakenProblem, suggestIdentifier } from '../../src/core/connections/identifier';
import { fill, type Said } from '../../src/core/said';

const say = (s: Said | undefined): string | undefined => (s ? fill(s.text, s.args) : undefined);

function draft(partial: Partial<ConnectionDraft>): ConnectionDraft {
  return { type: 'postgresql', name: 'Malaria DB', identifier: 'malaria-db', description: '', fields: [], ...partial };
}

const PG = [
  { code: 'host', secret: false, value: 'db.example.org' },
  { code: 'port', secret: false, value: '5432' },
  { code: 'db_name', secret: false, value: 'malaria' },
  { code: 'username', secret: false, value: 'analyst' },
  { code: 'password', secret: true, value: "p'w\"d" },
  { code: 'sslmode', secret: false, value: 'prefer' },
];

const creating = { creating: true, stored: new Set<string>() };

describe('connection identifier (issue 12: made from the name, fixed at creation)', () => {
  it('is the name slugified, cut to 40 with no trailing hyphen', () => {
    assert.equal(identifierFromName('Malaria DB (2024)'), 'malaria-db-2024');
    assert.equal(identifierFromName('Données de la santé — Sénégal'), 'donnees-de-la-sante-senegal');
    assert.equal(identifierFromName(`${'a'.repeat(39)} b`), 'a'.repeat(39));
    assert.equal(identifierFromName('日本語'), '');
  });

  it('refuses, saying why, what the catalog refuses: empty, too long, a digit first (the variables), other characters', () => {
    assert.equal(identifierProblem('my-db'), undefined);
    assert.match(say(identifierProblem(''))!, /no letter or digit/);
    assert.match(say(identifierProblem('a'.repeat(41)))!, /at most 40/);
    assert.match(say(identifierProblem('2024-survey'))!, /starts with a digit, and so would its environment variables \(2024_SURVEY_…\).*start it with a letter/);
    for (const bad of ['My-db', 'my--db', 'my-db-', 'my_db', 'my db', 'select"']) {
      assert.match(say(identifierProblem(bad))!, /only a-z, 0-9 and single hyphens/, bad);
    }
  });
});

describe('connection draft (the form\'s rules, the catalog\'s too)', () => {
  it('accepts a complete connection of a fixed type and stores its fields in the type\'s order, blank optional ones left out', () => {
    const d = draft({ fields: [...PG.slice(0, 5), { code: 'sslmode', secret: false, value: '' }] });
    assert.deepEqual(draftProblems(d, creating), {});
    assert.deepEqual(
      draftFields(d, new Set()).map((f) => f.code),
      ['host', 'port', 'db_name', 'username', 'password'],
    );
  });

  it('says what is wrong, by field: required ones, each value\'s rule, name, identifier, description', () => {
    const problems = draftProblems(
      draft({ name: '  ', identifier: '1st', description: 'x'.repeat(2001), fields: [{ code: 'host', secret: false, value: 'postgresql://db' }, { code: 'port', secret: false, value: '70000' }] }),
      creating,
    );
    assert.deepEqual(Object.keys(problems).sort(), ['description', 'field:db_name', 'field:host', 'field:password', 'field:port', 'field:username', 'identifier', 'name']);
    assert.equal(problems['field:password']!.text, C.required);
    assert.equal(problems['field:port']!.text, C.port);
    assert.equal(problems['field:host']!.text, C.host);
    assert.equal(problems.name!.text, C.nameRequired);
  });

  it('when editing: the identifier is not the draft\'s, and a secret without a value keeps the stored one (OpenHEXA #497)', () => {
    const withoutPassword = PG.map((f) => (f.code === 'password' ? { code: f.code, secret: true } : f));
    const editing = { creating: false, stored: new Set(['host', 'port', 'db_name', 'username', 'password']) };
    assert.deepEqual(draftProblems(draft({ identifier: 'ignored', fields: withoutPassword }), editing), {});
    const fields = draftFields(draft({ fields: withoutPassword }), editing.stored);
    assert.deepEqual(fields.find((f) => f.code === 'password'), { code: 'password', secret: true }, 'sent without a value: the server keeps it');
    // Nothing stored to keep: the field is missing.
    assert.equal(draftProblems(draft({ fields: withoutPassword }), creating)['field:password']?.text, C.required);
    // Cleared on purpose: a required secret cannot be blank; an optional one is removed.
    assert.equal(draftProblems(draft({ fields: PG.map((f) => (f.code === 'password' ? { ...f, value: '' } : f)) }), editing)['field:password']?.text, C.required);
  });

  it('custom fields: problems by position, for the code and for the value, and kept secrets', () => {
    const d = draft({
      type: 'custom',
      fields: [
        { code: 'api-key', secret: true },
        { code: 'API_KEY', secret: false, value: 'x' },
        { code: 'description', secret: false, value: '' },
        { code: '', secret: false, value: 'a\u0000b' },
      ],
    });
    const problems = draftProblems(d, { creating: false, stored: new Set() });
    assert.deepEqual(Object.keys(problems).sort(), ['code:1', 'code:2', 'code:3', 'value:0', 'value:3']);
    assert.equal(say(problems['code:1']), '"API_KEY" makes the same environment variable as "api-key" (…_API_KEY): choose another code');
    assert.equal(say(problems['code:2']), '"description" is reserved: choose another code');
    assert.equal(problems['value:0']!.text, C.required, 'nothing stored to keep');
    assert.equal(problems['value:3']!.text, C.valueNul);
    assert.deepEqual(draftProblems(d, { creating: false, stored: new Set(['api-key']) })['value:0'], undefined);
    // A kept secret said to be plain: its value must be typed again (the catalog refuses it otherwise, issue 23).
    const plain = draft({ type: 'custom', fields: [{ code: 'token', secret: false }] });
    assert.equal(draftProblems(plain, { creating: false, stored: new Set(['token']), storedSecrets: new Set(['token']) })['value:0']?.text, C.secretMadePlain);
    assert.equal(draftProblems({ ...plain, fields: [{ code: 'token', secret: false, value: 'typed again' }] }, { creating: false, stored: new Set(['token']), storedSecrets: new Set(['token']) })['value:0'], undefined);
    assert.equal(draftProblems(draft({ type: 'custom', fields: Array.from({ length: 51 }, (_, i) => ({ code: `f${i}`, secret: false, value: '' })) }), creating).fields?.text, C.tooManyFields);
  });

  it('a test uses the draft\'s values, and the stored ones only where the draft keeps them', () => {
    const d = draft({ fields: PG.map((f) => (f.code === 'password' ? { code: f.code, secret: true } : f.code === 'host' ? { ...f, value: 'new.example.org' } : f)) });
    const stored = PG.map((f) => ({ code: f.code, value: f.code === 'host' ? 'old.example.org' : `stored ${f.code}`, secret: f.secret }));
    const values = valuesForTest(d, stored);
    assert.equal(values.host, 'new.example.org');
    assert.equal(values.password, 'stored password');
    assert.equal(values.port, '5432');
  });
});

describe('connections a member can tell apart, whose variables never mix (issue 24, item 2)', () => {
  const others = [
    { identifier: 'sandbox-read-only', name: 'Sandbox read-only' },
    { identifier: 'polio', name: 'Polio' },
  ];
  it('refuses a name another connection has, however it is cased or spaced', () => {
    assert.match(say(nameTakenProblem('  sandbox READ-ONLY ', others))!, /Another connection of this workspace is named "Sandbox read-only" \(sandbox-read-only\)/);
    assert.equal(nameTakenProblem('Sandbox read-only 2', others), undefined);
  });
  it('refuses an identifier whose variables one prefix would mix with another\'s, with a free suggestion', () => {
    assert.match(say(identifierMixProblem('polio-test', others))!, /mix the variables of polio-test with those of polio .* e\.g\. poliotest/);
    assert.match(say(identifierMixProblem('sandbox', others))!, /with those of sandbox-read-only/);
    assert.equal(identifierMixProblem('sandbox-read-only0883', others), undefined);
    assert.equal(identifierMixProblem('polio', others), undefined, 'the same identifier is taken, not mixed: it gets a suffix');
  });
  it('proposes from a name an identifier that is free and mixes with nothing; the catalog\'s suffix is glued on', () => {
    assert.equal(suggestIdentifier('sandbox-read-only', others), 'sandboxreadonly');
    assert.equal(suggestIdentifier('polio', others), 'polio2');
    assert.equal(suggestIdentifier('malaria', others), 'malaria');
    assert.equal(identifierWithSuffix('polio', '3f2a'), 'polio3f2a');
    assert.equal(identifierWithSuffix('x'.repeat(40), '3f2a'), `${'x'.repeat(36)}3f2a`);
    const problems = draftProblems(draft({ type: 'custom', name: 'polio', identifier: 'polio-test', fields: [] }), { creating: true, stored: new Set(), others });
    assert.deepEqual(Object.keys(problems).sort(), ['identifier', 'name']);
  });
});

