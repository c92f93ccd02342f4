/**
 * What the core keeps grows with the workspace, not with its history: typing
 * new IDs, renaming, creating and deleting files for a long time leaves no
 * entry behind for an ID or a file that is gone. (The soak test,
 * test/soak/soak.ts, watches the server's RSS over minutes; this pins the
 * bookkeeping itself, entry by entry.)
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';

/** Sizes of the service's maps and of the index's maps (private fields, read for this test only). */
function sizes(s: SpecService): Record<string, number> {
  const priv = s as unknown as Record<string, Map<unknown, unknown> | Set<unknown>>;
  const readers = (s as unknown as { readers: Record<string, Map<unknown, unknown>> }).readers;
  const index = s.index as unknown as Record<string, Map<unknown, unknown>>;
  return {
    definitionReaders: readers.definitionReaders.size,
    linkReaders: readers.linkReaders.size,
    reads: readers.byFile.size,
    keys: priv.keys.size,
    cross: priv.cross.size,
    trees: priv.trees.size,
    open: priv.open.size,
    files: s.index.files.size,
    defs: index.defs.size,
    incoming: index.incomingLinks.size,
    contained: index.contained.size,
  };
}

describe('reliability: memory stays bounded', () => {
  it('5,000 edits naming a new ID each, then renames, creates and deletes: only live IDs and files keep entries', function () {
    this.timeout(60_000);
    const s = new SpecService();
    const prd = 'file:///w/p.prd.yaml';
    const stories = 'file:///w/s.stories.yaml';
    s.apply([
      {
        uri: prd,
        text: lines(
          'id: PRD-1',
          'title: T',
          'epic: EPIC-1',
          'requirements:',
          '  - {id: REQ-1, title: t, statement: s, priority: must}',
        ),
      },
    ]);
    s.openDocument(stories, lines('id: IT-1', 'title: T', 'stories: []'), 1);
    const baseline = sizes(s);
    for (let i = 0; i < 5000; i++) {
      s.apply([
        {
          uri: stories,
          version: i + 2,
          text: lines(
            'id: IT-1',
            'title: T',
            'stories:',
            `  - {id: ST-${i}, title: t, implements: [REQ-${i}], depends_on: [ST-${i + 1}]}`,
          ),
        },
      ]);
      if (i % 10 === 0) {
        const tmp = `file:///w/tmp${i}.epic.yaml`;
        s.apply([
          {
            uri: tmp,
            text: lines(`id: EPIC-T${i}`, 'title: T', `release: R-${i}`, `depends_on: [EPIC-T${i - 1}]`),
          },
        ]);
        s.apply([{ uri: tmp, deleted: true }]);
      }
    }
    s.apply([{ uri: stories, version: 9999, text: lines('id: IT-1', 'title: T', 'stories: []') }]);
    s.closeDocument(stories);
    const after = sizes(s);
    // The same files and IDs as at the start (the document is closed now: no tree).
    assert.deepEqual(after, { ...baseline, trees: 0, open: 0 });
  });
});
