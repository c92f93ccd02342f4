import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { IdAllocator, kebab, newDocument } from '../../../server/src/core/features/newDocument';
import type { SpecService } from '../../../server/src/core/service';
import type { DocKind } from '../../../server/src/core/types';
import { lines, workspace } from '../helpers';

const W = 'file:///w';
const kinds: DocKind[] = ['vision', 'roadmap', 'epic', 'prd', 'stories'];

const files = {
  [`${W}/product.vision.yaml`]: lines(
    'id: V-BASKET',
    'product: Basket',
    'statement: s',
    'goals:',
    '  - id: G-CONV',
    '    title: Conversion',
    'personas:',
    '  - id: P-PARENT',
    '    name: Parent',
  ),
  [`${W}/product.roadmap.yaml`]: lines(
    'id: RM-BASKET',
    'title: Roadmap',
    'releases:',
    '  - id: R-2026.1',
    '    title: A',
    '    horizon: now',
    '  - id: R-2026.4',
    '    title: B',
    '    horizon: later',
  ),
  [`${W}/epics/a.epic.yaml`]: lines('id: EPIC-6', 'title: A', 'release: R-2026.1'),
  [`${W}/epics/b.epic.yaml`]: lines('id: EPIC-2', 'title: B', 'release: R-2026.1'),
  [`${W}/prds/a.prd.yaml`]: lines(
    'id: PRD-1',
    'title: A',
    'epic: EPIC-6',
    'requirements:',
    '  - id: REQ-101',
    '    title: T',
    '    statement: s',
    '    priority: must',
    '    status: approved',
    '    acceptance_criteria: [ok]',
    '  - id: REQ-109',
    '    title: T',
    '    statement: s',
    '    priority: must',
  ),
  [`${W}/it/s1.stories.yaml`]: lines(
    'id: IT-2026.09',
    'title: S1',
    'stories:',
    '  - id: ST-009',
    '    title: T',
    '    implements: [REQ-109]',
  ),
};

/** The error findings a document would have in the workspace. */
function errorsOf(service: SpecService, uri: string, text: string): string[] {
  service.apply([{ uri, text }]);
  const errs = service
    .diagnostics(uri)
    .filter(d => d.severity === 'error')
    .map(d => `${d.code}: ${d.message}`);
  service.apply([{ uri, deleted: true }]);
  return errs;
}

