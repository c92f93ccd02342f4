/**
 * Suppression comments: `# specwright-disable-next-line CODE[, CODE] -- reason`
 * and file-level `# specwright-disable CODE -- reason`, the findings about the
 * comments themselves (suppression-reason, unused-suppression), and that the
 * suppressed set stays right incrementally (it depends on cross-file findings).
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../server/src/core/service';
import type { SuppressedDiagnostic } from '../../server/src/core/suppress/apply';
import { findings, lines, span, workspace, type Flat, type Span } from './helpers';
import { withinHangGuard } from './reliability/timing';

const E = 'file:///w/a.epic.yaml';
const P = 'file:///w/a.prd.yaml';
const RM = 'file:///w/product.roadmap.yaml';

interface FlatSuppressed extends Flat {
  reason: string;
  by: Span;
}

function hidden(s: SpecService, uri: string): FlatSuppressed[] {
  return s.suppressed(uri).map((d: SuppressedDiagnostic) => ({
    code: d.code,
    severity: d.severity,
    range: span(d.range),
    message: d.message,
    reason: d.reason,
    by: span(d.suppressedBy),
  }));
}

const orphanOf = (line: number, id = 'EPIC-1'): Flat => ({
  code: 'orphan',
  severity: 'info',
  range: [line, 4, line, 4 + id.length],
  message: `${id} is not scheduled: it names no release`,
});

describe('suppression comments', () => {
  it('hides the named code on the next line, keeps it counted with its reason', () => {
    const s = workspace({
      [E]: lines(
        '# specwright-disable-next-line orphan -- parked until the Q3 plan',
        'id: EPIC-1',
        'title: Voice ordering',
      ),
    });
    assert.deepEqual(findings(s, E), []);
    assert.deepEqual(hidden(s, E), [
      { ...orphanOf(1), reason: 'parked until the Q3 plan', by: [0, 0, 0, 65] },
    ]);
  });

  it('skips blank lines and other comments to find the next line, and leaves other lines alone', () => {
    const s = workspace({
      [E]: lines(
        'id: EPIC-1',
        'title: E',
        'depends_on:',
        '  # specwright-disable-next-line unresolved-link -- EPIC-404 is being written',
        '',
        '  # the other one is real',
        '  - EPIC-404',
        '  - EPIC-405',
      ),
    });
    assert.deepEqual(findings(s, E), [
      orphanOf(0),
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [7, 4, 7, 12],
        message: 'EPIC-405 is not defined in this workspace',
      },
    ]);
    assert.deepEqual(
      hidden(s, E).map(h => [h.code, h.range, h.reason, h.by]),
      [['unresolved-link', [6, 4, 6, 12], 'EPIC-404 is being written', [3, 2, 3, 77]]],
    );
  });

  it('a file-level comment, anywhere, hides every finding of its codes in the file', () => {
    const prd = lines(
      'id: PRD-1',
      'title: T',
      'epic: EPIC-1',
      'requirements:',
      '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved}',
      '  - {id: REQ-2, title: t, statement: s, priority: must, status: done}',
      '# specwright-disable missing-acceptance, uncovered -- acceptance and stories live in Jira (SHOP-12)',
    );
    const s = workspace({
      [P]: prd,
      [E]: lines('id: EPIC-1', 'title: E', 'release: R-1'),
      [RM]: lines('id: RM-1', 'title: R', 'releases:', '  - {id: R-1, title: A, horizon: now}'),
    });
    assert.deepEqual(findings(s, P), []);
    assert.deepEqual(
      hidden(s, P).map(h => [h.code, h.range[0], h.reason]),
      [
        ['uncovered', 4, 'acceptance and stories live in Jira (SHOP-12)'],
        ['missing-acceptance', 4, 'acceptance and stories live in Jira (SHOP-12)'],
        ['uncovered', 5, 'acceptance and stories live in Jira (SHOP-12)'],
        ['missing-acceptance', 5, 'acceptance and stories live in Jira (SHOP-12)'],
      ],
    );
  });

  it('reports a suppression without a reason (suppression-reason), and still applies it', () => {
    for (const comment of [
      '# specwright-disable-next-line orphan',
      '# specwright-disable-next-line orphan --',
      '# specwright-disable-next-line orphan --   ',
    ]) {
      const s = workspace({ [E]: lines(comment, 'id: EPIC-1', 'title: E') });
      assert.deepEqual(
        findings(s, E),
        [
          {
            code: 'suppression-reason',
            severity: 'warning',
            range: [0, 0, 0, comment.trimEnd().length],
            message:
              'this suppression gives no reason; write why after "--" (# specwright-disable-next-line orphan -- why)',
          },
        ],
        comment,
      );
      assert.deepEqual(
        hidden(s, E).map(h => [h.code, h.reason]),
        [['orphan', '']],
      );
    }
  });

  it('reports a suppression that suppresses nothing (unused-suppression), per code, at the code', () => {
    const s = workspace({
      [E]: lines(
        'id: EPIC-1',
        'title: E',
        '# specwright-disable-next-line orphan, unresolved-link -- both were expected here',
        'release: R-404',
        '# specwright-disable date-order -- no dates in epics anyway',
        '# specwright-disable-next-line orphan -- at the end',
      ),
    });
    assert.deepEqual(findings(s, E), [
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [2, 31, 2, 37],
        message: 'this suppression of orphan is unused: no such finding starts on line 4',
      },
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [4, 21, 4, 31],
        message: 'this suppression of date-order is unused: this file has no such finding',
      },
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [5, 31, 5, 37],
        message: 'this suppression of orphan is unused: no line follows it',
      },
    ]);
    assert.deepEqual(
      hidden(s, E).map(h => [h.code, h.range]),
      [['unresolved-link', [3, 9, 3, 14]]],
    );
  });

  it('reports an unknown code with the closest code, a comment without codes, and suppression codes themselves', () => {
    const s = workspace({
      [E]: lines(
        '# specwright-disable-next-line orphn -- typo',
        '# specwright-disable-next-line frobnicate -- no such code',
        '# specwright-disable -- nothing named',
        '# specwright-disable unused-suppression -- not allowed',
        'id: EPIC-1',
        'title: E',
      ),
    });
    assert.deepEqual(findings(s, E), [
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [0, 31, 0, 36],
        message:
          'unknown diagnostic code "orphn" (did you mean "orphan"?), so this suppression suppresses nothing',
      },
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [1, 31, 1, 41],
        message: 'unknown diagnostic code "frobnicate", so this suppression suppresses nothing',
      },
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [2, 0, 2, 37],
        message:
          'this suppression names no diagnostic code, so it suppresses nothing (# specwright-disable CODE -- why)',
      },
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [3, 21, 3, 39],
        message:
          'unused-suppression findings cannot be suppressed (fix the comment instead), so this suppression suppresses nothing',
      },
      orphanOf(4),
    ]);
  });

  it('ignores directive-looking text inside block scalars and multi-line strings, and comments after a value', () => {
    const s = workspace({
      [E]: lines(
        'id: EPIC-1 # specwright-disable orphan -- a trailing comment is not a directive',
        'title: E',
        'summary: |',
        '  # specwright-disable orphan -- this is text',
        'problem: "first line',
        '  # specwright-disable-next-line orphan -- also text',
        '  last line"',
      ),
    });
    assert.deepEqual(findings(s, E), [orphanOf(0)]);
    assert.deepEqual(hidden(s, E), []);
  });

  it('reads CRLF files', () => {
    const s = workspace({
      [E]: '# specwright-disable-next-line orphan -- windows\r\nid: EPIC-1\r\ntitle: E\r\n',
    });
    assert.deepEqual(findings(s, E), []);
    assert.deepEqual(
      hidden(s, E).map(h => [h.range, h.by]),
      [
        [
          [1, 4, 1, 10],
          [0, 0, 0, 48],
        ],
      ],
    );
  });

  it('applies severities first: a code turned off leaves its suppression unused; the new codes take rules too', () => {
    const text = lines('# specwright-disable-next-line orphan', 'id: EPIC-1', 'title: E');
    let s = workspace(
      { [E]: text },
      {
        'file:///w': lines(
          'rules:',
          '  orphan: off',
          '  unused-suppression: error',
          '  suppression-reason: off',
        ),
      },
    );
    assert.deepEqual(findings(s, E), [
      {
        code: 'unused-suppression',
        severity: 'error',
        range: [0, 31, 0, 37],
        message: 'this suppression of orphan is unused: no such finding starts on line 2',
      },
    ]);
    s = workspace({ [E]: text }, { 'file:///w': lines('rules:', '  orphan: error') });
    assert.deepEqual(
      findings(s, E).map(f => f.code),
      ['suppression-reason'],
    );
    assert.deepEqual(
      hidden(s, E).map(h => [h.code, h.severity]),
      [['orphan', 'error']],
    );
  });

  it('stays right incrementally: a cross-file finding appears and goes, and the suppression follows', () => {
    const S = 'file:///w/s.stories.yaml';
    const story = lines(
      'id: IT-1',
      'title: S',
      'stories:',
      '  # specwright-disable-next-line unresolved-link -- REQ-9 is written this week',
      '  - {id: ST-1, title: s, implements: [REQ-9]}',
    );
    const prd = lines(
      'id: PRD-1',
      'title: T',
      'requirements:',
      '  - {id: REQ-9, title: t, statement: s, priority: must}',
    );
    const s = workspace({ [S]: story });
    assert.deepEqual(findings(s, S), []);
    assert.equal(s.suppressed(S).length, 1);

    // REQ-9 appears in another file: the link resolves, the suppression is now unused.
    let affected = s.apply([{ uri: P, text: prd }]);
    assert.ok(affected.has(S));
    assert.deepEqual(findings(s, S), [
      {
        code: 'unused-suppression',
        severity: 'warning',
        range: [3, 33, 3, 48],
        message: 'this suppression of unresolved-link is unused: no such finding starts on line 5',
      },
    ]);
    assert.deepEqual(s.suppressed(S), []);
    assert.deepEqual(s.diagnostics(S), workspace({ [S]: story, [P]: prd }).diagnostics(S));

    // And gone again.
    affected = s.apply([{ uri: P, deleted: true }]);
    assert.ok(affected.has(S));
    assert.deepEqual(findings(s, S), []);
    assert.deepEqual(s.suppressed(S), workspace({ [S]: story }).suppressed(S));

    // Editing the comment away brings the finding back.
    s.apply([{ uri: S, text: story.replace(/ *# specwright.*\n/, '') }]);
    assert.deepEqual(
      findings(s, S).map(f => f.code),
      ['unresolved-link'],
    );
    assert.deepEqual(s.suppressed(S), []);
  });

  it('suppresses dependency-cycle findings (graph-wide) too', () => {
    const A = 'file:///w/a.epic.yaml';
    const B = 'file:///w/b.epic.yaml';
    const s = workspace({
      [A]: lines(
        'id: EPIC-1',
        'title: A',
        'release: R-1',
        '# specwright-disable dependency-cycle, unresolved-link -- untangled in EPIC-3',
        'depends_on: [EPIC-2]',
      ),
      [B]: lines('id: EPIC-2', 'title: B', 'release: R-1', 'depends_on: [EPIC-1]'),
    });
    assert.deepEqual(findings(s, A), []);
    assert.deepEqual(
      hidden(s, A).map(h => h.code),
      ['unresolved-link', 'dependency-cycle'],
    );
    assert.deepEqual(
      findings(s, B).map(f => f.code),
      ['unresolved-link', 'dependency-cycle'],
    );
  });

  it('stays linear with many comments and many findings', () => {
    const S = 'file:///w/big.stories.yaml';
    const body: string[] = ['id: IT-1', 'title: Big', 'stories:'];
    for (let i = 0; i < 3000; i++)
      body.push(
        '  # specwright-disable-next-line unresolved-link -- written later',
        `  - {id: ST-${i}, title: s, implements: [REQ-${i}]}`,
      );
    for (let i = 0; i < 10000; i++) body.push('# specwright-disable-next-line orphan -- nothing follows');
    const { shown, hiddenCount } = withinHangGuard(1000, '13,000 directives', () => {
      const s = workspace({ [S]: lines(...body) });
      return { s, shown: s.diagnostics(S), hiddenCount: s.suppressed(S).length };
    });
    assert.equal(hiddenCount, 3000);
    assert.equal(shown.length, 10000);
    assert.ok(shown.every(d => d.code === 'unused-suppression'));
  });
});
