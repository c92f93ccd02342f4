import type { StoredSnapshot } from '../core/cache/cacheFile';
import { decodeSnapshot, encodeSnapshot, findingsOf } from '../core/cache/findingsSnapshot';
import type { IndexCacheStore } from '../core/cache/recordCache';
import { configFileName } from '../core/config';
import type { PreparedConfig } from '../core/configStore';
import { fileKind } from '../core/parse/fileKind';
import type { Diagnostic } from '../core/types';
import type { EditorText, FileChange, SpecService } from '../core/service';
import { isUnder, joinUri, type IWorkspace } from '../core/workspace';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { reviewsFileName } from '../core/reviews/stamps';
import { formatNumber } from '../core/text/numbers';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { Debounce } from './debounce';
import { EditCoalescer, type SpecDocuments, type TextDocument } from './documents';
import type { SpecwrightSettings } from '../protocol';
import type { WorkspaceFolders } from './folders';
import { describeError, type Log } from './log';

/**
 * Watched-file events that arrive within this many milliseconds of each other
 * (for at most diskMaxWaitMs) are applied as one batch. Shorter than the
 * edit delay, so a file written to disk is read before the editor's next
 * coalesced edit is checked, as when each event was applied at once.
 */
export const diskDelayMs = 10;

/**
 * Once more than one event is pending (a burst: a checkout, a bulk move),
 * the quiet time that ends it: events announced one per notification trickle
 * in, with gaps longer than diskDelayMs now and then.
 */
export const diskBurstDelayMs = 100;

/** The longest watched-file events are gathered while they keep coming. */
export const diskMaxWaitMs = 5000;

/** Files applied between two yields to the event loop in a large batch. */
export const chunkFiles = 100;

/**
 * While at most this many documents are open (a user opening files, an
 * editor restoring its tabs), a just-opened document gets its syntax tree
 * built right after, one per turn of the event loop: the first hover or
 * completion should not wait for a parse. With more open (a client opening a
 * whole workspace) trees are built only on first use, so memory stays that
 * of the index.
 */
export const warmTreeLimit = 64;

/** A file: URI as a path for a message (other URIs as they are). */
function shownPath(uri: string): string {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? decodeURIComponent(url.pathname) : uri;
  } catch {
    return uri;
  }
}

/** Let pending I/O and queued messages run (setImmediate on Node; a timer elsewhere). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/**
 * The one path by which the server changes the core's model. Every change —
 * an edit, a closed document, a file on disk, a config, a folder — ends in
 * `commit`, which first applies pending edits of open documents (so the core
 * never holds older editor text than a publish claims) and then publishes
 * exactly the URIs the core reports as affected.
 *
 * Work that reads the disk runs through one serial queue, so two reads of the
 * same file can never land out of order, and it re-checks that a document is
 * still closed right before applying: the editor's buffer always wins over
 * the disk.
 */
export class WorkspaceSync {
  /** Version of the editor text the core holds, per open document. */
  private readonly applied = new Map<string, number>();
  private readonly edits: EditCoalescer;
  private readonly publisher: DiagnosticsPublisher;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly committed: Array<(affected: ReadonlySet<string>) => void> = [];
  /** Watched-file events not yet applied, and the timer that applies them. */
  private readonly diskPending = new Set<string>();
  private readonly diskTimer = new Debounce(() => this.diskQuiet(), diskMaxWaitMs);
  /** A task that takes the pending events is in the queue and has not started. */
  private diskQueued = false;

  private readonly service: SpecService;
  private readonly workspace: IWorkspace;
  private readonly documents: SpecDocuments;
  private readonly folders: WorkspaceFolders;
  private readonly log: Log;
  private readonly ignores: (uri: string, rootUri: string) => boolean;
  private readonly showWarning: (message: string) => void;
  /**
   * True once a scan has read the folders' configurations: before it, what the
   * server knows of them (no `trace:` at all) is not worth telling a client.
   */
  scanned = false;
  /** Scan problems already logged: each is logged, and warned about, once. */
  private readonly reported = new Set<string>();
  /** The persistent index cache, once opened (handlers/indexCache.ts). */
  private cache?: Promise<IndexCacheStore | undefined>;

