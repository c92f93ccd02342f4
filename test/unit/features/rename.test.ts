import * as assert from 'assert';
import { idAt } from '../../../server/src/core/features/idAt';
import { notAnIdMessage, prepareRename, rename, shortPath } from '../../../server/src/core/features/rename';
import type { SpecService } from '../../../server/src/core/service';
import type { Position } from '../../../server/src/core/types';
import { span } from '../helpers';
import {
  BROKEN,
  brokenText,
  EPIC,
  PRD,
  ROADMAP,
  STORIES,
  VISION,
  allFindings,
  applyWorkspaceEdit,
  posOf,
  service,
  texts,
} from './featureHelpers';

describe('features/rename', () => {
  function edits(
    result: ReturnType<typeof rename>,
  ): Record<string, [number, number, number, number, string][]> {
    if ('error' in result) assert.fail(result.error);
    const out: Record<string, [number, number, number, number, string][]> = {};
    for (const [uri, list] of result.edits) out[uri] = list.map(e => [...span(e.range), e.newText]);
    return out;
  }

  /** Rename at a position, apply the edits, and rebuild a workspace from the new texts. */
  function renamed(
    files: Record<string, string>,
    open: string[],
    uri: string,
    pos: Position,
    newName: string,
  ) {
    const svc = service(files, open);
    const result = rename(svc, uri, pos, newName);
    if ('error' in result) assert.fail(result.error);
    const after = applyWorkspaceEdit(files, result.edits);
    return { svc, after, rebuilt: service(after, open) };
  }

  describe('prepareRename', () => {
    const svc = service(texts, [PRD]);
    it('gives the ID text (inside quotes) and the ID as placeholder', () => {
      const p = prepareRename(svc, PRD, posOf(texts[PRD], '"REQ-2"', 3));
      assert.ok(!('error' in p));
      assert.deepStrictEqual([span(p.range), p.placeholder], [[9, 9, 9, 14], 'REQ-2']);
      const q = prepareRename(svc, STORIES, posOf(texts[STORIES], '[REQ-1', 1));
      assert.ok(!('error' in q));
      assert.deepStrictEqual([span(q.range), q.placeholder], [[7, 17, 7, 22], 'REQ-1']);
    });
    it('refuses positions that are not on an ID', () => {
      assert.deepStrictEqual(prepareRename(svc, PRD, posOf(texts[PRD], 'title')), {
        error: 'You can only rename an ID (the value of id: or a link)',
      });
      assert.deepStrictEqual(prepareRename(svc, PRD, posOf(texts[PRD], 'Saved cards')), {
        error: notAnIdMessage,
      });
    });
  });

  it('edits every definition and every link, in every file, keeping quotes', () => {
    const svc = service(texts, [STORIES]);
    assert.deepStrictEqual(edits(rename(svc, STORIES, posOf(texts[STORIES], '"REQ-2"', 1), 'REQ-20')), {
      [STORIES]: [
        [7, 25, 7, 30, 'REQ-20'],
        [13, 9, 13, 14, 'REQ-20'],
      ],
      [PRD]: [[9, 9, 9, 14, 'REQ-20']],
    });
    assert.deepStrictEqual(edits(rename(svc, VISION, posOf(texts[VISION], 'G-CONV'), 'G-CONVERSION')), {
      [EPIC]: [[5, 8, 5, 14, 'G-CONVERSION']],
      [ROADMAP]: [[7, 12, 7, 18, 'G-CONVERSION']],
      [VISION]: [[4, 8, 4, 14, 'G-CONVERSION']],
    });
  });

  it('applied, leaves quoting intact, the old ID gone, and no new finding', () => {
    const { svc, after, rebuilt } = renamed(texts, [PRD], PRD, posOf(texts[PRD], 'REQ-2'), 'REQ-2.1');
    assert.strictEqual(after[PRD].split('\n')[9], '  - id: "REQ-2.1"');
    assert.strictEqual(after[STORIES].split('\n')[7], "    implements: [REQ-1, 'REQ-2.1']");
    assert.strictEqual(after[STORIES].split('\n')[13], '      - "REQ-2.1"');
    assert.deepStrictEqual(rebuilt.index.definitions('REQ-2'), []);
    assert.deepStrictEqual(rebuilt.index.incoming('REQ-2'), []);
    assert.strictEqual(rebuilt.index.incoming('REQ-2.1').length, 2);
    assert.deepStrictEqual(allFindings(rebuilt), allFindings(svc));
    assert.deepStrictEqual(
      Object.keys(after)
        .filter(u => after[u] !== texts[u])
        .sort(),
      [STORIES, PRD].sort(),
    );
  });

  it('renames in a document with a syntax error elsewhere', () => {
    const files = { ...texts, [BROKEN]: brokenText };
    const svc = service(files, [BROKEN]);
    assert.deepStrictEqual(edits(rename(svc, BROKEN, posOf(brokenText, 'ST-8', 0, 1), 'ST-80')), {
      [BROKEN]: [
        [2, 8, 2, 12, 'ST-80'],
        [7, 17, 7, 21, 'ST-80'],
      ],
    });
  });

  it('renames an undefined ID in every link that names it', () => {
    const uri = 'file:///w/x.stories.yaml';
    const text = 'id: IT-2\nstories:\n  - id: ST-9\n    implements: [REQ-404, "REQ-404"]\n';
    const svc = service({ ...texts, [uri]: text });
    assert.deepStrictEqual(edits(rename(svc, uri, posOf(text, 'REQ-404'), 'REQ-405')), {
      [uri]: [
        [3, 17, 3, 24, 'REQ-405'],
        [3, 27, 3, 34, 'REQ-405'],
      ],
    });
  });

  it('followed by the inverse rename, restores every file byte for byte, for every ID', () => {
    const files: Record<string, string> = { ...texts, [BROKEN]: brokenText };
    const base = service(files);
    const ids = [
      ...new Set([...base.index.ids(), ...[...base.index.items()].flatMap(i => i.links.map(l => l.target))]),
    ].sort();
    assert.ok(ids.length > 15);
    for (const id of ids) {
      // any occurrence of the ID: its definition, or else a link
      const at = base.index.definitions(id)[0]?.idRange ?? base.index.incoming(id)[0].range;
      const uri = base.index.definitions(id)[0]?.uri ?? base.index.incoming(id)[0].uri;
      const newId = `${id.split('-')[0]}-RENAMED`;
      const there = renamed(files, [uri], uri, at.start, newId);
      assert.deepStrictEqual(
        allFindings(there.rebuilt).map(f => f.replaceAll(newId, id)),
        allFindings(base),
        `findings after renaming ${id}`,
      );
      // back again, from wherever the new ID now is
      const def = there.rebuilt.index.definitions(newId)[0];
      const link = there.rebuilt.index.incoming(newId)[0];
      const back = rename(there.rebuilt, def?.uri ?? link.uri, (def?.idRange ?? link.range).end, id);
      if ('error' in back) assert.fail(back.error);
      const restored = applyWorkspaceEdit(there.after, back.edits);
      for (const u of Object.keys(files))
        assert.strictEqual(restored[u], files[u], `${u} after renaming ${id} and back`);
    }
  });

  it('works on closed files only, from the index', () => {
    const svc = service();
    assert.strictEqual(svc.tree(PRD), undefined);
    assert.deepStrictEqual(edits(rename(svc, EPIC, posOf(texts[EPIC], 'EPIC-1'), 'EPIC-100')), {
      [EPIC]: [[0, 4, 0, 10, 'EPIC-100']],
      [PRD]: [[2, 6, 2, 12, 'EPIC-100']],
    });
  });

  describe('refusals', () => {
    const svc = service(texts, [PRD]);
    const at = posOf(texts[PRD], 'REQ-3');
    const err = (r: ReturnType<typeof rename>) => ('error' in r ? r.error : 'no error');

    it('off an ID', () => {
      assert.strictEqual(err(rename(svc, PRD, posOf(texts[PRD], 'requirements'), 'REQ-9')), notAnIdMessage);
    });
    it('a new ID that is not an ID, saying what IDs look like', () => {
      for (const bad of ['req-9', 'REQ9', 'REQ-', '-9', 'REQ 9', 'REQ-9, REQ-10', '']) {
        assert.match(
          err(rename(svc, PRD, at, bad)),
          /is not a valid ID: .*like REQ-101, EPIC-12 or R-2026\.1/,
          bad,
        );
      }
    });
    it('a new ID that is already defined, saying where', () => {
      assert.strictEqual(
        err(rename(svc, PRD, at, 'REQ-1')),
        'REQ-1 is already defined in prds/checkout.prd.yaml',
      );
      assert.strictEqual(
        err(rename(svc, PRD, at, 'ST-2')),
        'ST-2 is already defined in iterations/s1.stories.yaml',
      );
    });
    it('an unchanged ID', () => {
      assert.strictEqual(err(rename(svc, PRD, at, 'REQ-3')), 'The new ID is the same as the old one (REQ-3)');
    });
    it('accepts surrounding spaces in the new name', () => {
      assert.deepStrictEqual(edits(rename(svc, PRD, at, '  REQ-33 ')), {
        [PRD]: [[15, 8, 15, 13, 'REQ-33']],
      });
    });
  });

  it('replaces an ID written with escapes whole', () => {
    const uri = 'file:///w/esc.stories.yaml';
    const text = 'id: IT-5\nstories:\n  - id: ST-5\n    implements: ["REQ\\x2D1"]\n';
    const svc: SpecService = service({ ...texts, [uri]: text });
    const hit = idAt(svc, uri, posOf(text, 'REQ', 1));
    assert.strictEqual(hit?.id, 'REQ-1');
    const r = rename(svc, PRD, posOf(texts[PRD], 'REQ-1'), 'REQ-7');
    if ('error' in r) assert.fail(r.error);
    assert.strictEqual(
      applyWorkspaceEdit({ ...texts, [uri]: text }, r.edits)[uri],
      'id: IT-5\nstories:\n  - id: ST-5\n    implements: [REQ-7]\n',
    );
  });

  it('shortPath names a file by its last two path segments', () => {
    assert.strictEqual(shortPath('file:///w/prds/x.prd.yaml'), 'prds/x.prd.yaml');
    assert.strictEqual(shortPath('file:///x.prd.yaml'), 'x.prd.yaml');
    assert.strictEqual(shortPath('file:///w/my%20prds/x.prd.yaml'), 'my prds/x.prd.yaml');
  });
});
