import * as assert from 'node:assert/strict';
import {
  maxProblems,
  parseStamps,
  serializeStamps,
  StampIndex,
  stampFor,
} from '../../../server/src/core/reviews/stamps';
import { span } from '../helpers';

const header = [
  '# Specwright review stamps: one reviewed link a line, DOWNSTREAM-ID field UPSTREAM-ID fingerprint.',
  '# Written by "specwright review". Recommended in .gitattributes: specwright.reviews merge=union',
];
const A = 'aaaaaaaa.-.bbbbbbbb';
const B = 'cccccccc.-.bbbbbbbb';

const problemsOf = (text: string) =>
  parseStamps(text).problems.map(p => ({
    code: p.code,
    range: span(p.range),
    message: p.message,
    data: p.data,
  }));

describe('reviews: stamps file', () => {
  it('serializes sorted (IDs with their numbers as numbers), one line per stamp, after a header, and reads back the same', () => {
    const stamps = [
      { downstream: 'ST-10', field: 'implements', upstream: 'REQ-2', fingerprint: A },
      { downstream: 'ST-2', field: 'implements', upstream: 'REQ-10', fingerprint: A },
      { downstream: 'ST-2', field: 'as_a', upstream: 'P-1', fingerprint: '-' },
      { downstream: 'ST-2', field: 'implements', upstream: 'REQ-9', fingerprint: B },
      { downstream: 'ST-2', field: 'implements', upstream: 'REQ-10', fingerprint: A },
    ];
    const text = serializeStamps(stamps);
    assert.equal(
      text,
      [
        ...header,
        `ST-2 as_a P-1 -`,
        `ST-2 implements REQ-9 ${B}`,
        `ST-2 implements REQ-10 ${A}`,
        `ST-10 implements REQ-2 ${A}`,
      ].join('\n') + '\n',
    );
    const parsed = parseStamps(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.stamps.map(s => s.line),
      [2, 3, 4, 5],
    );
    assert.equal(serializeStamps(parsed.stamps), text);
  });

  it('reads CRLF files, blank lines, comments and extra spaces', () => {
    const parsed = parseStamps(`# c\r\n\r\n  ST-1   implements\tREQ-1 ${A}  \r\n`);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.stamps, [
      { downstream: 'ST-1', field: 'implements', upstream: 'REQ-1', fingerprint: A, line: 2 },
    ]);
  });

  it('reports each malformed line at what is wrong with it, as a schema finding, and keeps the good lines', () => {
    const text = [
      `ST-1 implements REQ-1 ${A}`,
      'ST-2 implements REQ-1',
      `st-3 implements REQ-1 ${A}`,
      `ST-4 related REQ-1 ${A}`,
      `ST-5 implements REQ 1 ${A}`,
      'ST-6 implements REQ-1 ABCDEF12',
      `ST-7 implements REQ-2 ${B}`,
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      {
        code: 'schema',
        range: [1, 0, 1, 21],
        data: undefined,
        message:
          'a review stamp is "DOWNSTREAM-ID field UPSTREAM-ID fingerprint" (4 parts separated by spaces); this line has 3',
      },
      {
        code: 'schema',
        range: [2, 0, 2, 4],
        data: undefined,
        message: 'review stamp: "st-3" is not an ID (IDs look like ST-301)',
      },
      {
        code: 'schema',
        range: [3, 5, 3, 12],
        data: undefined,
        message:
          'review stamp: "related" is not a link field (use as_a, depends_on, epic, goals, implements, personas, release)',
      },
      {
        code: 'schema',
        range: [4, 0, 4, 41],
        data: undefined,
        message:
          'a review stamp is "DOWNSTREAM-ID field UPSTREAM-ID fingerprint" (4 parts separated by spaces); this line has 5',
      },
      {
        code: 'schema',
        range: [5, 22, 5, 30],
        data: undefined,
        message:
          'review stamp: "ABCDEF12" is not a fingerprint (segments of 8 hex digits or "-", joined by "."); delete the line, then run "specwright review ST-6" to stamp the link again',
      },
    ]);
    assert.deepEqual(
      parseStamps(text).stamps.map(s => s.downstream),
      ['ST-1', 'ST-7'],
    );
  });

  it('reports git conflict markers (marked, so that review can remove them) and keeps the stamps of both sides', () => {
    const text =
      [
        ...header,
        '<<<<<<< HEAD',
        `ST-1 implements REQ-1 ${A}`,
        '||||||| base',
        '=======',
        `ST-1 implements REQ-1 ${B}`,
        '>>>>>>> feature/login',
      ].join('\n') + '\n';
    const message =
      'merge conflict marker in the review stamps: the stamps on both sides count (where a link has two, the one that matches the current content wins); delete the marker lines, or run "specwright review", which removes them';
    assert.deepEqual(problemsOf(text), [
      { code: 'schema', range: [2, 0, 2, 12], message, data: { conflictMarker: true } },
      { code: 'schema', range: [4, 0, 4, 12], message, data: { conflictMarker: true } },
      { code: 'schema', range: [5, 0, 5, 7], message, data: { conflictMarker: true } },
      { code: 'schema', range: [7, 0, 7, 21], message, data: { conflictMarker: true } },
    ]);
    assert.deepEqual(new StampIndex(parseStamps(text).stamps).get('ST-1', 'implements', 'REQ-1'), [A, B]);
  });

  it("merges like a union: two branches' files concatenated keep both stamps of a link, and the one that matches the current content wins", () => {
    const main = serializeStamps([
      { downstream: 'ST-1', field: 'implements', upstream: 'REQ-1', fingerprint: A },
      { downstream: 'ST-2', field: 'implements', upstream: 'REQ-1', fingerprint: A },
    ]);
    const branch = serializeStamps([
      { downstream: 'ST-1', field: 'implements', upstream: 'REQ-1', fingerprint: B },
      { downstream: 'ST-3', field: 'implements', upstream: 'REQ-1', fingerprint: B },
    ]);
    const merged = parseStamps(main + branch);
    assert.deepEqual(merged.problems, []);
    const index = new StampIndex(merged.stamps);
    assert.equal(index.size, 3);
    const both = index.get('ST-1', 'implements', 'REQ-1')!;
    assert.deepEqual(both, [A, B]);
    assert.equal(stampFor(both, B), B);
    assert.equal(stampFor(both, A), A);
    // Neither matches: the one with the fewest changed fields counts.
    assert.equal(stampFor(both, 'cccccccc.-.dddddddd'), B);
    assert.equal(stampFor(both, 'aaaaaaaa.-.dddddddd'), A);
    // Merging the same file twice changes nothing.
    assert.equal(serializeStamps(parseStamps(main + main).stamps), main);
  });

  it('reports at most maxProblems lines of a file that is not stamps at all, and counts the rest', () => {
    const text = Array.from({ length: maxProblems + 50 }, (_, i) => `garbage ${i}`).join('\n');
    const problems = parseStamps(text).problems;
    assert.equal(problems.length, maxProblems + 1);
    assert.equal(
      problems[maxProblems].message,
      `50 more lines of the review stamps are not stamps (only the first ${maxProblems} are reported)`,
    );
    assert.deepEqual(span(problems[maxProblems].range), span(problems[maxProblems - 1].range));
  });

  it('never throws on hostile text (huge lines, NULs, lone surrogates)', () => {
    for (const text of [
      'x'.repeat(1_000_000),
      '\0\0\0',
      '\ud800 implements REQ-1 -',
      `${'A-1 '.repeat(10_000)}`,
      '',
    ]) {
      const parsed = parseStamps(text);
      for (const p of parsed.problems) assert.ok(p.message.length <= 1000);
    }
  });
});
