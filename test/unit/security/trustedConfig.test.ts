/**
 * Issue 12, point 2: a trusted configuration (the CLI's `--config FILE`)
 * replaces a folder's own `.specwright.yaml` before anything of it is read.
 * 0.1.0 scanned with the repository's configuration and team schemas first —
 * a hostile team schema ran before the override applied.
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../../server/src/core/service';
import { findings, lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const OWN = 'file:///w/.specwright.yaml';
const P = 'file:///w/a.prd.yaml';

function repository(): MemoryWorkspace {
  return new MemoryWorkspace(
    new Map([
      [OWN, lines('rules:', '  schema: off', 'schemas:', '  prd: ./hostile.schema.json')],
      [
        'file:///w/hostile.schema.json',
        JSON.stringify({ type: 'object', required: ['from_the_repository'] }),
      ],
      [
        'file:///w/trusted.schema.json',
        JSON.stringify({ type: 'object', required: ['from_the_trusted_config'] }),
      ],
      [
        P,
        lines(
          'id: PRD-1',
          'title: T',
          'epic: EPIC-1',
          'requirements:',
          '  - {id: REQ-1, title: t, statement: s, priority: must}',
        ),
      ],
    ]),
  );
}

describe("security: a trusted configuration replaces the repository's before anything of it is read", () => {
  it("scan with a configuration reads neither the folder's .specwright.yaml nor the team schemas it names", async () => {
    const ws = repository();
    const s = new SpecService(ws);
    await s.scan([ROOT], { config: lines('schemas:', '  prd: ./trusted.schema.json') });
    assert.ok(!ws.reads.includes(OWN), JSON.stringify(ws.reads));
    assert.deepEqual(ws.configReads, ['file:///w|trusted.schema.json']);
    // The trusted configuration is what applies: its schema, and the schema rule on.
    assert.deepEqual(
      findings(s, P, 'schema').map(f => f.message),
      ['PRD is missing "from_the_trusted_config"'],
    );
  });

  it("an empty trusted configuration is a configuration too: the folder's own is still not read", async () => {
    const ws = repository();
    const s = new SpecService(ws);
    await s.scan([ROOT], { config: '' });
    assert.ok(!ws.reads.includes(OWN));
    assert.deepEqual(ws.configReads, []);
    assert.deepEqual(findings(s, P, 'schema'), []);
  });

  it("without one, the folder's own configuration applies (as before)", async () => {
    const ws = repository();
    const s = new SpecService(ws);
    await s.scan([ROOT]);
    assert.ok(ws.reads.includes(OWN));
    assert.deepEqual(ws.configReads, ['file:///w|hostile.schema.json']);
  });
});
