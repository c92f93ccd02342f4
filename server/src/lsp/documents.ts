import type { Connection, NotificationHandler, TextDocumentChangeEvent } from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { reviewsFileName } from '../core/reviews/stamps';
import { guardNotification, guardRequest } from './guard';
import type { Log } from './log';
import { Debounce } from './debounce';

export type { TextDocument };

/**
 * The documents the editor has open, kept in sync incrementally by
 * `TextDocuments`. Only spec files (by suffix) count, and the text of a
 * `specwright.reviews` (a quick fix's stamps are in its buffer before they
 * are saved), and the text of any other document, which counts where
 * `trace:` globs name it as a code or test file; a `.specwright.yaml` is left
 * to the disk.
 */
export class SpecDocuments {
  private readonly documents = new TextDocuments(TextDocument);

  /** The open spec document with this URI. */
  get(uri: string): TextDocument | undefined {
    return fileKind(uri) ? this.documents.get(uri) : undefined;
  }

  /**
   * An open document that is neither a spec file nor a review stamps file:
   * possibly a code or test file that `trace:` globs name (the core tells).
   */
  source(uri: string): TextDocument | undefined {
    return isSourceFile(uri) ? this.documents.get(uri) : undefined;
  }

  /** The text of an open review stamps file (`specwright.reviews`): the editor's buffer wins over the disk. */
  reviewsText(uri: string): string | undefined {
    return isReviewsFile(uri) ? this.documents.get(uri)?.getText() : undefined;
  }

  /** Every open spec document. */
  all(): TextDocument[] {
    return this.documents.all().filter(d => fileKind(d.uri));
  }

  /**
   * Take over the connection's open/change/close notifications. `changed`
   * fires after open too (TextDocuments does that); the caller tells the two
   * apart by version.
   */
  listen(
    connection: Connection,
    events: {
      opened(doc: TextDocument): void;
      changed(doc: TextDocument): void;
      closed(uri: string): void;
      /** A review stamps file opened, edited or closed in the editor. */
      reviewsChanged?(uri: string): void;
      /** Any other document (a code or test file, maybe) opened or edited. */
      sourceChanged?(doc: TextDocument): void;
      /** Any other document closed. */
      sourceClosed?(uri: string): void;
    },
    log?: Log,
  ): void {
    const specOnly =
      (fn: (e: TextDocumentChangeEvent<TextDocument>) => void) =>
      (e: TextDocumentChangeEvent<TextDocument>) => {
        if (fileKind(e.document.uri)) fn(e);
      };
    this.documents.onDidOpen(specOnly(e => events.opened(e.document)));
    this.documents.onDidChangeContent(specOnly(e => events.changed(e.document)));
    this.documents.onDidClose(specOnly(e => events.closed(e.document.uri)));
    const reviews = (e: TextDocumentChangeEvent<TextDocument>): void => {
      if (isReviewsFile(e.document.uri)) events.reviewsChanged?.(e.document.uri);
    };
    this.documents.onDidChangeContent(reviews);
    this.documents.onDidClose(reviews);
    this.documents.onDidChangeContent(e => {
      if (isSourceFile(e.document.uri)) events.sourceChanged?.(e.document);
    });
    this.documents.onDidClose(e => {
      if (isSourceFile(e.document.uri)) events.sourceClosed?.(e.document.uri);
    });
    this.documents.listen(log ? guardedTextDocuments(connection, log) : connection);
  }
}

function isReviewsFile(uri: string): boolean {
  return uri.endsWith('/' + reviewsFileName);
}

function isSourceFile(uri: string): boolean {
  return !fileKind(uri) && !isReviewsFile(uri) && !uri.endsWith('/' + configFileName);
}

/**
 * The text-document notifications of `connection` as TextDocuments takes
 * them, each guarded: a malformed one (a change without a version, an open
 * without a document) is logged, never thrown into the transport.
 */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

function guardedTextDocuments(connection: Connection, log: Log): TextDocumentConnection {
  const on =
    <P>(method: string, register: (h: NotificationHandler<P>) => { dispose(): void }) =>
    (handler: NotificationHandler<P>) =>
      register(guardNotification(log, method, handler));
  return {
    // TextDocuments marks the connection as incrementally synced.
    set __textDocumentSync(kind: unknown) {
      (connection as unknown as { __textDocumentSync: unknown }).__textDocumentSync = kind;
    },
    onDidOpenTextDocument: on('textDocument/didOpen', h => connection.onDidOpenTextDocument(h)),
    onDidChangeTextDocument: on('textDocument/didChange', h => connection.onDidChangeTextDocument(h)),
    onDidCloseTextDocument: on('textDocument/didClose', h => connection.onDidCloseTextDocument(h)),
    onWillSaveTextDocument: on('textDocument/willSave', h => connection.onWillSaveTextDocument(h)),
    onDidSaveTextDocument: on('textDocument/didSave', h => connection.onDidSaveTextDocument(h)),
    onWillSaveTextDocumentWaitUntil: (
      handler: Parameters<Connection['onWillSaveTextDocumentWaitUntil']>[0],
    ) =>
      connection.onWillSaveTextDocumentWaitUntil(
        guardRequest(
          log,
          'textDocument/willSaveWaitUntil',
          (p: Parameters<typeof handler>[0], t: Parameters<typeof handler>[1]) =>
            Promise.resolve(handler(p, t)),
        ),
      ),
  } as TextDocumentConnection;
}

/**
 * Per-document trailing timers (debounce.ts): a burst of keystrokes is
 * checked once, when the document has been quiet for `delayMs` — or, while
 * typing goes on, at least every `maxWaitMs`. A document stays pending until
 * `takeAll` collects it, whether its timer has fired or not.
 */
export class EditCoalescer {
  /** Pending documents, each with its timer. */
  private readonly pending = new Map<string, Debounce>();

  constructor(
    private readonly delayMs: number,
    private readonly fire: (uri: string) => void,
    private readonly maxWaitMs = delayMs * 10,
  ) {}

  schedule(uri: string): void {
    let timer = this.pending.get(uri);
    if (!timer) this.pending.set(uri, (timer = new Debounce(() => this.fire(uri), this.maxWaitMs)));
    timer.schedule(this.delayMs);
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The URIs with an edit not yet checked; they are no longer pending. */
  takeAll(): string[] {
    const uris = [...this.pending.keys()];
    for (const uri of uris) this.cancel(uri);
    return uris;
  }

  dispose(): void {
    this.takeAll();
  }
}