  constructor(init: {
    service: SpecService;
    workspace: IWorkspace;
    documents: SpecDocuments;
    folders: WorkspaceFolders;
    /** Sends one publishDiagnostics notification. */
    send: (params: PublishDiagnosticsParams) => Promise<void>;
    log: Log;
    editDelayMs: number;
    /** True when the workspace's listing of a folder leaves a file out (see ServerRuntime.ignores). */
    ignores?: (uri: string, rootUri: string) => boolean;
    /** Shows the user a warning (window/showMessage). */
    showWarning?: (message: string) => void;
  }) {
    ({
      service: this.service,
      workspace: this.workspace,
      documents: this.documents,
      folders: this.folders,
      log: this.log,
    } = init);
    this.ignores = init.ignores ?? (() => false);
    this.showWarning = init.showWarning ?? (() => undefined);
    this.publisher = new DiagnosticsPublisher(init.send, init.service, uri => this.versionOf(uri), init.log);
    this.edits = new EditCoalescer(init.editDelayMs, () => this.commit());
  }

  /** The document version the core's view of `uri` reflects; undefined for closed files. */
  versionOf(uri: string): number | undefined {
    return this.applied.get(uri);
  }

  // ---- the editor ----------------------------------------------------------

  /**
   * Opens are coalesced with edits: documents opened together (an editor
   * restoring its tabs, a client opening every file) are applied in one batch,
   * one pass of cross-file checks for all of them, as for a scan. A request
   * sent after the open still sees it (`flushEdits`).
   */
  opened(doc: TextDocument): void {
    this.edits.schedule(doc.uri);
  }

  changed(doc: TextDocument): void {
    if (this.applied.get(doc.uri) === doc.version) return; // the change event that follows open
    this.edits.schedule(doc.uri);
  }

  /** The editor let go of a document: the file on disk (or its absence) counts again. */
  closed(uri: string): void {
    this.edits.cancel(uri);
    this.applied.delete(uri);
    this.service.closeDocument(uri);
    this.enqueue(`re-reading ${uri} after close`, async () => {
      // A file outside every folder (or excluded) was only known through the editor.
      const change = this.isRead(uri) ? await this.read(uri) : { uri, deleted: true as const };
      if (this.documents.get(uri)) return; // reopened meanwhile
      // Published again even when the disk holds the text the editor had: now without a version.
      this.commit(() => this.service.apply([change]).add(uri));
    });
  }

  /** Any other document opened or edited: a code or test file's text counts while it is open (the core tells which). */
  sourceChanged(doc: TextDocument): void {
    if (this.applied.get(doc.uri) === doc.version) return;
    this.edits.schedule(doc.uri);
  }

  /** The editor let go of a document that is not a spec file: a code or test file is read from disk again. */
  sourceClosed(uri: string): void {
    this.edits.cancel(uri);
    const held = this.applied.delete(uri);
    this.service.closeSourceDocument(uri);
    if (!held) return;
    this.enqueue(`re-reading ${uri} after close`, async () => {
      const affected = this.isRead(uri) ? await this.service.readTrace([uri]) : new Set<string>();
      if (this.documents.source(uri)) return; // reopened meanwhile
      this.commit(() => affected.add(uri));
    });
  }

  // ---- the disk ------------------------------------------------------------

  /**
   * Files changed on disk (created, changed or deleted: the disk is read
   * either way and says which). Configs of workspace folders are reloaded,
   * with the team schemas they name (a change to such a schema file reloads
   * its folder's config), and review stamps files (`specwright.reviews`,
   * whose editor buffer, when open, comes first); spec files in open
   * documents are left alone.
   */
  diskChanged(uris: readonly string[]): void {
    // A checkout switch sends thousands of events, sometimes one notification
    // each: they are gathered while they keep coming (diskDelayMs apart, or
    // diskBurstDelayMs once there are several, for at most diskMaxWaitMs)
    // and applied as one batch, so the index settles
    // once and each file is published once. A batch is taken when its turn in
    // the queue comes: events that arrive while one is read join the next one.
    for (const uri of uris) this.diskPending.add(uri);
    this.diskTimer.schedule(this.diskPending.size > 1 ? diskBurstDelayMs : diskDelayMs);
  }

