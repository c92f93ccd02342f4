import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SpecService } from '../../../server/src/core/service';
import { builtinContentFields, contentFieldsOf } from '../../../server/src/core/reviews/contentFields';
import {
  canonicalValue,
  compareFingerprints,
  contentPrintOf,
  fingerprint,
  isFingerprint,
  segmentOf,
} from '../../../server/src/core/reviews/fingerprint';
import type { Item } from '../../../server/src/core/types';
import { lines, workspace } from '../helpers';

const PRD = 'file:///w/checkout.prd.yaml';

/** The fixture requirement whose fingerprint is pinned below. */
const requirement = [
  '  - id: REQ-101',
  '    title: Saved payment methods',
  '    statement: A signed-in shopper can save a card at checkout and pay with it next time.',
  '    priority: must',
  '    status: approved',
  '    owner: Dana',
  '    acceptance_criteria:',
  '      - A saved card appears as the default method on the next order',
  '      - The shopper can remove a saved card',
  '    depends_on: [REQ-100]',
  '    rationale: Repeat shoppers abandon at card entry.',
  '    x-risk: high',
];
const prd = (...req: string[]) => lines('id: PRD-1', 'title: Checkout', 'requirements:', ...req);

/** The first item with an ID, as a file with that text gives it (closed: quickParse). */
function itemOf(text: string, id = 'REQ-101', uri = PRD): Item {
  const s = workspace({ [uri]: text });
  const item = s.index.definitions(id)[0];
  assert.ok(item, `${id} in ${text}`);
  return item;
}

const printOf = (text: string, id?: string): string =>
  contentPrintOf(itemOf(text, id), undefined).fingerprint;

