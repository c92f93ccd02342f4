import * as assert from 'assert';
import type {
  CodeAction,
  Diagnostic,
  Position,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient, type StartOptions } from './lspClient';
import { FileChange, TempWorkspace } from './tempWorkspace';

/**
 * test/fixtures/protocol-features, a small clean product (no findings):
 *
 * product.vision.yaml          V-1, goal G-CONV, persona P-SHOPPER
 * product.roadmap.yaml         RM-1, releases R-1 (now, goals [G-CONV]) and R-2 (later)
 * checkout.epic.yaml           EPIC-1 (release R-1, goals [G-CONV], rice 100·2·0.5/8)
 * prds/checkout.prd.yaml       PRD-1 (epic EPIC-1), REQ-1 (must) and REQ-2 (should, depends_on REQ-1 in block style)
 * iterations/s1.stories.yaml   two comment lines, IT-1 (release R-1), ST-1 (implements [REQ-1]), ST-2 (implements REQ-2, REQ-1 in block style)
 */
export const featureFiles = {
  vision: 'product.vision.yaml',
  roadmap: 'product.roadmap.yaml',
  epic: 'checkout.epic.yaml',
  prd: 'prds/checkout.prd.yaml',
  stories: 'iterations/s1.stories.yaml',
} as const;

export interface Session {
  ws: TempWorkspace;
  client: LspClient;
  uri(relative: string): string;
}

/**
 * Copy a fixture, start the server on it and wait until the first scan has
 * published every file in `files` (default: the protocol-features files).
 */
export async function startOn(
  fixture = 'protocol-features',
  files: readonly string[] = Object.values(featureFiles),
  options: Omit<Partial<StartOptions>, 'folders'> & { folders?: (ws: TempWorkspace) => string[] } = {},
): Promise<Session> {
  const ws = TempWorkspace.copy(fixture);
  const { folders, ...rest } = options;
  const client = await LspClient.start({ ...rest, folders: folders ? folders(ws) : [ws.uri()] });
  try {
    for (const f of files) await client.waitForDiagnostics(ws.uri(f));
  } catch (err) {
    // The caller gets no session to dispose: a server left running would keep mocha from exiting.
    client.dispose();
    ws.dispose();
    throw err;
  }
  return { ws, client, uri: r => ws.uri(r) };
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

/** Params of a request at a position of a document. */
export function at(
  uri: string,
  line: number,
  character: number,
): { textDocument: { uri: string }; position: Position } {
  return { textDocument: { uri }, position: pos(line, character) };
}

/** `text` with `edits` applied (LSP semantics: all ranges refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position): number =>
    Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** A document the test holds open: its text and version, changed by full-text didChange. */
export class OpenDocument {
  constructor(
    readonly client: LspClient,
    readonly uri: string,
    public text: string,
    public version = 1,
  ) {
    client.open(uri, text, version);
  }

  /** Replace the text and send it (whole) as version + 1; returns the new version. */
  set(text: string): number {
    this.text = text;
    this.client.change(this.uri, ++this.version, { text });
    return this.version;
  }

  edit(edits: readonly TextEdit[]): number {
    return this.set(applyEdits(this.text, edits));
  }

  /** The publish for the current version. */
  published(
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    return this.client.waitForDiagnostics(this.uri, p => p.version === this.version && predicate(p));
  }
}

/**
 * Apply a WorkspaceEdit the way an editor would: a versioned document edit
 * must match the open document's version and goes to the editor buffer
 * (didChange); an unversioned one is written to disk and announced as a
 * watched-file change. Resolves when the server has republished every file
 * the edit touched.
 */
export async function applyWorkspaceEdit(
  session: Session,
  edit: WorkspaceEdit,
  open: readonly OpenDocument[],
): Promise<void> {
  const { ws, client } = session;
  const waits: Promise<unknown>[] = [];
  const onDisk: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    const docEdit = change as TextDocumentEdit;
    assert.ok(
      docEdit.textDocument && docEdit.edits,
      `only text document edits are expected: ${JSON.stringify(change)}`,
    );
    const uri = docEdit.textDocument.uri;
    const doc = open.find(d => d.uri === uri);
    if (docEdit.textDocument.version !== null) {
      assert.ok(doc, `a versioned edit for ${uri}, which the test did not open`);
      assert.strictEqual(
        docEdit.textDocument.version,
        doc.version,
        `the edit for ${uri} is for the version the editor holds`,
      );
      doc.edit(docEdit.edits as TextEdit[]);
      waits.push(doc.published());
    } else {
      assert.ok(!doc, `${uri} is open, so its edit must carry its version`);
      const relative = decodeURIComponent(uri.slice(ws.uri().length + 1));
      ws.write(relative, applyEdits(ws.read(relative), docEdit.edits as TextEdit[]));
      onDisk.push(uri);
    }
  }
  if (onDisk.length) {
    const marks = onDisk.map(u => client.mark(u));
    client.filesChanged(...onDisk.map(uri => ({ uri, type: FileChange.changed })));
    onDisk.forEach((u, i) => waits.push(client.waitForDiagnostics(u, () => true, { since: marks[i] })));
  }
  await Promise.all(waits);
}

/** The code actions for one published diagnostic (the client sends it back as it came, `data` included). */
export function quickFixes(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
}

/** A rejected request's error code and message. */
export async function requestError(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    const value = await promise;
    assert.fail(`expected an error response, got ${JSON.stringify(value)}`);
  } catch (err) {
    const e = err as { code?: number; message?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, message: String(e.message) };
  }
}

/** Every file's latest diagnostics codes, by path relative to the workspace. */
export function findingsByFile(session: Session, files: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of files)
    out[f] = (session.client.latest(session.uri(f))?.diagnostics ?? []).map(d => String(d.code));
  return out;
}