  /** The file events have stopped coming (or waited long enough): queue them as one batch. */
  private diskQuiet(): void {
    if (this.diskQueued) return;
    this.diskQueued = true;
    this.enqueue('applying file changes', async () => {
      this.diskQueued = false;
      const batch = [...this.diskPending];
      this.diskPending.clear();
      await this.applyDiskChanges(batch);
    });
  }

  private async applyDiskChanges(uris: readonly string[]): Promise<void> {
    const roots = new Set<string>();
    const changes = new Map<string, FileChange>();
    const others: string[] = [];
    const stamps = new Map<string, string>(); // root → its specwright.reviews
    const traceEvents: string[] = []; // code, test and results files (read on their own, after the configs)
    for (const uri of new Set(uris)) {
      const stampsRoot = this.folders.list().find(r => joinUri(r, reviewsFileName) === uri);
      if (stampsRoot !== undefined) {
        stamps.set(stampsRoot, uri);
        continue;
      }
      const root = this.folders.rootOfConfig(uri);
      if (root !== undefined) roots.add(root);
      for (const r of this.service.rootsReading(uri)) if (this.folders.list().includes(r)) roots.add(r);
      if (root === undefined && fileKind(uri) && this.isRead(uri)) changes.set(uri, await this.read(uri));
      else if (root === undefined && !fileKind(uri)) {
        // A code, test or results file is read on its own; anything else may be a folder.
        if (this.service.traceRoleOf(uri) || this.service.traces.knows(uri)) traceEvents.push(uri);
        else others.push(uri);
      }
    }
    // A folder deleted takes its trace files with it (their events do not come).
    for (const uri of this.service.traces.files())
      if (others.some(f => isUnder(uri, f))) traceEvents.push(uri);
    // A folder deleted, renamed or moved (`rm -r`, `git mv`, a checkout) is
    // one event for the folder, none for the files in it: every known file
    // under it is read again (and found gone), every spec file now under it
    // is read.
    for (const uri of await this.filesUnderFolders(others)) {
      if (!changes.has(uri) && this.isRead(uri)) changes.set(uri, await this.read(uri));
    }
    const configs: PreparedConfig[] = [];
    for (const root of roots)
      configs.push(
        await this.service.prepareConfig(root, await this.readText(joinUri(root, configFileName))),
      );
    // Configs first (files are checked against their team schemas). A large
    // batch of files is applied in chunks, yielding between them (requests
    // are answered meanwhile); everything is published once, at the end.
    const affected = new Set<string>();
    for (const prepared of configs)
      for (const u of this.service.setConfig(prepared.rootUri, prepared)) affected.add(u);
    for (const u of await this.applyInChunks([...changes.values()])) affected.add(u);
    // Trace files: those of roots whose `trace:` globs changed are listed again;
    // any other one an event names is read again on its own (the globs say which).
    for (const u of await this.service.refreshTrace()) affected.add(u);
    const traced = traceEvents.filter(uri => this.isRead(uri));
    for (const u of await this.service.readTrace(traced)) affected.add(u);
    // Review stamps (a checkout, `specwright review` in a terminal, a quick fix's
    // edit in the editor's buffer): the buffer wins over the disk; a deleted file
    // means the folder keeps no stamps.
    for (const [root, uri] of stamps) {
      const content = this.documents.reviewsText(uri) ?? (await this.workspace.readFile(uri));
      for (const u of this.service.setReviews(root, content)) affected.add(u);
    }
    this.commitRead(new Set([...changes.keys(), ...stamps.values(), ...traced]), () => affected);
  }

  /**
   * The spec files the core knows under any of `folders`, and those the disk
   * now holds there (a listing of a URI that is no folder is empty).
   */
  private async filesUnderFolders(folders: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const inRoots = folders.filter(f => this.folders.list().some(r => isUnder(f, r)) && this.isRead(f));
    if (!inRoots.length) return found;
    const prefixes = new Set(inRoots.map(f => f.replace(/\/+$/, '')));
    for (const known of this.service.uris()) {
      for (let i = known.lastIndexOf('/'); i > 0; i = known.lastIndexOf('/', i - 1)) {
        if (prefixes.has(known.slice(0, i))) {
          found.add(known);
          break;
        }
      }
    }
    for (const folder of prefixes)
      for (const uri of await this.workspace.listSpecFiles(folder)) found.add(uri);
    return found;
  }

