import * as assert from 'node:assert/strict';
import { SpecService } from '../../server/src/core/service';
import { findings, lines, workspace } from './helpers';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const E = 'file:///w/epics/a.epic.yaml';
const P = 'file:///w/a.prd.yaml';

// An orphan epic (info), an unresolved link (error) and an uncovered, criteria-less requirement (info + warning).
const epic = lines('id: EPIC-1', 'title: E', 'depends_on: [EPIC-404]');
const prd = lines(
  'id: PRD-1',
  'title: T',
  'epic: EPIC-1',
  'requirements:',
  '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved}',
);
const sev = (s: SpecService, uri: string) =>
  s
    .diagnostics(uri)
    .filter(d => d.code !== 'schema')
    .map(d => `${d.code}:${d.severity}`);

describe('config: .specwright.yaml rules', () => {
  it('uses the default severities without a config', () => {
    const s = workspace({ [E]: epic, [P]: prd });
    assert.deepEqual(sev(s, E), ['orphan:info', 'unresolved-link:error']);
    assert.deepEqual(sev(s, P), ['uncovered:info', 'missing-acceptance:warning']);
    assert.deepEqual(s.diagnostics(CONFIG), []);
  });

  it('overrides severities and turns codes off', () => {
    const s = workspace(
      { [E]: epic, [P]: prd },
      {
        [ROOT]: lines(
          'rules:',
          '  orphan: error',
          '  unresolved-link: warning',
          '  missing-acceptance: off',
          '  uncovered: "info"',
          'x-team: core',
        ),
      },
    );
    assert.deepEqual(sev(s, E), ['orphan:error', 'unresolved-link:warning']);
    assert.deepEqual(sev(s, P), ['uncovered:info']);
    assert.deepEqual(s.diagnostics(CONFIG), []);
    assert.deepEqual(s.configProblems(ROOT), []);
    assert.ok(!s.uris().includes(CONFIG));
  });

  it('applies a config set after the files, returning every file under the root, and clears it again', () => {
    const s = workspace({
      [E]: epic,
      [P]: prd,
      'file:///other/x.epic.yaml': epic.replace('EPIC-1', 'EPIC-9'),
    });
    const affected = s.setConfig(ROOT, lines('rules:', '  orphan: off'));
    assert.deepEqual([...affected].sort(), [CONFIG, P, E].sort());
    assert.deepEqual(sev(s, E), ['unresolved-link:error']);
    assert.deepEqual(sev(s, 'file:///other/x.epic.yaml'), ['orphan:info', 'unresolved-link:error']);
    s.setConfig(ROOT, undefined);
    assert.deepEqual(sev(s, E), ['orphan:info', 'unresolved-link:error']);
  });

  it('turns off yaml-syntax and cross-file codes too', () => {
    const s = workspace(
      {
        [E]: lines('id: EPIC-1', 'title: [', 'release: R-1'),
        'file:///w/b.epic.yaml': lines('id: EPIC-1', 'title: B', 'release: R-1'),
      },
      {
        [ROOT]: lines('rules: {yaml-syntax: off, duplicate-id: info, unresolved-link: off}'),
      },
    );
    assert.deepEqual(sev(s, E), ['duplicate-id:info']);
  });

  it('reports an unknown rule with a suggestion, at the rule name', () => {
    const s = workspace(
      { [E]: epic },
      { [ROOT]: lines('rules:', '  orphn: off', '  Orphan: off', '  frobnicate: off') },
    );
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [1, 2, 1, 7],
        message: 'unknown rule "orphn" (did you mean "orphan"?)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [2, 2, 2, 8],
        message: 'unknown rule "Orphan" (did you mean "orphan"?)',
      },
      { code: 'schema', severity: 'error', range: [3, 2, 3, 12], message: 'unknown rule "frobnicate"' },
    ]);
    assert.ok(s.uris().includes(CONFIG));
    assert.equal(s.configProblems(ROOT).length, 3);
    // Nothing valid to apply: defaults stay.
    assert.deepEqual(sev(s, E), ['orphan:info', 'unresolved-link:error']);
  });

  it("refuses internal-error: Specwright's own failures cannot be switched off or down", () => {
    const s = workspace({ [E]: epic }, { [ROOT]: lines('rules:', '  internal-error: off') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [1, 2, 1, 16],
        message: 'rule "internal-error" cannot be set: Specwright\'s own failures are always reported',
      },
    ]);
    assert.deepEqual(s.switchedOff(ROOT), []);
  });

  it('reports bad values at the value (or the key when empty), and still applies the valid rules', () => {
    const s = workspace(
      { [E]: epic },
      {
        [ROOT]: lines(
          'rules:',
          '  orphan: loud',
          '  unresolved-link: warning',
          '  uncovered:',
          '  dependency-cycle: [error]',
          '  date-order: 1',
          '  link-kind: Error',
        ),
      },
    );
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [1, 10, 1, 14],
        message: 'rule orphan must be one of error, warning, info, off (got "loud")',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [3, 2, 3, 11],
        message: 'rule uncovered must be one of error, warning, info, off (got null)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [4, 20, 4, 27],
        message: 'rule dependency-cycle must be one of error, warning, info, off (got a list)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [5, 14, 5, 15],
        message: 'rule date-order must be one of error, warning, info, off (got 1)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [6, 13, 6, 18],
        message: 'rule link-kind must be one of error, warning, info, off (got "Error")',
      },
    ]);
    assert.deepEqual(sev(s, E), ['orphan:info', 'unresolved-link:warning']);
  });

  it('reports unknown top-level keys, non-mapping rules and non-mapping configs', () => {
    let s = workspace({}, { [ROOT]: lines('rule:', '  orphan: off', 'x-ok: 1') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [0, 0, 0, 4],
        message:
          'unknown configuration key "rule" (allowed: rules, coverage, schemas, reviews, trace, tickets)',
      },
    ]);
    s = workspace({}, { [ROOT]: lines('rules: [orphan]') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [0, 7, 0, 15],
        message: 'rules must be a mapping of code: error|warning|info|off',
      },
    ]);
    s = workspace({}, { [ROOT]: lines('- rules') });
    assert.deepEqual(
      findings(s, CONFIG).map(f => [f.code, f.range.slice(0, 2), f.message]),
      [['schema', [0, 0], 'the configuration must be a mapping of keys (rules: ...)']],
    );
    // An empty config, or empty rules, is fine.
    s = workspace({}, { [ROOT]: '' });
    assert.deepEqual(findings(s, CONFIG), []);
    s = workspace({}, { [ROOT]: lines('# nothing yet', 'rules:') });
    assert.deepEqual(findings(s, CONFIG), []);
  });

  it('reports YAML errors in the config and keeps what parsed', () => {
    const s = workspace(
      { [E]: epic },
      { [ROOT]: lines('rules:', '  orphan: off', '  orphan: error', '  unresolved-link: "warning') },
    );
    const f = findings(s, CONFIG);
    assert.ok(f.length >= 2);
    assert.ok(f.every(x => x.severity === 'error'));
    assert.deepEqual(f[0], {
      code: 'yaml-syntax',
      severity: 'error',
      range: [2, 2, 2, 3],
      message: 'Map keys must be unique',
    });
    assert.equal(f[1].code, 'yaml-syntax');
    assert.match(f[1].message, /quote/);
  });

  describe('multi-root', () => {
    const W2 = 'file:///w2';
    const E2 = 'file:///w2/a.epic.yaml';
    const NESTED = 'file:///w/nested';
    const E3 = 'file:///w/nested/a.epic.yaml';

    it("keeps each root's rules to its own files, even when a root name is a prefix of another", () => {
      const s = workspace(
        { [E]: epic, [E2]: epic.replace('EPIC-1', 'EPIC-2'), [E3]: epic.replace('EPIC-1', 'EPIC-3') },
        {
          [ROOT]: lines('rules:', '  orphan: off'),
          [W2]: lines('rules:', '  unresolved-link: info'),
          [NESTED]: lines('rules:', '  orphan: warning', '  unresolved-link: off'),
        },
      );
      assert.deepEqual(sev(s, E), ['unresolved-link:error']);
      assert.deepEqual(sev(s, E2), ['orphan:info', 'unresolved-link:info']);
      // The innermost root's config decides; it does not inherit the outer one's rules.
      assert.deepEqual(sev(s, E3), ['orphan:warning']);
    });

    it('reports config problems on the right config file only, and changing one root leaves the others', () => {
      const s = workspace(
        { [E]: epic, [E2]: epic.replace('EPIC-1', 'EPIC-2') },
        {
          [ROOT]: lines('rules:', '  orphn: off'),
          [W2]: lines('rules:', '  orphan: off'),
        },
      );
      assert.equal(findings(s, CONFIG).length, 1);
      assert.deepEqual(findings(s, 'file:///w2/.specwright.yaml'), []);
      const affected = s.setConfig(ROOT, lines('rules:', '  orphan: error'));
      assert.ok(!affected.has(E2));
      assert.ok(affected.has(E) && affected.has(CONFIG));
      assert.deepEqual(findings(s, CONFIG), []);
      assert.deepEqual(sev(s, E), ['orphan:error', 'unresolved-link:error']);
      assert.deepEqual(sev(s, E2), ['unresolved-link:error']);
    });
  });
});
