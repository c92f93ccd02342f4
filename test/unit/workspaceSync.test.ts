/**
 * The server's one path into the model, without a connection: documents
 * opened together are applied in one batch and each published once, a
 * request right after an open sees it, and the publisher sends a URI only
 * when what the client holds for it would change.
 */
import * as assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SpecService } from '../../server/src/core/service';
import { toLspDiagnostic } from '../../server/src/lsp/convert';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import type { SpecDocuments } from '../../server/src/lsp/documents';
import { WorkspaceFolders } from '../../server/src/lsp/folders';
import { warmTreeLimit, WorkspaceSync } from '../../server/src/lsp/workspaceSync';
import { lines } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';

const ROOT = 'file:///w';
const silent = { error: (m: string) => assert.fail(m), warn: () => undefined, info: () => undefined };

/** A vision, a roadmap, a PRD and `n` iterations that all link to the same persona, release and requirement. */
function texts(n: number): Map<string, string> {
  const out = new Map<string, string>([
    [
      'file:///w/product.vision.yaml',
      lines('id: V-1', 'product: Shop', 'statement: s', 'personas:', '  - {id: P-1, name: Pat}'),
    ],
    [
      'file:///w/product.roadmap.yaml',
      lines('id: RM-1', 'title: R', 'releases:', '  - {id: R-1, title: One, horizon: now, end: 2025-03-31}'),
    ],
    [
      'file:///w/a.prd.yaml',
      lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-404',
        'requirements:',
        '  - {id: REQ-1, title: Pay, statement: s, priority: must}',
      ),
    ],
  ]);
  for (let i = 0; i < n; i++)
    out.set(
      `file:///w/it/${i}.stories.yaml`,
      lines(
        `id: IT-${i}`,
        'title: S',
        'release: R-1',
        'stories:',
        `  - {id: ST-${i}, title: t, as_a: P-1, implements: [REQ-1]}`,
      ),
    );
  return out;
}

function setUp(files: Map<string, string>) {
  const service = new SpecService(new MemoryWorkspace(new Map(files)));
  const open = new Map<string, TextDocument>();
  const documents = {
    get: (uri: string) => open.get(uri),
    all: () => [...open.values()],
    reviewsText: () => undefined,
  } as unknown as SpecDocuments;
  const folders = new WorkspaceFolders();
  folders.add(ROOT);
  const published: PublishDiagnosticsParams[] = [];
  const sync = new WorkspaceSync({
    service,
    workspace: new MemoryWorkspace(new Map(files)),
    documents,
    folders,
    log: silent,
    editDelayMs: 1,
    send: async p => {
      published.push(p);
    },
  });
  /** Resolves after the next commit that affected something. */
  const committed = (): Promise<void> =>
    new Promise(resolve => {
      let done = false;
      sync.onDidCommit(() => {
        if (!done) {
          done = true;
          resolve();
        }
      });
    });
  const openDoc = (uri: string, text: string, version: number): TextDocument => {
    const doc = TextDocument.create(uri, 'specwright', version, text);
    open.set(uri, doc);
    sync.opened(doc);
    return doc;
  };
  const closeDoc = (uri: string): void => {
    open.delete(uri);
    sync.closed(uri);
  };
  /** Scan the folder and wait for its publish. */
  const scanned = async (): Promise<void> => {
    const done = committed();
    sync.scan([ROOT]);
    await done;
  };
  return { service, sync, published, committed, openDoc, closeDoc, scanned };
}

const countOf = (published: PublishDiagnosticsParams[], uri: string) =>
  published.filter(p => p.uri === uri).length;

/** Whether the service holds a built syntax tree for an open document (without building one by asking). */
const hasTree = (service: SpecService, uri: string): boolean =>
  (service as unknown as { trees: Map<string, { parsed?: unknown }> }).trees.get(uri)?.parsed !== undefined;
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise(r => setImmediate(r));
};

