import * as assert from 'assert';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { OpenDocument, startOn, type Session } from './featureFixture';
import { FileChange, range } from './tempWorkspace';

/**
 * test/fixtures/suppress-basic over the real server: suppressed findings are
 * not published, the comments' own problems are, and both follow edits in the
 * editor and cross-file changes on disk.
 */
describe('protocol: suppression comments', () => {
  let s: Session;
  const files = ['parked.epic.yaml', 'quick.epic.yaml', 'checkout.prd.yaml', 'product.roadmap.yaml'];
  const flat = (p: PublishDiagnosticsParams) =>
    p.diagnostics.map((d: Diagnostic) => ({
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message as string,
    }));
  const reasonless = {
    range: range(2, 0, 2, 46),
    severity: 2,
    code: 'suppression-reason',
    message:
      'this suppression gives no reason; write why after "--" (# specwright-disable-next-line unresolved-link -- why)',
  };

  beforeEach(async () => {
    s = await startOn('suppress-basic', files);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('publishes what is not suppressed, and the problems of the comments', async () => {
    assert.deepStrictEqual(flat(s.client.latest(s.uri('parked.epic.yaml'))!), []);
    assert.deepStrictEqual(flat(s.client.latest(s.uri('checkout.prd.yaml'))!), []);
    assert.deepStrictEqual(flat(s.client.latest(s.uri('quick.epic.yaml'))!), [reasonless]);
    assert.deepStrictEqual(flat(s.client.latest(s.uri('product.roadmap.yaml'))!), [
      {
        range: range(5, 35, 5, 44),
        severity: 2,
        code: 'unused-suppression',
        message:
          'unknown diagnostic code "date-orde" (did you mean "date-order"?), so this suppression suppresses nothing',
      },
    ]);
  });

  it('follows edits in the editor: the finding comes back without its comment, and a comment that misses is unused', async () => {
    const uri = s.uri('parked.epic.yaml');
    const doc = new OpenDocument(s.client, uri, s.ws.read('parked.epic.yaml'));
    assert.deepStrictEqual(flat(await doc.published()), []);

    doc.set('id: EPIC-9\ntitle: Voice ordering\n');
    assert.deepStrictEqual(flat(await doc.published()), [
      {
        range: range(0, 4, 0, 10),
        severity: 3,
        code: 'orphan',
        message: 'EPIC-9 is not scheduled: it names no release',
      },
    ]);

    doc.set('id: EPIC-9\n# specwright-disable-next-line orphan -- too late\ntitle: Voice ordering\n');
    assert.deepStrictEqual(flat(await doc.published()), [
      {
        range: range(0, 4, 0, 10),
        severity: 3,
        code: 'orphan',
        message: 'EPIC-9 is not scheduled: it names no release',
      },
      {
        range: range(1, 31, 1, 37),
        severity: 2,
        code: 'unused-suppression',
        message: 'this suppression of orphan is unused: no such finding starts on line 3',
      },
    ]);
  });

  it('follows cross-file changes: once R-404 exists the suppression is unused', async () => {
    const quick = s.uri('quick.epic.yaml');
    const since = s.client.mark(quick);
    const later = s.ws.write(
      'later.roadmap.yaml',
      'id: RM-2\ntitle: Later\nreleases:\n  - id: R-404\n    title: Someday\n    horizon: later\n',
    );
    s.client.filesChanged({ uri: later, type: FileChange.created });
    const p = await s.client.waitForDiagnostics(quick, () => true, { since });
    assert.deepStrictEqual(flat(p), [
      reasonless,
      {
        range: range(2, 31, 2, 46),
        severity: 2,
        code: 'unused-suppression',
        message: 'this suppression of unresolved-link is unused: no such finding starts on line 4',
      },
    ]);

    const again = s.client.mark(quick);
    s.ws.remove('later.roadmap.yaml');
    s.client.filesChanged({ uri: later, type: FileChange.deleted });
    assert.deepStrictEqual(flat(await s.client.waitForDiagnostics(quick, () => true, { since: again })), [
      reasonless,
    ]);
  });
});
