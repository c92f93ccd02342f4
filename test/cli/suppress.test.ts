import * as assert from 'node:assert/strict';
import { fixture, linesOf, range, run, runJson } from './helpers';

/**
 * test/fixtures/suppress-basic: every finding is suppressed (with and without
 * a reason, next-line and file-level) except the comments' own problems: a
 * comment without a reason and one naming a misspelt code.
 */
describe('cli: suppression comments', () => {
  const shown = [
    'product.roadmap.yaml:6:36 warning unused-suppression unknown diagnostic code "date-orde" (did you mean "date-order"?), so this suppression suppresses nothing',
    'quick.epic.yaml:3:1 warning suppression-reason this suppression gives no reason; write why after "--" (# specwright-disable-next-line unresolved-link -- why)',
  ];

  it('hides suppressed findings, counts them in the summary, and a suppressed error does not fail the check', () => {
    const r = run(['check'], fixture('suppress-basic'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      ...shown,
      '0 errors, 2 warnings, 0 info in 4 files (7 items) (5 suppressed)',
    ]);
  });

  it('--show-suppressed lists them in place, marked suppressed, with their reasons', () => {
    const r = run(['check', '--show-suppressed'], fixture('suppress-basic'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'checkout.prd.yaml:6:9 suppressed info uncovered REQ-1 is approved but no story implements it (reason: stories are planned in Jira (SHOP-12))',
      'checkout.prd.yaml:13:9 suppressed info uncovered REQ-2 is approved but no story implements it (reason: stories are planned in Jira (SHOP-12))',
      'checkout.prd.yaml:18:13 suppressed warning missing-acceptance REQ-2 is approved but has no acceptance criteria (reason: criteria come with the wallet spike)',
      'parked.epic.yaml:2:5 suppressed info orphan EPIC-9 is not scheduled: it names no release (reason: parked until the Q3 plan)',
      shown[0],
      shown[1],
      'quick.epic.yaml:4:10 suppressed error unresolved-link R-404 is not defined in this workspace (no reason given)',
      '0 errors, 2 warnings, 0 info in 4 files (7 items) (5 suppressed)',
    ]);
  });

  it('json: the shape is unchanged without --show-suppressed', () => {
    const r = runJson(['check'], fixture('suppress-basic'));
    assert.equal(r.status, 0);
    assert.deepEqual(Object.keys(r.json), ['version', 'root', 'files', 'items', 'diagnostics', 'summary']);
    assert.deepEqual(r.json.summary, { error: 0, warning: 2, info: 0 });
    assert.deepEqual(
      r.json.diagnostics.map((d: { code: string }) => d.code),
      ['unused-suppression', 'suppression-reason'],
    );
  });

  it('json --show-suppressed: a `suppressed` array (each with its reason) and summary.suppressed', () => {
    const r = runJson(['check', '--show-suppressed'], fixture('suppress-basic'));
    assert.equal(r.status, 0);
    assert.deepEqual(Object.keys(r.json), [
      'version',
      'root',
      'files',
      'items',
      'diagnostics',
      'suppressed',
      'summary',
    ]);
    assert.deepEqual(r.json.summary, { error: 0, warning: 2, info: 0, suppressed: 5 });
    assert.equal(r.json.diagnostics.length, 2);
    assert.deepEqual(r.json.suppressed[4], {
      file: 'quick.epic.yaml',
      range: range([3, 9, 3, 14]),
      severity: 'error',
      code: 'unresolved-link',
      message: 'R-404 is not defined in this workspace',
      reason: '',
    });
    assert.deepEqual(
      r.json.suppressed.map((d: { file: string; code: string; reason: string }) => [
        d.file,
        d.code,
        d.reason,
      ]),
      [
        ['checkout.prd.yaml', 'uncovered', 'stories are planned in Jira (SHOP-12)'],
        ['checkout.prd.yaml', 'uncovered', 'stories are planned in Jira (SHOP-12)'],
        ['checkout.prd.yaml', 'missing-acceptance', 'criteria come with the wallet spike'],
        ['parked.epic.yaml', 'orphan', 'parked until the Q3 plan'],
        ['quick.epic.yaml', 'unresolved-link', ''],
      ],
    );
  });

  it('--show-suppressed is an option of check only', () => {
    const r = run(['trace', 'EPIC-9', '--show-suppressed'], fixture('suppress-basic'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^specwright: option --show-suppressed is only for "check"\n/);
  });
});