  /**
   * Read every spec file and config under the folders and publish them all.
   * Also forgets the closed files under them that the listing now leaves out
   * (after `specwright.exclude` changed).
   */
  scan(roots: readonly string[]): void {
    if (!roots.length) return;
    this.enqueue('scanning the workspace', async () => {
      // The scan never reads a document the core holds open; one opened while
      // it ran is pending and is applied first by this commit (a text equal to
      // what the scan read costs nothing more).
      const started = Date.now();
      const cache = await this.cache;
      this.service.useRecordCache(cache);
      const before = cache ? { hits: cache.hits, lookups: cache.lookups } : undefined;
      const inputs = await this.service.readInputs(roots);
      await cache?.loaded;
      // Inputs read as a scan stored them: its findings are these, shown now; the index is built behind them
      // and only what differs (a document opened meanwhile) is sent again.
      const stored = inputs.key !== undefined ? cache?.snapshot(inputs.key) : undefined;
      const known = stored && decodeSnapshot(stored);
      if (known) {
        const files = new Map<string, readonly Diagnostic[]>(inputs.changes.map(c => [c.uri, []]));
        for (const [uri, diagnostics] of known) files.set(uri, diagnostics);
        await this.publisher.publishKnown(files);
        this.log.info(
          `cache: nothing changed since the findings of ${formatNumber(files.size)} files were stored; they are shown while the index is built`,
        );
      }
      const affected = await this.service.analyse(inputs);
      // The findings of these inputs, for the next start (the same bytes when they came from the cache).
      let snapshot: StoredSnapshot | undefined;
      if (inputs.key !== undefined) {
        const bytes = known ? stored : encodeSnapshot(findingsOf(this.service));
        if (bytes) snapshot = { key: inputs.key, bytes };
      }
      this.scanned = true;
      this.commit(
        () => affected,
        () => this.stampsInEditor(roots),
        () => this.forgetIgnored(roots),
      );
      this.reportScanProblems(roots);
      // A healthy start says what it found (the output channel's first lines).
      const index = this.service.index;
      this.log.info(
        `indexed ${formatNumber(index.files.size)} files, ${formatNumber(index.itemCount)} items in ${formatNumber(Date.now() - started)} ms`,
      );
      // Binary, huge or unreadable files that trace: names are not read: counted here, never a crash (as `check` notes).
      const skipped = this.service.traces.skipped();
      if (skipped.length)
        this.log.info(
          `skipped ${formatNumber(skipped.length)} ${skipped.length === 1 ? 'file' : 'files'} that trace: names: ${skipped
            .slice(0, 5)
            .map(f => `${f.uri} (${f.reason})`)
            .join('; ')}${skipped.length > 5 ? '; …' : ''}`,
        );
      if (cache && before)
        this.saveCache(cache, cache.hits - before.hits, cache.lookups - before.lookups, snapshot);
    });
  }

  /**
   * Use a persistent index cache from the next scan on: files it holds are
   * not parsed, and it is written again after each scan (from the disk
   * queue, after the scan's diagnostics are published).
   */
  useCache(cache: Promise<IndexCacheStore | undefined>): void {
    this.cache = cache;
  }

  private saveCache(cache: IndexCacheStore, hits: number, lookups: number, snapshot?: StoredSnapshot): void {
    this.enqueue('writing the index cache', async () => {
      // Encoded 100 files at a time, yielding between chunks: requests and edits are answered meanwhile.
      const uris = this.service.cacheableUris();
      const files = [];
      for (let i = 0; i < uris.length; i += chunkFiles) {
        for (const f of this.service.cacheRecords(uris.slice(i, i + chunkFiles))) files.push(f);
        await yieldToEventLoop();
      }
      const saved = await cache.save(files, snapshot);
      this.log.info(
        `cache: ${formatNumber(hits)} of ${formatNumber(lookups)} files from the cache${saved ? '' : ' (not written)'}`,
      );
    });
  }

