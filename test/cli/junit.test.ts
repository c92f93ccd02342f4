import * as assert from 'node:assert/strict';
import { formatJunit } from '../../server/src/cli/formatters/junit';
import type { CheckReport } from '../../server/src/cli/report';
import { fixture, linesOf, repoRoot, run } from './helpers';

const basic = fixture('report-basic');

describe('cli: check --format junit', () => {
  it('prints one testsuite, one testcase per file, a failure per error, warnings and infos as system-out; exit 1 on errors', () => {
    const r = run(['check', '--format', 'junit'], basic);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(linesOf(r.stdout), [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="specwright check" tests="9" failures="2" errors="0" skipped="0">',
      '  <testsuite name="specwright check" tests="9" failures="2" errors="0" skipped="0">',
      '    <testcase classname="specwright" name="epics/checkout.epic.yaml" file="epics/checkout.epic.yaml">',
      '      <system-out>epics/checkout.epic.yaml:9:14 warning schedule-conflict EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-2, which ships in R-2 (ends 2026-06-26)</system-out>',
      '    </testcase>',
      '    <testcase classname="specwright" name="epics/pass.epic.yaml" file="epics/pass.epic.yaml">',
      '      <failure type="unresolved-link" message="EPIC-9 is not defined in this workspace (did you mean EPIC-1?)">epics/pass.epic.yaml:5:14 error unresolved-link EPIC-9 is not defined in this workspace (did you mean EPIC-1?)</failure>',
      '      <system-out>epics/pass.epic.yaml:2:5 info orphan EPIC-3 is not scheduled: it names no release</system-out>',
      '    </testcase>',
      '    <testcase classname="specwright" name="epics/substitutions.epic.yaml" file="epics/substitutions.epic.yaml"/>',
      '    <testcase classname="specwright" name="iterations/s1.stories.yaml" file="iterations/s1.stories.yaml">',
      '      <failure type="dependency-cycle" message="depends_on forms a cycle: ST-4 → ST-5 → ST-4">iterations/s1.stories.yaml:33:18 error dependency-cycle depends_on forms a cycle: ST-4 → ST-5 → ST-4</failure>',
      '      <failure type="dependency-cycle" message="depends_on forms a cycle: ST-5 → ST-4 → ST-5">iterations/s1.stories.yaml:37:18 error dependency-cycle depends_on forms a cycle: ST-5 → ST-4 → ST-5</failure>',
      '    </testcase>',
      '    <testcase classname="specwright" name="prds/checkout.prd.yaml" file="prds/checkout.prd.yaml">',
      '      <system-out>prds/checkout.prd.yaml:21:18 warning priority-inversion REQ-2 is a must but depends on REQ-3, which is only a could',
      'prds/checkout.prd.yaml:22:9 info uncovered REQ-3 is approved but no story implements it',
      'prds/checkout.prd.yaml:26:13 warning missing-acceptance REQ-3 is approved but has no acceptance criteria</system-out>',
      '    </testcase>',
      '    <testcase classname="specwright" name="prds/loose, draft.prd.yaml" file="prds/loose, draft.prd.yaml">',
      '      <system-out>prds/loose, draft.prd.yaml:2:5 info orphan PRD-3 belongs to no epic: it names no epic</system-out>',
      '    </testcase>',
      '    <testcase classname="specwright" name="prds/substitutions.prd.yaml" file="prds/substitutions.prd.yaml"/>',
      '    <testcase classname="specwright" name="product.roadmap.yaml" file="product.roadmap.yaml"/>',
      '    <testcase classname="specwright" name="product.vision.yaml" file="product.vision.yaml"/>',
      '  </testsuite>',
      '</testsuites>',
    ]);
  });

  it('names files from the working directory (the repository root in CI)', () => {
    const r = run(['check', 'test/fixtures/report-basic', '--format', 'junit'], repoRoot);
    const cases = [
      ...r.stdout.matchAll(/<testcase classname="specwright" name="([^"]*)" file="([^"]*)"/g),
    ].map(m => [m[1], m[2]]);
    assert.equal(cases.length, 9);
    assert.deepEqual(cases[0], [
      'test/fixtures/report-basic/epics/checkout.epic.yaml',
      'test/fixtures/report-basic/epics/checkout.epic.yaml',
    ]);
    assert.match(
      r.stdout,
      /<failure type="unresolved-link" message="EPIC-9 is not defined in this workspace \(did you mean EPIC-1\?\)">test\/fixtures\/report-basic\/epics\/pass\.epic\.yaml:5:14 error unresolved-link /,
    );
  });

  it('passes a clean workspace: every testcase without failure, exit 0', () => {
    const r = run(['check', '--format', 'junit'], fixture('cli-clean'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /<testsuite name="specwright check" tests="5" failures="0" errors="0" skipped="0">/,
    );
    assert.doesNotMatch(r.stdout, /<failure|<system-out/);
  });
});

describe('cli: JUnit formatter', () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
  const report: CheckReport = {
    root: '/ws',
    rootUri: 'file:///ws/',
    files: 2,
    items: 2,
    paths: ['a&b.epic.yaml', 'ok.epic.yaml'],
    diagnostics: [
      {
        file: 'a&b.epic.yaml',
        range,
        severity: 'error',
        code: 'schema',
        message: 'bad <value> & "quote" \'apos\'\nnext\tline \x01 \uFFFF \uD800 ok 😀',
      },
      { file: 'a&b.epic.yaml', range, severity: 'warning', code: 'orphan', message: ']]> <![CDATA[' },
    ],
    summary: { error: 1, warning: 1, info: 0 },
  };

  it('escapes markup in text and attributes, keeps line breaks in attributes, and writes characters XML cannot hold as \\uXXXX', () => {
    assert.equal(
      formatJunit(report, { pathPrefix: 'specs/' }),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="specwright check" tests="2" failures="1" errors="0" skipped="0">',
        '  <testsuite name="specwright check" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase classname="specwright" name="specs/a&amp;b.epic.yaml" file="specs/a&amp;b.epic.yaml">',
        '      <failure type="schema" message="bad &lt;value&gt; &amp; &quot;quote&quot; \'apos\'&#10;next&#9;line \\u0001 \\uffff \\ud800 ok 😀">' +
          'specs/a&amp;b.epic.yaml:1:1 error schema bad &lt;value&gt; &amp; "quote" \'apos\'&#10;next\tline \\u0001 \\uffff \\ud800 ok 😀</failure>',
        '      <system-out>specs/a&amp;b.epic.yaml:1:1 warning orphan ]]&gt; &lt;![CDATA[</system-out>',
        '    </testcase>',
        '    <testcase classname="specwright" name="specs/ok.epic.yaml" file="specs/ok.epic.yaml"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('without the list of files, makes a testcase of each file that has findings', () => {
    const { paths: _, ...rest } = report;
    assert.equal((formatJunit(rest).match(/<testcase /g) ?? []).length, 1);
  });
});
