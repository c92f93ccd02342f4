// @verifies ST-104
import { strict as assert } from 'node:assert';
import { defaultPreference, suggestions } from '../../src/substitutions/preference';

describe('substitution preference', () => {
  it("defaults to the picker's choice", () => {
    assert.deepEqual(defaultPreference, { kind: 'pickers-choice' });
  });

  it('suggests at most five alternatives', () => {
    assert.equal(suggestions(['a', 'b', 'c', 'd', 'e', 'f']).length, 5);
  });
});