  /**
   * What the scan could not read, and folders without a spec file, are
   * logged, one line each, once; what could not be read is also shown as one
   * warning, so that specs missing from the views and diagnostics are not a
   * silent surprise. (A folder without specs is only logged: in a
   * multi-root workspace, a folder of other files is normal.)
   */
  private reportScanProblems(roots: readonly string[]): void {
    const unreadable: string[] = [];
    const empty: string[] = [];
    for (const root of roots) {
      const problems = this.workspace.readProblems?.(root) ?? [];
      for (const p of problems) unreadable.push(`cannot read ${shownPath(p.uri)}: ${p.reason}`);
      const rootUnread = problems.some(p => p.uri === root.replace(/\/+$/, ''));
      if (!rootUnread && !this.service.uris().some(u => fileKind(u) && isUnder(u, root)))
        empty.push(`no spec files in ${shownPath(root)}`);
    }
    const fresh = (lines: string[]): string[] => {
      const out = lines.filter(l => !this.reported.has(l));
      for (const l of out) this.reported.add(l);
      return out;
    };
    const newUnreadable = fresh(unreadable);
    for (const line of [...newUnreadable, ...fresh(empty)]) this.log.warn(line);
    if (newUnreadable.length) {
      const more =
        newUnreadable.length > 1 ? ` and ${newUnreadable.length - 1} more (see the Specwright output)` : '';
      this.showWarning(`Specwright: ${newUnreadable[0]}${more}. Specs there are not checked.`);
    }
  }

  /** Set the rule severities of the editor's settings and republish every file. */
  setSettingsRules(rules: SpecwrightSettings['rules']): void {
    this.commit(() => this.service.setSettingsRules(rules));
  }

  /**
   * Apply every pending edit now, so that a request sees the text the client
   * sent before it (the client sends didChange, then the request). Pending
   * edits of other documents go in too: cross-file answers see them as well.
   */
  flushEdits(): void {
    if (this.edits.hasPending()) this.commit();
  }

  /** Forget folders: their configs, and their files that no remaining folder or open editor holds. */
  removeRoots(roots: readonly string[]): void {
    if (!roots.length) return;
    this.enqueue('removing workspace folders', async () => {
      this.commit(() => {
        const affected = new Set<string>();
        for (const root of roots) for (const u of this.service.setConfig(root, undefined)) affected.add(u);
        const gone: FileChange[] = this.service
          .uris()
          .filter(
            u =>
              fileKind(u) &&
              roots.some(r => isUnder(u, r)) &&
              !this.folders.contains(u) &&
              !this.documents.get(u),
          )
          .map(uri => ({ uri, deleted: true }));
        for (const u of this.service.apply(gone)) affected.add(u);
        return affected;
      });
      // Their code, test and results files go with their configurations.
      const traced = await this.service.refreshTrace();
      this.commit(() => traced);
    });
  }

  /**
   * Listen to every commit (after its diagnostics are published), e.g. to
   * refresh views. Listeners must not throw; a failure is logged.
   */
  onDidCommit(listener: (affected: ReadonlySet<string>) => void): void {
    this.committed.push(listener);
  }

  /** Stop timers and ignore whatever still arrives (after `shutdown`). */
  dispose(): void {
    this.disposed = true;
    this.edits.dispose();
    this.diskTimer.cancel();
    this.diskPending.clear();
  }

  // ---- internals -----------------------------------------------------------

  private commit(...steps: Array<() => Iterable<string>>): void {
    this.commitRead(new Set(), ...steps);
  }

  /**
   * A commit after files were read again from disk: those whose content
   * changed are published even when their findings are the same (the
   * client sees the change was read; unchanged files re-checked because of
   * them are not sent again).
   */
  private commitRead(read: ReadonlySet<string>, ...steps: Array<() => Iterable<string>>): void {
    if (this.disposed) return;
    const affected = new Set<string>();
    try {
      for (const u of this.applyPendingEdits()) affected.add(u);
      for (const step of steps) for (const u of step()) affected.add(u);
    } catch (err) {
      // The core does not throw by design; if it ever does, publish what is known and keep serving.
      this.log.error(`applying a change failed: ${describeError(err)}`);
    }
    this.publisher.publish(affected, read);
    if (!affected.size) return;
    for (const listener of this.committed) {
      try {
        listener(affected);
      } catch (err) {
        this.log.error(`a commit listener failed: ${describeError(err)}`);
      }
    }
  }