describe('feature: new document', () => {
  it("numbers IDs after the highest one with the workspace's prefix", () => {
    const s = workspace(files);
    assert.equal(newDocument(s, { kind: 'epic', title: 'Next' }).id, 'EPIC-7');
    assert.equal(newDocument(s, { kind: 'prd', title: 'Next' }).id, 'PRD-2');
    assert.equal(newDocument(s, { kind: 'stories', title: 'Next' }).id, 'IT-2026.10');
    assert.equal(newDocument(s, { kind: 'roadmap', title: 'Next' }).id, 'RM-1');
    const ids = new IdAllocator(s);
    assert.deepEqual(
      [
        ids.next('release'),
        ids.next('release'),
        ids.next('requirement'),
        ids.next('story'),
        ids.next('goal'),
      ],
      ['R-2026.5', 'R-2026.6', 'REQ-110', 'ST-010', 'G-1'],
    );
  });

  it('lists what a new document can hang under, and names the one picked (no orphan, no finding at all)', () => {
    const s = workspace(files);
    assert.deepEqual(newDocument(s, { kind: 'prd', title: 'T' }).parents, [
      { id: 'EPIC-6', title: 'A' },
      { id: 'EPIC-2', title: 'B' },
    ]);
    assert.deepEqual(
      newDocument(s, { kind: 'epic', title: 'T' }).parents.map(p => p.id),
      ['R-2026.1', 'R-2026.4'],
    );
    assert.deepEqual(newDocument(s, { kind: 'vision', title: 'T' }).parents, []);
    for (const [kind, parent] of [
      ['prd', 'EPIC-2'],
      ['epic', 'R-2026.4'],
      ['stories', 'R-2026.1'],
    ] as const) {
      const doc = newDocument(s, { kind, title: 'Order notes', parent });
      assert.match(
        doc.text,
        new RegExp(`^${kind === 'prd' ? 'epic' : 'release'}: ${parent.replace('.', '\\.')}$`, 'm'),
      );
      const uri = `${W}/new/${doc.fileName}`;
      s.apply([{ uri, text: doc.text }]);
      const findings = s.diagnostics(uri).map(d => `${d.code}: ${d.message}`);
      s.apply([{ uri, deleted: true }]);
      assert.deepEqual(findings, [], `${kind}:\n${doc.text}`);
    }
    // An ID that is no such item is not written.
    assert.match(newDocument(s, { kind: 'prd', title: 'T', parent: 'R-2026.1' }).text, /^# epic: /m);
  });

  it("numbers a new PRD's requirements in its own block where the workspace does (REQ-201 in PRD-2)", () => {
    const s = workspace(files);
    assert.match(newDocument(s, { kind: 'prd', title: 'T' }).text, /^id: PRD-2$[^]*- id: REQ-201$/m);
    const flat = workspace({
      [`${W}/a.prd.yaml`]: lines(
        'id: PRD-1',
        'title: A',
        'requirements:',
        '  - id: REQ-7',
        '    title: T',
        '    statement: s',
        '    priority: must',
      ),
    });
    assert.match(newDocument(flat, { kind: 'prd', title: 'T' }).text, /- id: REQ-8$/m);
  });

  it('uses default prefixes in an empty workspace', () => {
    const s = workspace({});
    assert.deepEqual(
      kinds.map(kind => newDocument(s, { kind, title: 'T' }).id),
      ['V-1', 'RM-1', 'EPIC-1', 'PRD-1', 'IT-1'],
    );
    assert.match(newDocument(s, { kind: 'roadmap', title: 'T' }).text, /- id: R-1\n/);
    assert.match(newDocument(s, { kind: 'prd', title: 'T' }).text, /- id: REQ-1\n/);
  });

  it('uses the most common prefix of a kind', () => {
    const s = workspace({
      [`${W}/a.epic.yaml`]: lines('id: EP-3', 'title: A'),
      [`${W}/b.epic.yaml`]: lines('id: EP-4', 'title: B'),
      [`${W}/c.epic.yaml`]: lines('id: EPIC-9', 'title: C'),
    });
    assert.equal(newDocument(s, { kind: 'epic', title: 'T' }).id, 'EP-5');
  });

  for (const kind of kinds) {
    it(`writes a ${kind} document with no error finding, in a full and in an empty workspace`, () => {
      for (const s of [workspace(files), workspace({})]) {
        const doc = newDocument(s, { kind, title: 'Express: checkout #2', folderUri: W });
        assert.equal(doc.fileName, `express-checkout-2.${kind}.yaml`);
        assert.deepEqual(errorsOf(s, `${W}/${doc.fileName}`, doc.text), []);
        const data = parse(doc.text);
        assert.equal(data.id, doc.id);
        assert.equal(kind === 'vision' ? data.product : data.title, 'Express: checkout #2');
      }
    });
  }

  it('gives the first tab stop as a range on a value', () => {
    const s = workspace(files);
    const doc = newDocument(s, { kind: 'epic', title: 'Checkout' });
    assert.deepEqual(doc.selection, { start: { line: 4, character: 9 }, end: { line: 4, character: 57 } });
    assert.equal(doc.text.split('\n')[4].slice(9, 57), 'What this epic delivers, in one or two sentences');
    const it = newDocument(s, { kind: 'stories', title: 'Sprint 3' });
    const line = it.text.split('\n')[it.selection.start.line];
    assert.equal(line.slice(it.selection.start.character, it.selection.end.character), 'Sprint 3');
  });

  it('offers a story for an uncovered requirement, else an empty iteration', () => {
    const withReq = newDocument(workspace(files), { kind: 'stories', title: 'S' }).text;
    assert.match(withReq, /implements: \[REQ-101\]/);
    assert.match(withReq, /- id: ST-010\n/);
    assert.match(newDocument(workspace({}), { kind: 'stories', title: 'S' }).text, /^stories: \[\]$/m);
  });

  it('suggests a kebab-case file name that is free in the folder', () => {
    const s = workspace({
      [`${W}/specs/checkout.prd.yaml`]: lines('id: PRD-1', 'title: T', 'requirements: []'),
    });
    assert.equal(
      newDocument(s, { kind: 'prd', title: 'Checkout', folderUri: `${W}/specs` }).fileName,
      'checkout-2.prd.yaml',
    );
    assert.equal(
      newDocument(s, { kind: 'prd', title: 'Checkout', folderUri: `${W}/other` }).fileName,
      'checkout.prd.yaml',
    );
    assert.equal(newDocument(s, { kind: 'epic', title: '  ' }).fileName, 'new-epic.epic.yaml');
    assert.equal(kebab('Café Crème — Größe 2!'), 'cafe-creme-grosse-2');
  });
});
