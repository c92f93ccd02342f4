/**
 * GuardedEdit and itemEdits (`specwright mcp --allow-edits`) on in-memory
 * files: an item written as a flow mapping, CRLF line ends and a
 * byte-order mark are kept; a refused edit leaves the file and the model as
 * they were; nothing outside the root is edited.
 */
import * as assert from 'node:assert/strict';
import type { JsonReport } from '../../../server/src/cli/formatters/json';
import { SpecService } from '../../../server/src/core/service';
import { EditRefused, GuardedEdit } from '../../../server/src/mcp/guardedEdit';
import { scalarText, setFieldEdits } from '../../../server/src/mcp/itemEdits';
import type { ServedWorkspace } from '../../../server/src/mcp/servedWorkspace';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const PRD = 'file:///w/one.prd.yaml';

async function setup(text: string) {
  const memory = new MemoryWorkspace().set(PRD, text);
  const service = new SpecService(memory);
  await service.scan([ROOT]);
  const written: string[] = [];
  const ws = {
    service,
    root: '/w',
    rootUri: ROOT,
    relative: (uri: string) => uri.slice(ROOT.length + 1),
    uriOf: () => undefined,
    check: () =>
      ({
        diagnostics: service.uris().flatMap(uri =>
          service.diagnostics(uri).map(d => ({
            file: uri.slice(ROOT.length + 1),
            range: d.range,
            severity: d.severity,
            code: d.code,
            message: d.message,
          })),
        ),
      }) as unknown as JsonReport,
    impact: () => Promise.reject(new Error('not here')),
    diff: () => Promise.reject(new Error('not here')),
    settled: () => Promise.resolve(),
  } satisfies ServedWorkspace;
  const files = {
    read: async (uri: string) => memory.files.get(uri),
    write: async (uri: string, t: string) => {
      written.push(uri);
      memory.set(uri, t);
    },
  };
  const guard = new GuardedEdit(ws, files);
  const update = (id: string, fields: [string, string | string[]][]) =>
    guard.run(PRD, text => {
      const item = service.index.definitions(id)[0];
      return { edits: setFieldEdits(service, item, text, fields), result: undefined };
    });
  return { memory, service, written, guard, update };
}

describe('mcp: GuardedEdit and itemEdits', () => {
  it('sets and adds fields of an item written as a flow mapping, on CRLF lines, after a byte-order mark', async () => {
    const text =
      '\uFEFFid: PRD-1\r\ntitle: One\r\nrequirements:\r\n  - {id: REQ-1, title: Pay, statement: Pay., priority: must}\r\n  - {id: REQ-2, title: Ship, statement: Ship., priority: must}\r\n';
    const { memory, service, update } = await setup(text);
    await update('REQ-1', [
      ['title', 'Pay, then ship'],
      ['depends_on', ['REQ-2']],
      ['status', 'draft'],
    ]);
    assert.equal(
      memory.files.get(PRD),
      '\uFEFFid: PRD-1\r\ntitle: One\r\nrequirements:\r\n  - {id: REQ-1, title: "Pay, then ship", statement: Pay., priority: must, depends_on: [REQ-2], status: draft}\r\n  - {id: REQ-2, title: Ship, statement: Ship., priority: must}\r\n',
    );
    assert.equal(service.index.definitions('REQ-1')[0].fields.title, 'Pay, then ship');
  });

  it('adds block lines at the column of the keys, and new lines with CRLF where the file has them', async () => {
    const text =
      'id: PRD-1\r\ntitle: One\r\nrequirements:\r\n  - id: REQ-1\r\n    title: Pay\r\n    statement: Pay.\r\n    priority: must\r\n';
    const { memory, update } = await setup(text);
    await update('REQ-1', [['acceptance_criteria', ['It pays', 'It: ships']]]);
    assert.equal(
      memory.files.get(PRD),
      text + '    acceptance_criteria:\r\n      - It pays\r\n      - "It: ships"\r\n',
    );
  });

  it('refuses an edit that adds an error: the file, the model and its findings stay as they were', async () => {
    const text =
      'id: PRD-1\ntitle: One\nrequirements:\n  - id: REQ-1\n    title: Pay\n    statement: Pay.\n    priority: must\n';
    const { memory, service, written, update } = await setup(text);
    const findings = JSON.stringify(service.diagnostics(PRD));
    await assert.rejects(update('REQ-1', [['priority', 'urgent']]), (err: unknown) => {
      assert.ok(err instanceof EditRefused);
      assert.deepEqual(
        err.findings.map(f => `${f.code} ${f.range.start.line}`),
        ['schema 6'],
      );
      assert.match(
        err.message,
        /^nothing was written: the edit of one\.prd\.yaml would add an error:\none\.prd\.yaml:7:15 error schema /,
      );
      return true;
    });
    assert.deepEqual(written, []);
    assert.equal(memory.files.get(PRD), text);
    assert.equal(service.index.definitions('REQ-1')[0].fields.priority, 'must');
    assert.equal(JSON.stringify(service.diagnostics(PRD)), findings);
  });

  it('edits nothing outside the root, nor a file the model does not hold', async () => {
    const { guard, written } = await setup('id: PRD-1\ntitle: One\n');
    await assert.rejects(
      guard.run('file:///elsewhere/x.prd.yaml', () => ({ edits: [], result: 0 })),
      /is outside the workspace: nothing is written there$/,
    );
    await assert.rejects(
      guard.run('file:///w/two.prd.yaml', () => ({ edits: [], result: 0 })),
      /: two\.prd\.yaml is not a spec file of this workspace/,
    );
    assert.deepEqual(written, []);
  });

  it('writes scalars plain where YAML reads them back the same, else quoted', () => {
    assert.deepEqual(
      ['REQ-1', 'a: b', 'true', '12', 'x, y', '- x', 'two\nlines', ''].map(v => scalarText(v, false)),
      ['REQ-1', '"a: b"', '"true"', '"12"', 'x, y', '"- x"', '"two\\nlines"', '""'],
    );
    assert.deepEqual(
      ['x, y', 'a]', 'REQ-1'].map(v => scalarText(v, true)),
      ['"x, y"', '"a]"', 'REQ-1'],
    );
    assert.deepEqual(
      [3, false].map(v => scalarText(v, false)),
      ['3', 'false'],
    );
  });
});
