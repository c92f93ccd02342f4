/**
 * Clear messages: a short, single-line excerpt of the source at most; "did
 * you mean" for an unknown ID when a close one of the right kind exists; "an
 * epic", not "a epic".
 */
import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const E = 'file:///w/a.epic.yaml';
const V = 'file:///w/product.vision.yaml';
const STORIES = 'file:///w/s.stories.yaml';
const PRD = 'file:///w/a.prd.yaml';

describe('one finding: clear messages', () => {
  it('quotes a long or multi-line value as a short single-line excerpt', () => {
    const s = workspace({
      [E]: lines(
        'id: EPIC-1',
        'title: A',
        'release: R-1',
        'status: "this is',
        '  not a status at all, it is a long sentence that goes on and on"',
      ),
    });
    assert.deepEqual(
      findings(s, E, 'schema').map(f => f.message),
      [
        'status must be one of draft, review, approved, in-progress, done, cancelled (got "this is not a status at all, it is a long sentence that goe…")',
      ],
    );
  });

  it('quotes a long unknown key short', () => {
    const key = 'x'.repeat(40) + 'y'.repeat(40);
    const s = workspace({ [E]: lines('id: EPIC-1', 'title: A', 'release: R-1', `${key}: 1`) });
    const [f] = findings(s, E, 'schema');
    assert.equal(f.message.split(' (')[0], `unknown key "${'x'.repeat(40)}${'y'.repeat(19)}…"`);
    assert.ok(!f.message.includes('\n'));
  });

  it('unresolved-link suggests a close ID of a kind the field accepts, and only of such a kind', () => {
    const s = workspace({
      [V]: lines(
        'id: V-1',
        'title: T',
        'goals:',
        '  - {id: G-CONV, title: c}',
        'personas:',
        '  - {id: P-PARENT, name: Maya}',
      ),
      [STORIES]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: t',
        '    as_a: P-PARNT',
        '    implements: [G-CON]',
        '    related: [G-CONVV]',
      ),
    });
    assert.deepEqual(
      findings(s, STORIES, 'unresolved-link').map(f => [f.range, f.message]),
      [
        [[5, 10, 5, 17], 'P-PARNT is not defined in this workspace (did you mean P-PARENT?)'],
        // implements names requirements: the goal G-CONV is not suggested.
        [[6, 17, 6, 22], 'G-CON is not defined in this workspace'],
        // related names any kind.
        [[7, 14, 7, 21], 'G-CONVV is not defined in this workspace (did you mean G-CONV?)'],
      ],
    );
  });

  it('says "an epic" and "an iteration"', () => {
    const s = workspace({
      [E]: lines('kind: prd', 'id: EPIC-1', 'title: A', 'release: R-1'),
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epic: IT-1',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      ),
      [STORIES]: lines('id: IT-1', 'title: T', 'stories: []'),
      'file:///w/empty.epic.yaml': '',
    });
    assert.deepEqual(
      findings(s, E, 'kind-mismatch').map(f => f.message),
      ['kind is "prd" but the file name makes this an epic file (*.epic.yaml)'],
    );
    assert.deepEqual(
      findings(s, PRD, 'link-kind').map(f => f.message),
      ['epic must name an epic, but IT-1 is an iteration'],
    );
    assert.deepEqual(
      findings(s, 'file:///w/empty.epic.yaml').map(f => f.message),
      ['the file is empty; an epic file needs at least "id" and "title"'],
    );
  });
});

describe('one finding: messages on one line', () => {
  it('keeps every message on one line, even one that quotes a line break', () => {
    const s = workspace({ [E]: lines('id: "EPIC-1\\nsecond line"', 'title: A') });
    assert.deepEqual(
      findings(s, E).map(f => [f.code, f.message]),
      [
        ['orphan', 'EPIC-1 second line is not scheduled: it names no release'],
        [
          'schema',
          '"EPIC-1 second line" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
        ],
      ],
    );
  });
});
