import * as assert from 'node:assert/strict';
import { isPlainLoginName, plainLoginName } from '../../src/core/loginNames';

describe('login names that BI tools and connection URLs take as they are', () => {
  it('plain: lowercase letters, digits and _, not starting with a digit, at most 63 bytes', () => {
    for (const name of ['marie', 'marie_dupont', '_svc', 'a1']) {
      assert.equal(isPlainLoginName(name), true, name);
    }
    for (const name of ['Marie', 'marie dupont', 'marie.dupont', 'élodie', '1marie', 'x"; drop role y; --', 'a'.repeat(64), '']) {
      assert.equal(isPlainLoginName(name), false, name);
    }
  });

  it('suggests the closest plain name, which is itself plain', () => {
    const cases: [string, string][] = [
      ['Marie Dupont', 'marie_dupont'],
      ['Élodie Ünïcode', 'elodie_unicode'],
      ['x"; drop role y; --', 'x_drop_role_y'],
      ['2024 analyst', 'u_2024_analyst'],
      ['数据', 'member'],
      ['marie.dupont@moh.gov', 'marie_dupont_moh_gov'],
    ];
    for (const [given, expected] of cases) {
      assert.equal(plainLoginName(given), expected, given);
      assert.equal(isPlainLoginName(plainLoginName(given)), true, given);
    }
    assert.equal(plainLoginName('a'.repeat(80)).length, 63);
  });
});