  private applyPendingEdits(): Set<string> {
    const changes: EditorText[] = [];
    const sources: EditorText[] = [];
    const opened: string[] = [];
    for (const uri of this.edits.takeAll()) {
      const doc = this.documents.get(uri);
      const source = doc ? undefined : this.documents.source(uri);
      if (source && this.isRead(uri)) {
        this.applied.set(uri, source.version);
        sources.push({ uri, text: source.getText(), version: source.version });
      }
      if (!doc) continue;
      if (!this.applied.has(uri)) opened.push(uri);
      this.applied.set(uri, doc.version);
      changes.push({ uri, text: doc.getText(), version: doc.version });
    }
    const affected = changes.length ? this.service.openDocuments(changes) : new Set<string>();
    if (sources.length) for (const u of this.service.openSourceDocuments(sources)) affected.add(u);
    if (opened.length) this.warmTrees(opened);
    return affected;
  }

  /** Build the syntax trees of just-opened documents, one per turn of the event loop (requests go first). */
  private warmTrees(uris: string[]): void {
    const next = (): void => {
      const uri = uris.shift();
      if (uri === undefined || this.disposed || this.documents.all().length > warmTreeLimit) return;
      try {
        if (this.documents.get(uri)) this.service.tree(uri);
      } catch (err) {
        this.log.error(`building the syntax tree of ${uri} failed: ${describeError(err)}`);
      }
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** True when the disk counts for `uri`: it lies under a folder whose listing does not leave it out. */
  private isRead(uri: string): boolean {
    const roots = this.folders.list().filter(r => isUnder(uri, r));
    return roots.some(r => !this.ignores(uri, r));
  }

  /**
   * The scan reads each folder's review stamps from disk; where the editor
   * holds its `specwright.reviews` (a quick fix's stamps, not yet saved), the
   * buffer wins, as it does for spec files and for the file's own events.
   */
  private stampsInEditor(roots: readonly string[]): Set<string> {
    const affected = new Set<string>();
    for (const root of roots) {
      const text = this.documents.reviewsText(joinUri(root, reviewsFileName));
      if (text !== undefined) for (const u of this.service.setReviews(root, text)) affected.add(u);
    }
    return affected;
  }

  private forgetIgnored(roots: readonly string[]): Set<string> {
    const gone: FileChange[] = this.service
      .uris()
      .filter(u => fileKind(u) && roots.some(r => isUnder(u, r)) && !this.documents.get(u) && !this.isRead(u))
      .map(uri => ({ uri, deleted: true }));
    return gone.length ? this.service.apply(gone) : new Set();
  }

  /**
   * Apply changes of closed files (open documents are skipped: the editor
   * wins) chunkFiles at a time, yielding to the event loop between chunks.
   * Returns what the core reports as affected; nothing is published here.
   */
  private async applyInChunks(changes: readonly FileChange[]): Promise<Set<string>> {
    const affected = new Set<string>();
    for (let i = 0; i < changes.length; i += chunkFiles) {
      if (i > 0) await yieldToEventLoop();
      if (this.disposed) break;
      const chunk = changes.slice(i, i + chunkFiles).filter(c => !this.documents.get(c.uri));
      try {
        for (const u of this.service.apply(chunk)) affected.add(u);
      } catch (err) {
        this.log.error(`applying file changes failed: ${describeError(err)}`);
      }
    }
    return affected;
  }

  private async read(uri: string): Promise<FileChange> {
    const bytes = await this.workspace.readFile(uri);
    return bytes ? { uri, bytes } : { uri, deleted: true };
  }

  private async readText(uri: string): Promise<string | undefined> {
    const bytes = await this.workspace.readFile(uri);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }

  private enqueue(what: string, task: () => void | Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.disposed ? undefined : task()))
      .catch(err => this.log.error(`${what} failed: ${describeError(err)}`));
  }
}