describe('workspace sync', () => {
  it(`a few documents opened get their syntax trees right after; with over ${warmTreeLimit} open, trees are built on first use`, async () => {
    const files = texts(warmTreeLimit + 5);
    const { service, committed, openDoc, scanned } = setUp(files);
    await scanned();
    const few = [...files.keys()].slice(0, 3);
    let opened = committed();
    for (const uri of few) openDoc(uri, files.get(uri)!, 1);
    await opened;
    assert.deepEqual(
      few.map(u => hasTree(service, u)),
      [false, false, false],
      'not while applying',
    );
    await turns(5);
    assert.deepEqual(
      few.map(u => hasTree(service, u)),
      [true, true, true],
    );

    const many = [...files.keys()].slice(3);
    assert.ok(many.length > warmTreeLimit);
    opened = committed();
    for (const uri of many) openDoc(uri, files.get(uri)!, 1);
    await opened;
    await turns(many.length + 5);
    assert.ok(
      many.every(u => !hasTree(service, u)),
      'a mass open builds no tree',
    );
    assert.ok(
      few.every(u => hasTree(service, u)),
      'the trees built before stay',
    );
    assert.ok(service.tree(many[0]) && hasTree(service, many[0]), 'until a feature asks');
  });

  it('documents opened together are applied in one batch, and each is published once, with its version and its findings', async () => {
    const files = texts(30);
    const { service, published, committed, openDoc, scanned } = setUp(files);
    await scanned();
    published.length = 0;

    const batches: number[] = [];
    const openDocuments = service.openDocuments.bind(service);
    service.openDocuments = docs => {
      batches.push(docs.length);
      return openDocuments(docs);
    };
    const opened = committed();
    for (const [uri, text] of files) openDoc(uri, text, 1);
    await opened;

    assert.deepEqual(batches, [files.size]);
    for (const uri of files.keys()) {
      assert.equal(countOf(published, uri), 1, uri);
      const p = published.find(q => q.uri === uri)!;
      assert.equal(p.version, 1);
      assert.deepStrictEqual(p.diagnostics, service.diagnostics(uri).map(toLspDiagnostic));
    }
    assert.equal(published.length, files.size, 'no other file is published');
  });

  it('documents opened before the scan: the final findings are those of the whole workspace, under their versions', async () => {
    const files = texts(10);
    const { service, published, openDoc, scanned } = setUp(files);
    for (const [uri, text] of files) openDoc(uri, text, 7);
    await scanned();
    const rebuilt = new SpecService();
    rebuilt.apply([...files].map(([uri, text]) => ({ uri, text })));
    for (const uri of files.keys()) {
      const last = published.filter(p => p.uri === uri).at(-1)!;
      assert.equal(last.version, 7, uri);
      assert.deepStrictEqual(last.diagnostics, rebuilt.diagnostics(uri).map(toLspDiagnostic), uri);
    }
    assert.ok(service.tree('file:///w/a.prd.yaml'), 'open documents have their trees');
  });

  it('a request right after an open sees the document (pending opens are applied first)', async () => {
    const files = texts(2);
    const { service, sync, published, openDoc, scanned } = setUp(files);
    await scanned();
    const uri = 'file:///w/a.prd.yaml';
    openDoc(uri, files.get(uri)!.replace('REQ-1', 'REQ-2'), 3);
    sync.flushEdits();
    assert.equal(service.tree(uri)?.version, 3);
    assert.equal(published.filter(p => p.uri === uri).at(-1)?.version, 3);
    assert.ok(service.index.definitions('REQ-2').length);
  });

  it('closing a document whose file holds the same text publishes it again, without a version', async () => {
    const files = texts(2);
    const { published, committed, openDoc, closeDoc, scanned } = setUp(files);
    await scanned();
    const uri = 'file:///w/a.prd.yaml';
    const opened = committed();
    openDoc(uri, files.get(uri)!, 1);
    await opened;
    const closed = committed();
    closeDoc(uri);
    await closed;
    assert.deepEqual(
      published.filter(p => p.uri === uri).map(p => p.version),
      [undefined, 1, undefined],
    );
  });
});

describe('diagnostics publisher', () => {
  const uri = 'file:///w/a.prd.yaml';
  function publisher(version: () => number | undefined) {
    const service = new SpecService();
    service.apply([{ uri, text: lines('id: PRD-1', 'title: T', 'epic: EPIC-404', 'requirements: []') }]);
    const sent: PublishDiagnosticsParams[] = [];
    return {
      service,
      sent,
      publisher: new DiagnosticsPublisher(
        async p => {
          sent.push(p);
        },
        service,
        version,
        silent,
      ),
    };
  }

  it('does not send what the client already holds for a URI', () => {
    const { sent, publisher: p } = publisher(() => undefined);
    p.publish([uri]);
    p.publish([uri]);
    assert.equal(sent.length, 1);
  });

  it('sends a new version of an open document, even with the same findings', () => {
    let version = 1;
    const { sent, publisher: p } = publisher(() => version);
    p.publish([uri]);
    version = 2;
    p.publish([uri]);
    assert.deepEqual(
      sent.map(s => s.version),
      [1, 2],
    );
  });

  it('sends changed findings', () => {
    const { service, sent, publisher: p } = publisher(() => undefined);
    p.publish([uri]);
    service.apply([{ uri, text: lines('id: PRD-1', 'title: T', 'epic: EPIC-405', 'requirements: []') }]);
    p.publish([uri]);
    assert.deepEqual(
      sent.map(s => s.diagnostics[0]?.message),
      ['EPIC-404 is not defined in this workspace', 'EPIC-405 is not defined in this workspace'],
    );
  });

  it('sends a file whose content was just read, and the empty list of a file that is gone, every time', () => {
    const { service, sent, publisher: p } = publisher(() => undefined);
    p.publish([uri]);
    p.publish([uri], new Set([uri]));
    service.apply([{ uri, deleted: true }]);
    p.publish([uri]);
    p.publish([uri]);
    const n = sent[0].diagnostics.length;
    assert.ok(n > 0);
    assert.deepEqual(
      sent.map(s => s.diagnostics.length),
      [n, n, 0, 0],
    );
  });

  it('sends a code file its findings, the empty list once when they go, and nothing while it has none', () => {
    const { service, sent, publisher: p } = publisher(() => undefined);
    const code = 'file:///ws/src/pay.ts';
    service.applyTrace([{ uri: code, role: 'code', text: '// nothing to say\n' }]);
    p.publish([code], new Set([code]));
    service.applyTrace([{ uri: code, role: 'code', text: '// @implements NOPE-1\n' }]);
    p.publish([code], new Set([code]));
    service.applyTrace([{ uri: code, role: 'code', text: '// fixed\n' }]);
    p.publish([code], new Set([code]));
    p.publish([code], new Set([code]));
    assert.deepEqual(
      sent.map(s => [s.uri, s.diagnostics.map(d => d.message)]),
      [
        [code, ['NOPE-1 is not defined in this workspace']],
        [code, []],
      ],
    );
  });
});
