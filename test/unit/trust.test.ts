/**
 * Workspace trust in the core: untrusted, no team schema named in
 * `.specwright.yaml` is read — built-in schemas only — and the config file
 * says why with one `untrusted-workspace` finding.
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../server/src/core/service';
import { findings, lines } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const P = 'file:///w/a.prd.yaml';
const schema = JSON.stringify({
  type: 'object',
  required: ['compliance_review'],
  properties: { compliance_review: { type: 'string' } },
});
const prd = lines(
  'id: PRD-1',
  'title: T',
  'requirements:',
  '  - {id: REQ-1, title: t, statement: s, priority: must}',
);
const notice = {
  code: 'untrusted-workspace',
  severity: 'info',
  range: [1, 0, 1, 7],
  message:
    'this workspace is not trusted, so the team schemas named here are not read: files are checked against the built-in schemas only. Trust the workspace to use them.',
};

function setup(config: string): { s: SpecService; ws: MemoryWorkspace } {
  const ws = new MemoryWorkspace(
    new Map([
      [P, prd],
      [CONFIG, config],
      ['file:///w/team/prd.json', schema],
    ]),
  );
  return { s: new SpecService(ws), ws };
}

describe('workspace trust', () => {
  const config = lines('rules: {orphan: off}', 'schemas:', '  prd: team/prd.json');

  it('untrusted: reads no team schema, checks the built-in schema only, and says why on the config file', async () => {
    const { s, ws } = setup(config);
    s.setTrusted(false);
    await s.scan([ROOT]);
    assert.deepEqual(ws.configReads, []);
    assert.deepEqual(findings(s, CONFIG), [notice]);
    assert.deepEqual(findings(s, P), []);
    assert.deepEqual(s.configProblems(ROOT), []); // a notice, not a broken configuration
    assert.ok(s.uris().includes(CONFIG));
    assert.equal(s.extensionSchema(P), undefined);
  });

  it('trusted (the default): the team schema applies, no notice', async () => {
    const { s, ws } = setup(config);
    await s.scan([ROOT]);
    assert.deepEqual(ws.configReads, ['file:///w|team/prd.json']);
    assert.deepEqual(findings(s, CONFIG), []);
    assert.deepEqual(
      findings(s, P).map(f => f.message),
      ['PRD is missing "compliance_review"'],
    );
  });

  it('trust granted: the next load reads the schema and drops the notice', async () => {
    const { s } = setup(config);
    s.setTrusted(false);
    await s.scan([ROOT]);
    s.setTrusted(true);
    const affected = await s.scan([ROOT]);
    assert.ok(affected.has(CONFIG) && affected.has(P));
    assert.deepEqual(findings(s, CONFIG), []);
    assert.deepEqual(
      findings(s, P).map(f => f.message),
      ['PRD is missing "compliance_review"'],
    );
  });

  it('no notice without schemas:, and the notice takes rules like any code', async () => {
    let { s } = setup(lines('rules: {orphan: off}'));
    s.setTrusted(false);
    await s.scan([ROOT]);
    assert.deepEqual(findings(s, CONFIG), []);
    ({ s } = setup(
      lines('rules: {orphan: off, untrusted-workspace: warning}', 'schemas:', '  prd: team/prd.json'),
    ));
    s.setTrusted(false);
    await s.scan([ROOT]);
    assert.deepEqual(
      findings(s, CONFIG).map(f => [f.code, f.severity]),
      [['untrusted-workspace', 'warning']],
    );
  });

  it('untrusted still reports paths it would refuse anyway (nothing is read to know that)', async () => {
    const { s, ws } = setup(lines('schemas:', '  prd: ../outside.json'));
    s.setTrusted(false);
    await s.scan([ROOT]);
    assert.deepEqual(ws.configReads, []);
    // No notice: nothing valid was left unread.
    assert.deepEqual(
      findings(s, CONFIG).map(f => [f.code, f.range]),
      [['schema', [1, 7, 1, 22]]],
    );
  });
});