describe('reviews: fingerprint', () => {
  it('is pinned for the fixture requirement (changing it invalidates every stamp: a deliberate act)', () => {
    // One segment per content field (title, statement, priority, acceptance_criteria, depends_on):
    // the first 8 hex digits of SHA-256 of the canonical value.
    assert.equal(printOf(prd(...requirement)), '018c9dd2.dc799551.9b003408.4830547f.8cf91715');
    // The same digests as any SHA-256 (the core's is pure JS; the test's is Node's).
    const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
    assert.equal(canonicalValue('Saved payment methods'), '"Saved payment methods"');
    assert.equal(segmentOf('Saved payment methods'), sha('"Saved payment methods"'));
    assert.equal(segmentOf('must'), sha('"must"'));
    assert.equal(segmentOf(['REQ-100']), sha('["REQ-100"]'));
    assert.equal(
      segmentOf([
        'A saved card appears as the default method on the next order',
        'The shopper can remove a saved card',
      ]),
      sha(
        '["A saved card appears as the default method on the next order","The shopper can remove a saved card"]',
      ),
    );
  });

  it('has one segment per content field, "-" for an absent or empty field', () => {
    const print = contentPrintOf(
      itemOf(prd('  - id: REQ-101', '    title: T', '    statement:', '    priority: must')),
      undefined,
    );
    assert.deepEqual(print.fields, ['title', 'statement', 'priority', 'acceptance_criteria', 'depends_on']);
    assert.equal(print.builtin, 5);
    const segments = print.fingerprint.split('.');
    assert.equal(segments.length, 5);
    assert.match(segments[0], /^[0-9a-f]{8}$/);
    assert.deepEqual(segments.slice(1), ['-', segmentOf('must'), '-', '-']);
    assert.ok(isFingerprint(print.fingerprint));
  });

  it('changes exactly the segment of each content field that changes', () => {
    const base = printOf(prd(...requirement)).split('.');
    const edits: [string, RegExp, string][] = [
      ['title', /title: .*/, 'title: Saved cards'],
      ['statement', /statement: .*/, 'statement: A shopper can save a card.'],
      ['priority', /priority: must/, 'priority: should'],
      [
        'acceptance_criteria',
        /- The shopper can remove a saved card/,
        '- The shopper can rename a saved card',
      ],
      ['depends_on', /depends_on: \[REQ-100\]/, 'depends_on: [REQ-100, REQ-99]'],
    ];
    for (const [field, find, replace] of edits) {
      const text = prd(...requirement.map(l => l.replace(find, replace)));
      const now = printOf(text).split('.');
      const changed = builtinContentFields.requirement.filter((_, i) => now[i] !== base[i]);
      assert.deepEqual(changed, [field], `editing ${field}`);
    }
  });

  it('does not change with formatting, key order, comments, quoting, line endings or non-content fields', () => {
    const base = printOf(prd(...requirement));
    const variants: Record<string, string> = {
      'flow style': prd(
        '  - {id: REQ-101, title: "Saved payment methods", statement: \'A signed-in shopper can save a card at checkout and pay with it next time.\',',
        '     priority: must, acceptance_criteria: ["A saved card appears as the default method on the next order", The shopper can remove a saved card],',
        '     depends_on: [REQ-100]}',
      ),
      'key order and comments': prd(
        '  - depends_on:   # upstream',
        '      - REQ-100',
        '    priority: "must"',
        '    id: REQ-101',
        '    acceptance_criteria: [A saved card appears as the default method on the next order, The shopper can remove a saved card]',
        '    # the statement, folded',
        '    statement: >-',
        '      A signed-in shopper can save a card at checkout',
        '      and pay with it next time.',
        '    title: Saved payment methods',
      ),
      'block scalar with a final line break': prd(
        ...requirement.map(l => l.replace(/statement: (.*)/, 'statement: |\n      $1')),
      ),
      'status, owner, rationale, x- keys': prd(
        ...requirement.map(l =>
          l
            .replace('status: approved', 'status: done')
            .replace('owner: Dana', 'owner: Sam')
            .replace('x-risk: high', 'x-risk: low')
            .replace('rationale: Repeat', 'rationale: Many'),
        ),
      ),
      'CRLF line endings': prd(...requirement).replace(/\n/g, '\r\n'),
      'no status, owner or extensions': prd(
        ...requirement.filter(l => !/status|owner|x-risk|rationale/.test(l)),
      ),
    };
    for (const [name, text] of Object.entries(variants)) assert.equal(printOf(text), base, name);
  });

  it('is the same for a document read by the editor (yaml CST) and from disk (quickParse)', () => {
    const text = prd(...requirement);
    const s = new SpecService();
    s.openDocument(PRD, text, 1);
    s.tree(PRD); // a feature asked for the tree: the next edit is read with yaml's CST
    s.openDocument(PRD, text + '# edited\n', 2);
    assert.equal(contentPrintOf(s.index.definitions('REQ-101')[0], undefined).fingerprint, printOf(text));
  });

  it('reads strings with \\n line ends and no trailing whitespace, numbers by value, mappings in key order', () => {
    assert.equal(canonicalValue('a\r\nb\rc\n\n  '), '"a\\nb\\nc"');
    assert.equal(canonicalValue(1.0), '1');
    assert.equal(canonicalValue(-0), '0');
    assert.equal(canonicalValue(Number.NaN), 'NaN');
    assert.equal(canonicalValue(-Infinity), '-Infinity');
    assert.equal(canonicalValue(true), 'true');
    assert.equal(canonicalValue(null), 'null');
    assert.equal(canonicalValue(undefined), 'undefined');
    assert.equal(
      canonicalValue({ then: 'c', given: 'a', when: ['b', 2] }),
      '{"given":"a","then":"c","when":["b",2]}',
    );
    assert.equal(canonicalValue('3'), '"3"');
    assert.notEqual(segmentOf('3'), segmentOf(3));
  });

  it('covers the content fields of every kind, and fields that reviews.content adds (after the built-in ones)', () => {
    assert.deepEqual(builtinContentFields.story, [
      'title',
      'as_a',
      'i_want',
      'so_that',
      'acceptance_criteria',
      'depends_on',
    ]);
    assert.deepEqual(contentFieldsOf('requirement', { requirement: ['x-risk', 'statement', 'rationale'] }), [
      'title',
      'statement',
      'priority',
      'acceptance_criteria',
      'depends_on',
      'x-risk',
      'rationale',
    ]);
    assert.equal(contentFieldsOf('story', { requirement: ['x-risk'] }), builtinContentFields.story);
    const item = itemOf(prd(...requirement));
    const withRisk = contentPrintOf(item, { requirement: ['x-risk'] });
    assert.equal(withRisk.fingerprint, `${printOf(prd(...requirement))}.${segmentOf('high')}`);
    assert.equal(withRisk.builtin, 5);
    const goal = itemOf(
      lines(
        'id: V-1',
        'product: Basket',
        'statement: S',
        'goals:',
        '  - {id: G-1, title: Conversion, baseline: 2.0, target: 3}',
      ),
      'G-1',
      'file:///w/p.vision.yaml',
    );
    assert.equal(
      fingerprint(goal.fields, builtinContentFields.goal),
      [segmentOf('Conversion'), '-', segmentOf(2), segmentOf(3), '-'].join('.'),
    );
  });

  it('compares a stamp with the current fingerprint by field, and flags a stamp made under another field list', () => {
    const fields = ['title', 'statement', 'priority', 'x-risk'];
    assert.equal(compareFingerprints('aaaaaaaa.bbbbbbbb.-.-', 'aaaaaaaa.bbbbbbbb.-.-', fields, 3), undefined);
    assert.deepEqual(
      compareFingerprints('aaaaaaaa.bbbbbbbb.-.-', 'aaaaaaaa.cccccccc.-.dddddddd', fields, 3),
      { fields: ['statement', 'x-risk'], fieldListChanged: false },
    );
    // Stamped before x-risk was content: it reads as absent then, so only an item that has it now is suspect.
    assert.equal(compareFingerprints('aaaaaaaa.bbbbbbbb.-', 'aaaaaaaa.bbbbbbbb.-.-', fields, 3), undefined);
    assert.deepEqual(compareFingerprints('aaaaaaaa.bbbbbbbb.-', 'aaaaaaaa.bbbbbbbb.-.dddddddd', fields, 3), {
      fields: ['x-risk'],
      fieldListChanged: false,
    });
    // Stamped under a longer list (a field was taken out): suspect, with the built-in fields compared by name.
    assert.deepEqual(
      compareFingerprints('aaaaaaaa.bbbbbbbb.-.-.99999999', 'aaaaaaaa.bbbbbbbb.-.-', fields, 3),
      { fields: [], fieldListChanged: true },
    );
    assert.deepEqual(
      compareFingerprints('eeeeeeee.bbbbbbbb.-.ffffffff.99999999', 'aaaaaaaa.bbbbbbbb.-.dddddddd', fields, 3),
      { fields: ['title'], fieldListChanged: true },
    );
  });

  it('tells fingerprints from other text', () => {
    for (const ok of ['-', '0123abcd', '0123abcd.-.ffffffff']) assert.ok(isFingerprint(ok), ok);
    for (const bad of ['', '.', '0123ABCD', '0123abc', '0123abcd..-', 'x', '0123abcd.', '--'])
      assert.ok(!isFingerprint(bad), bad);
  });
});
