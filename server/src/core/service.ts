import { GraphReader } from './checks/check';
import { CheckReaders } from './checks/readers';
import { coverageFindings } from './checks/coverageThreshold';
import { crossChecks } from './checks/registry';
import {
  configFileName,
  parseConfig,
  type RuleSetting,
  type TicketTemplate,
  type TraceConfig,
} from './config';
import { ConfigStore, fingerprint, type PreparedConfig } from './configStore';
import { diffFacts, noFactChanges, type FactChanges } from './factDiff';
import { cyclesMayChange, findCycles, idsOnCycles } from './graph/cycles';
import { WorkspaceIndex } from './graph/workspaceIndex';
import { analyzeFile, internalError, syntaxTree, type AnalyzedFile } from './parse/analyzeFile';
import { decodeRecord, encodeRecord } from './cache/fileRecord';
import type { CachedFile, RecordCache } from './cache/recordCache';
import { fileKind } from './parse/fileKind';
import type { ParsedYaml } from './parse/parseDocument';
import type { JsonSchema } from './schema/schemas';
import { applySuppressions, type SuppressedDiagnostic } from './suppress/apply';
import { readDirectives, type Directive } from './suppress/directives';
import { contentKey } from './text/contentKey';
import type { ContentPrint } from './reviews/fingerprint';
import { reviewableLinks, type ReviewableLink } from './reviews/reviewedLinks';
import { ReviewStore } from './reviews/reviewStore';
import { reviewsFileName, type ParsedStamps } from './reviews/stamps';
import type { Diagnostic, DocKind, FileIndex, Finding, Item } from './types';
import { TraceStore, type TraceFileChange } from './refs/traceStore';
import { TraceRoles } from './refs/traceRoles';
import {
  filesOfIds,
  itemTraceFindings,
  readTraceFiles,
  scanTraceFiles,
  traceFileFindings,
} from './refs/traceService';
import { isUnder, joinUri, type IWorkspace, type TraceRole } from './workspace';
import type { WorkspaceView } from './workspaceView';

export type { SuppressedDiagnostic } from './suppress/apply';
export type { PreparedConfig } from './configStore';

/** An open document's text as the editor has it. */
export interface EditorText {
  uri: string;
  text: string;
  version?: number;
}

/**
 * One file's new state: its text or bytes (with their persistent cache key,
 * when the reader computed it already), or that it is gone.
 */
export type FileChange =
  EditorText | { uri: string; bytes: Uint8Array; cacheKey?: string } | { uri: string; deleted: true };

/** Everything a scan read, before any of it is analysed (`readInputs`, then `analyse`). */
export interface ScanInputs {
  /** The spec files read, in listing order. */
  readonly changes: readonly FileChange[];
  /**
   * The key of every input the findings depend on, when the service reads
   * through a persistent cache and the scan starts from an empty index
   * (cache/findingsSnapshot.ts); undefined otherwise.
   */
  readonly key?: string;
  /** URIs whose diagnostics may have changed so far (configurations, review stamps, code and tests). */
  readonly affected: Set<string>;
}

/**
 * An open document's text, and its syntax tree once a feature has asked for
 * it: opening every file of a large workspace builds no tree until one is used.
 */
interface OpenDocument {
  version?: number;
  text: string;
  parsed?: ParsedYaml;
}

/** Files read and parsed between two yields of the scan. */
const scanChunk = 100;

/**
 * The workspace model. Holds the index of every spec file, syntax trees of
 * open documents only, and findings by file. Every change goes through
 * `apply`, which re-parses the changed files only (a file whose content is
 * what the index already holds is not read again) and re-runs cross-file
 * checks only in files that read a definition or the links of an ID that
 * changed; the result is always what a full rebuild would give (tested with
 * random edit sequences).
 */
export class SpecService implements WorkspaceView {
  readonly index = new WorkspaceIndex();
  private readonly trees = new Map<string, OpenDocument>();
  private readonly open = new Set<string>();
  /**
   * The content key (text/contentKey.ts) of what each indexed file was
   * analysed from, under its current team schema (dropped when that changes).
   */
  private readonly keys = new Map<string, string>();
  private readonly cross = new Map<string, Finding[]>();
  private readonly readers = new CheckReaders();
  private cycles = new Map<string, Finding[]>();
  /** The IDs on a depends_on cycle, as `cycles` reports them. */
  private onCycle = new Set<string>();
  private readonly configs: ConfigStore;
  /** Suppression comments of each spec file (read when it is parsed). */
  private readonly directives = new Map<string, Directive[]>();
  /** coverage-threshold findings by URI (config files and roadmaps), recomputed when item facts change. */
  private coverage = new Map<string, Finding[]>();
  /** The review stamps of each root that has a `specwright.reviews` file. */
  private readonly reviews = new ReviewStore();

  /** References from code and tests, and test results (format 1.1; refs/). */
  readonly traces = new TraceStore();
  private readonly roles: TraceRoles;
  /** Documents open in the editor that are not spec files: for code and test files, their text counts, not the disk's. */
  private readonly openSources = new Map<string, EditorText>();
  /** Roots whose `trace:` globs changed since their trace files were last listed. */
  private readonly staleTrace = new Set<string>();

  /** The persistent cache of analyses, when the host keeps one (useRecordCache). */
  private recordCache?: RecordCache;
  /** The cache key of the bytes each file's index was analysed from (none: from an editor's text). */
  private readonly recordKeys = new Map<string, string>();
  /** The record bytes of files whose index came from the cache, stored again as they are. */
  private readonly cachedRecords = new Map<string, Uint8Array>();

  constructor(private readonly workspace?: IWorkspace) {
    this.configs = new ConfigStore(workspace);
    this.roles = new TraceRoles(workspace);
  }

  /** Apply changed code, test or results files (each read again on its own); returns the URIs whose findings may have changed. */
  applyTrace(changes: readonly TraceFileChange[]): Set<string> {
    const affected = filesOfIds(this.index, this.traces.set(changes));
    for (const c of changes) affected.add(c.uri);
    for (const uri of this.refreshCoverage()) affected.add(uri);
    return affected;
  }

  // ---- the persistent cache --------------------------------------------------

  /**
   * Read closed files through a persistent cache from now on: a file whose
   * bytes (under its team schema) have a record there is not parsed, its
   * record is decoded into the index. Open documents are always analysed
   * from their text.
   */
  useRecordCache(cache: RecordCache | undefined): void {
    this.recordCache = cache;
  }

  /**
   * Every file whose index was analysed from bytes (or those of `uris`), as records for the
   * host to store (after a scan, never on the typing path). A file whose
   * analysis cannot be encoded exactly is left out, and so analysed again.
   */
  cacheRecords(uris: Iterable<string> = this.cacheableUris()): CachedFile[] {
    const out: CachedFile[] = [];
    for (const uri of uris) {
      const key = this.recordKeys.get(uri);
      const index = this.index.files.get(uri);
      if (key === undefined || !index) continue;
      let record = this.cachedRecords.get(uri);
      this.cachedRecords.delete(uri);
      if (!record) {
        try {
          record = encodeRecord({ index, directives: this.directives.get(uri) ?? [] });
        } catch {
          continue; // NotEncodable (a lone surrogate, ...): analysed again next time
        }
      }
      out.push({ uri, key, record });
    }
    return out;
  }

  /** The files `cacheRecords` would store: for a host that encodes them a chunk at a time. */
  cacheableUris(): string[] {
    return [...this.recordKeys.keys()];
  }

  /** A closed file's analysis from the cache, or undefined (a miss, or a record that does not decode). */
  private fromCache(uri: string, kind: DocKind, key: string): AnalyzedFile | undefined {
    const bytes = this.recordCache?.get(uri, key);
    if (!bytes) return undefined;
    try {
      const record = decodeRecord(bytes);
      if (record.index.uri !== uri || record.index.kind !== kind) return undefined;
      this.directives.set(uri, record.directives);
      this.cachedRecords.set(uri, bytes);
      return { index: record.index };
    } catch {
      return undefined; // BadRecord: analysed as if there were no cache
    }
  }

  /** Which `trace:` glob kind of its root's configuration matches a file, if any. */
  traceRoleOf(uri: string): TraceRole | undefined {
    const root = this.configs.rootOf(uri);
    return root === undefined
      ? undefined
      : this.roles.roleOf(uri, root, this.configs.get(root)?.config.trace);
  }

  /**
   * The editor's text of documents that are not spec files, just opened or
   * edited: those the `code` and `tests` globs match are read from it (the
   * buffer wins over the disk while they stay open); others are only remembered.
   */
  openSourceDocuments(docs: readonly EditorText[]): Set<string> {
    const changes: TraceFileChange[] = [];
    for (const d of docs) {
      this.openSources.set(d.uri, d);
      const role = this.traceRoleOf(d.uri);
      if (role === 'code' || role === 'tests') changes.push({ uri: d.uri, role, text: d.text });
    }
    return changes.length ? this.applyTrace(changes) : new Set();
  }

  /** The editor's text of an open document that is not a spec file. */
  sourceText(uri: string): string | undefined {
    return this.openSources.get(uri)?.text;
  }

  /** The editor let go of a source document: the disk counts again (`readTrace` it). */
  closeSourceDocument(uri: string): void {
    this.openSources.delete(uri);
  }

  /** True while the editor's text of a code or test file counts instead of the disk's. */
  private holdsSource(uri: string, role = this.traceRoleOf(uri)): boolean {
    return this.openSources.has(uri) && role !== 'results';
  }

  /**
   * Read trace files again, each on its own (watched-file events); open code
   * and test files are left to the editor. Returns the URIs whose findings may have changed.
   */
  async readTrace(uris: readonly string[]): Promise<Set<string>> {
    if (!this.workspace) return new Set();
    const read = uris.filter(u => !this.holdsSource(u));
    const ids = await readTraceFiles(this.workspace, read, u => this.traceRoleOf(u), this.traces);
    const affected = filesOfIds(this.index, ids);
    for (const u of read) affected.add(u);
    for (const uri of this.refreshCoverage()) affected.add(uri);
    return affected;
  }

  /**
   * List and read the trace files of roots again (by default those whose
   * `trace:` globs changed since); open code and test files are read from
   * the editor's text. Returns the URIs whose findings may have changed.
   */
  async refreshTrace(roots: readonly string[] = [...this.staleTrace]): Promise<Set<string>> {
    // Nothing to list again (every watched-file batch asks): republishing every trace file would cost a
    // repository of 10,000 source files a second per edit.
    if (!roots.length) return new Set();
    const affected = new Set<string>(this.traces.files());
    for (const root of roots) {
      this.staleTrace.delete(root);
      if (!this.workspace) continue;
      const ids = await scanTraceFiles(
        this.workspace,
        root,
        this.configs.get(root)?.config.trace,
        this.traces,
        // A root whose configuration is gone is no file's root any more: what lies under it goes too.
        u => {
          const r = this.configs.rootOf(u);
          return r === root || (r === undefined && isUnder(u, root));
        },
        (u, role) => this.holdsSource(u, role),
      );
      for (const uri of filesOfIds(this.index, ids)) affected.add(uri);
    }
    const open = [...this.openSources.values()].filter(d => {
      const root = this.configs.rootOf(d.uri);
      return root !== undefined && roots.includes(root);
    });
    for (const uri of this.openSourceDocuments(open)) affected.add(uri);
    for (const uri of this.traces.files()) affected.add(uri);
    for (const uri of this.refreshCoverage()) affected.add(uri);
    return affected;
  }

  /** The `trace:` globs of each root that sets any, by root, for watching and serving the files. */
  traceGlobs(): { rootUri: string; trace: TraceConfig }[] {
    const out: { rootUri: string; trace: TraceConfig }[] = [];
    for (const [rootUri, c] of this.configs.entries()) {
      const t = c.config.trace;
      if (t && t.code.length + t.tests.length + t.results.length) out.push({ rootUri, trace: t });
    }
    return out.sort((a, b) => (a.rootUri < b.rootUri ? -1 : a.rootUri > b.rootUri ? 1 : 0));
  }

  // ---- changes -------------------------------------------------------------

  /**
   * Apply a batch of file changes. Returns the URIs whose diagnostics may
   * have changed (including deleted files, which now have none).
   */
  apply(changes: readonly FileChange[]): Set<string> {
    const batch = this.newBatch();
    this.stage(changes, batch);
    return this.settle(batch);
  }

  private newBatch(): Batch {
    return { ...noFactChanges(), affected: new Set(), republish: new Set() };
  }

  /** Parse and index changed files; cross-file work waits for `settle`. */
  private stage(changes: readonly FileChange[], batch: Batch): void {
    const { affected } = batch;
    // In URI order (stable, so changes to one URI keep their order): the index
    // keeps its lists in URI order, and appending is cheaper than inserting.
    const ordered = [...changes].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    for (const change of ordered) {
      const kind = fileKind(change.uri);
      if (!kind) continue;
      const old = this.index.files.get(change.uri);
      let next: FileIndex | undefined;
      if (!('deleted' in change)) {
        const content = 'text' in change ? change.text : change.bytes;
        const key = contentKey(content);
        if (key !== undefined && key === this.keys.get(change.uri)) {
          // What the index holds already (a document opened after the scan read
          // it): facts, findings and what other files see stay as they are.
          if ('text' in change) this.keepSameText(change, batch);
          continue;
        }
        // A document being worked on (a feature asked for its tree) is read with
        // yaml's CST, which it keeps; any other file by quickParse when it can be.
        const working = this.open.has(change.uri) && this.trees.get(change.uri)?.parsed !== undefined;
        const team = this.configs.extensionFor(change.uri, kind);
        this.cachedRecords.delete(change.uri);
        // The cache holds analyses of bytes; an open document is analysed from its buffer.
        const recordKey =
          this.recordCache && 'bytes' in change
            ? (change.cacheKey ?? this.recordCache.keyOf(change.bytes, fingerprint(team)))
            : undefined;
        const cached =
          recordKey !== undefined && !this.open.has(change.uri)
            ? this.fromCache(change.uri, kind, recordKey)
            : undefined;
        const analyzed = cached ?? analyzeFile(change.uri, kind, content, { tree: working, team });
        if (recordKey !== undefined) this.recordKeys.set(change.uri, recordKey);
        else this.recordKeys.delete(change.uri);
        next = analyzed.index;
        const parsed = analyzed.parsed;
        if (!cached) this.directives.set(change.uri, parsed ? directivesOf(parsed) : []);
        if (key !== undefined) this.keys.set(change.uri, key);
        else this.keys.delete(change.uri);
        const text = 'text' in change ? change.text : parsed?.text;
        if (this.open.has(change.uri) && text !== undefined) {
          // A document being worked on (its previous tree was asked for) keeps the tree just built; others build one when asked.
          this.trees.set(change.uri, {
            version: 'version' in change ? change.version : undefined,
            text,
            parsed: this.trees.get(change.uri)?.parsed && parsed,
          });
        }
      } else {
        this.trees.delete(change.uri);
        this.directives.delete(change.uri);
        this.keys.delete(change.uri);
        this.recordKeys.delete(change.uri);
        this.cachedRecords.delete(change.uri);
      }
      diffFacts(old, next, batch, { contents: this.reviews.size > 0 });
      this.index.set(change.uri, next);
      affected.add(change.uri);
    }
  }

  /**
   * An open document whose content the index already holds. Nothing to
   * analyse: it is published again if its version changed (a just-opened
   * document carries its first version), and its tree is built when asked for.
   */
  private keepSameText(change: EditorText, batch: Batch): void {
    if (!this.open.has(change.uri)) return;
    const before = this.trees.get(change.uri);
    if (before?.text === change.text && before.version === change.version) return;
    this.trees.set(change.uri, {
      version: change.version,
      text: change.text,
      parsed: before?.text === change.text ? before.parsed : undefined,
    });
    batch.republish.add(change.uri);
  }

  /**
   * Re-run cross-file checks in the changed files and in the files that read
   * a changed definition or changed links, cycles when a changed edge can
   * change one, and coverage. Returns the URIs whose diagnostics may have changed.
   */
  private settle(batch: Batch): Set<string> {
    const { affected } = batch;
    this.readers.collect(batch.definitions, batch.links, affected, batch.idSet);
    for (const uri of affected) this.recheck(uri);

    if (batch.edges.size && cyclesMayChange(this.index, batch.edges, this.onCycle)) {
      const next = findCycles(this.index);
      for (const uri of new Set([...this.cycles.keys(), ...next.keys()])) {
        if (JSON.stringify(this.cycles.get(uri)) !== JSON.stringify(next.get(uri))) affected.add(uri);
      }
      this.cycles = next;
      this.onCycle = idsOnCycles(next);
    }
    if (batch.definitions.size || batch.links.size)
      for (const uri of this.refreshCoverage()) affected.add(uri);
    for (const uri of batch.republish) affected.add(uri);
    if (!this.traces.isEmpty()) {
      for (const uri of this.traces.filesNaming(batch.definitions)) affected.add(uri);
      if (batch.idSet)
        for (const uri of this.traces.filesNamingUnknown(id => this.index.definitions(id).length > 0))
          affected.add(uri);
      for (const uri of filesOfIds(this.index, batch.links)) affected.add(uri);
    }
    // Review findings are computed when asked for; the files whose links point at changed content may show others now.
    for (const id of batch.contents) for (const l of this.index.incoming(id)) affected.add(l.uri);
    return affected;
  }

  /** Mark a document open: the editor's text counts, and its syntax tree is available while it stays open. */
  openDocument(uri: string, text: string, version?: number): Set<string> {
    return this.openDocuments([{ uri, text, version }]);
  }

  /**
   * The editor's text of documents just opened or edited, in one batch: N
   * documents opened at once cost one pass, like a scan, and one whose text
   * the index already holds costs no analysis at all.
   */
  openDocuments(docs: readonly EditorText[]): Set<string> {
    for (const d of docs) this.open.add(d.uri);
    return this.apply(docs);
  }

  /** Forget a document's syntax tree; its index stays (and `apply` the disk text if it differs). */
  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.trees.delete(uri);
  }

  /** The editor's text of an open spec document. */
  openText(uri: string): string | undefined {
    return this.trees.get(uri)?.text;
  }

  /** The syntax tree of an open document, for features (built on first use). */
  tree(uri: string): { version?: number; parsed: ParsedYaml } | undefined {
    const doc = this.trees.get(uri);
    if (!doc || !fileKind(uri)) return undefined;
    try {
      doc.parsed ??= syntaxTree(doc.text);
    } catch {
      return undefined; // the parser does not throw by design; if it ever does, features answer nothing for this file
    }
    return { version: doc.version, parsed: doc.parsed };
  }

  /**
   * Set (or with undefined, clear) the `.specwright.yaml` of a root folder.
   * Give it text, and team schemas it names are not read (each is reported
   * as unread); give it what `prepareConfig` read, and they are used. Files
   * whose team schema changes are checked again (open ones from the editor's
   * text, closed ones from what `prepareConfig` read).
   */
  setConfig(rootUri: string, config: string | PreparedConfig | undefined): Set<string> {
    const prepared: PreparedConfig =
      typeof config === 'object'
        ? config
        : {
            rootUri,
            entry: this.configs.entry(config === undefined ? undefined : parseConfig(config), new Map()),
            rereads: new Map(),
          };
    const under = [...this.index.files.values()].filter(f => isUnder(f.uri, rootUri));
    const before = new Map(under.map(f => [f.uri, fingerprint(this.configs.extensionFor(f.uri, f.kind))]));
    const traceBefore = JSON.stringify(this.configs.get(rootUri)?.config.trace);
    this.configs.set(rootUri, prepared.entry);
    if (JSON.stringify(this.configs.get(rootUri)?.config.trace) !== traceBefore) this.staleTrace.add(rootUri);
    const affected = new Set<string>([joinUri(rootUri, configFileName)]);
    for (const f of under) affected.add(f.uri);
    const again: FileChange[] = [];
    for (const f of under) {
      if (fingerprint(this.configs.extensionFor(f.uri, f.kind)) === before.get(f.uri)) continue;
      // Analysed under another schema: the same content must be analysed again (now, or when a scan reads it).
      this.keys.delete(f.uri);
      const doc = this.trees.get(f.uri);
      const bytes = prepared.rereads.get(f.uri);
      if (doc) again.push({ uri: f.uri, text: doc.text, version: doc.version });
      else if (bytes) again.push({ uri: f.uri, bytes });
    }
    if (again.length) for (const uri of this.apply(again)) affected.add(uri);
    for (const uri of this.refreshCoverage()) affected.add(uri);
    return affected;
  }

  /**
   * Read what a root's `.specwright.yaml` text names — its team schemas,
   * through the workspace, only in a trusted workspace — and the closed
   * files whose team schema would change. Changes nothing: pass the result
   * to `setConfig`. `reread: false` skips the files (a scan reads them all anyway).
   */
  async prepareConfig(
    rootUri: string,
    text: string | undefined,
    options: { reread?: boolean } = {},
  ): Promise<PreparedConfig> {
    const entry = await this.configs.read(rootUri, text === undefined ? undefined : parseConfig(text));
    const rereads = new Map<string, Uint8Array>();
    if (options.reread !== false && this.workspace) {
      const old = this.configs.get(rootUri)?.extensions;
      const changed = new Set<DocKind>();
      for (const kind of new Set([...(old?.keys() ?? []), ...(entry?.extensions.keys() ?? [])])) {
        if (fingerprint(old?.get(kind)) !== fingerprint(entry?.extensions.get(kind))) changed.add(kind);
      }
      for (const f of this.index.files.values()) {
        if (!changed.has(f.kind) || !isUnder(f.uri, rootUri) || this.open.has(f.uri)) continue;
        const bytes = await this.workspace.readFile(f.uri);
        if (bytes) rereads.set(f.uri, bytes);
      }
    }
    return { rootUri, entry, rereads };
  }

  /** `prepareConfig`, then `setConfig`. */
  async loadConfig(rootUri: string, text: string | undefined): Promise<Set<string>> {
    return this.setConfig(rootUri, await this.prepareConfig(rootUri, text));
  }

  /**
   * Set (or with undefined, clear) the review stamps of a root folder: the
   * content of its `specwright.reviews` (docs/format.md, "Review stamps").
   * Where a root has one, its files get suspect-link and unreviewed-link
   * findings; lines that are not stamps are findings in the stamps file.
   * Returns the URIs whose diagnostics may have changed.
   */
  setReviews(rootUri: string, content: string | Uint8Array | undefined): Set<string> {
    const affected = new Set<string>([joinUri(rootUri, reviewsFileName)]);
    if (!this.reviews.set(rootUri, content)) return affected;
    for (const f of this.index.files.keys()) if (isUnder(f, rootUri)) affected.add(f);
    return affected;
  }

  /** The roots that keep review stamps (a `specwright.reviews` file), in order. */
  reviewRoots(): string[] {
    return [...this.reviews.rootUris()].sort();
  }

  /** The review stamps of a root as read (undefined: it has no `specwright.reviews`). */
  reviewStamps(rootUri: string): ParsedStamps | undefined {
    return this.reviews.stamps(rootUri);
  }

  /** The root whose review stamps apply to a file: the innermost root with a `specwright.reviews` (undefined: none). */
  reviewsRootOf(uri: string): string | undefined {
    return this.reviews.rootOf(uri);
  }

  /** Every link held by an item under a root that takes a review, with the upstream item it is reviewed against. */
  reviewableLinks(rootUri: string): ReviewableLink[] {
    const items: Item[] = [];
    for (const [uri, file] of this.index.files)
      if (isUnder(uri, rootUri)) for (const i of file.items) items.push(i);
    return reviewableLinks(items, id => this.index.definitions(id));
  }

  /** An item's content print under the `reviews.content` of a root's configuration. */
  contentPrint(item: Item, rootUri: string): ContentPrint {
    const root = this.configs.rootOf(joinUri(rootUri, reviewsFileName));
    return this.reviews.contentPrint(item, this.configs.get(root ?? '')?.config.reviews?.content);
  }

  /** The `tickets:` templates of the configuration of a file's root (none: an empty list). */
  ticketTemplates(uri: string): readonly TicketTemplate[] {
    const root = this.configs.rootOf(uri);
    return (root !== undefined && this.configs.get(root)?.config.tickets) || [];
  }

  /**
   * Whether the workspace is trusted (the editor's workspace trust; the CLI
   * always is). Untrusted, team schemas named in `.specwright.yaml` are never
   * read: only the built-in schemas apply, and the config file says so (one
   * `untrusted-workspace` finding). Takes effect at the next `prepareConfig`
   * (the server rescans when it changes).
   */
  setTrusted(trusted: boolean): void {
    this.configs.trusted = trusted;
  }

  /** The root folders whose `.specwright.yaml` names the file at `uri` (a team schema), for file-change events. */
  rootsReading(uri: string): string[] {
    return this.configs.rootsReading(uri);
  }

  /** The team schema files the roots' configurations name, for watching them. */
  schemaFiles(): { rootUri: string; path: string }[] {
    return this.configs.schemaFiles();
  }

  /** The team schema that applies to a spec file, for hover and completion. */
  extensionSchema(uri: string): JsonSchema | undefined {
    const kind = fileKind(uri);
    return kind ? this.configs.extensionFor(uri, kind)?.schema : undefined;
  }

  /**
   * Set the rule severities of the editor's settings. A folder's
   * `.specwright.yaml` wins for the codes it names. Returns every URI (any
   * file's diagnostics may change).
   */
  setSettingsRules(rules: Readonly<Record<string, RuleSetting>>): Set<string> {
    this.configs.setSettingsRules(rules);
    return new Set(this.uris());
  }

  /**
   * Read every spec file and config under the roots through the injected
   * workspace and analyse them: `readInputs`, then `analyse`.
   */
  async scan(roots: readonly string[], options: { config?: string } = {}): Promise<Set<string>> {
    return this.analyse(await this.readInputs(roots, options));
  }

  /**
   * Read what a scan of the roots reads — each root's configuration (installed
   * now, with the team schemas it names) and review stamps, the code, test and
   * results files of its `trace:` (read into the trace store), the bytes of
   * every spec file (not analysed yet) — and the key of all of it.
   * `options.config` is a configuration to use instead of each root's
   * `.specwright.yaml` (the CLI's trusted `--config`): the root's own file,
   * and the team schemas it names, are then never read. The editor's text
   * wins over the disk: a document open in the service is not read.
   */
  async readInputs(roots: readonly string[], options: { config?: string } = {}): Promise<ScanInputs> {
    if (!this.workspace) throw new Error('scan needs a workspace');
    const ws = this.workspace;
    // Only a scan into an empty index is keyed: a later one also depends on what the index holds.
    const keyed = this.recordCache !== undefined && this.index.files.size === 0 && this.open.size === 0;
    const affected = new Set<string>();
    for (const root of roots) {
      const config = options.config ?? (await ws.readFile(joinUri(root, configFileName)));
      const text =
        config === undefined || typeof config === 'string' ? config : new TextDecoder().decode(config);
      // The scan reads every file next: no need to re-read those whose team schema changes.
      const prepared = await this.prepareConfig(root, text, { reread: false });
      for (const uri of this.setConfig(root, prepared)) affected.add(uri);
      for (const uri of this.setReviews(root, await ws.readFile(joinUri(root, reviewsFileName))))
        affected.add(uri);
    }
    const uris: string[] = [];
    for (const root of roots) uris.push(...(await ws.listSpecFiles(root)));
    // Read 100 files at a time, each chunk in parallel by the workspace's I/O.
    const changes: FileChange[] = [];
    for (let i = 0; i < uris.length; i += scanChunk) {
      const chunk = await Promise.all(
        uris.slice(i, i + scanChunk).map(async (uri): Promise<FileChange | undefined> => {
          if (this.open.has(uri)) return undefined;
          const bytes = await ws.readFile(uri);
          return bytes ? { uri, bytes } : undefined;
        }),
      );
      for (const c of chunk) if (c) changes.push(c);
    }
    for (const uri of await this.refreshTrace(roots)) affected.add(uri);
    return { changes, affected, key: keyed ? this.inputsKey(roots, changes) : undefined };
  }

  /**
   * Analyse what `readInputs` read (a document opened since is left to the
   * editor's text; a closed file whose record the cache holds is decoded, once
   * the cache is loaded), then run the cross-file checks once, not once per file.
   * Yields to the event loop every 50 ms, so a server answers requests during
   * a large scan. Returns the URIs whose diagnostics may have changed.
   */
  async analyse(inputs: ScanInputs): Promise<Set<string>> {
    await this.recordCache?.loaded;
    const batch = this.newBatch();
    let yielded = Date.now();
    for (let i = 0; i < inputs.changes.length; i += scanChunk) {
      if (Date.now() - yielded > 50) {
        await new Promise(resolve => setTimeout(resolve, 0));
        yielded = Date.now();
      }
      this.stage(
        inputs.changes.slice(i, i + scanChunk).filter(c => !this.open.has(c.uri)),
        batch,
      );
    }
    const affected = new Set(inputs.affected);
    for (const uri of this.settle(batch)) affected.add(uri);
    return affected;
  }

  /**
   * The key of every input of a scan into an empty index: the roots, the
   * configurations as installed (rules, problems, team schemas), the editor's
   * rule settings and trust, the review stamps, what the code, test and
   * results files hold, and each spec file's cache key (its bytes under its
   * team schema; computed here once, and reused when it is analysed). The
   * analyser version is the cache file's.
   */
  private inputsKey(roots: readonly string[], changes: FileChange[]): string {
    const cache = this.recordCache!;
    const lines: string[] = [JSON.stringify(roots), this.configs.inputsKey()];
    for (const root of this.reviews.rootUris()) lines.push(JSON.stringify([root, this.reviews.stamps(root)]));
    lines.push(this.traces.inputsKey());
    for (const c of changes) {
      if (!('bytes' in c)) continue;
      const kind = fileKind(c.uri);
      c.cacheKey = cache.keyOf(c.bytes, fingerprint(kind && this.configs.extensionFor(c.uri, kind)));
      lines.push(`${c.uri} ${c.cacheKey}`);
    }
    return cache.keyOf(new TextEncoder().encode(lines.join('\n')), 'scan inputs');
  }

  // ---- results -------------------------------------------------------------

  /**
   * A file's diagnostics with the workspace's severities applied, in source
   * order, without the findings that its suppression comments hide (see
   * `suppressed`), with the findings about those comments.
   */
  diagnostics(uri: string): Diagnostic[] {
    return this.evaluate(uri).shown;
  }

  /** The findings of a file that suppression comments hide, each with the comment's reason, in source order. */
  suppressed(uri: string): SuppressedDiagnostic[] {
    return this.evaluate(uri).suppressed;
  }

  /** `diagnostics` and `suppressed` of a file at once, for a caller that needs both (one evaluation, not two). */
  shownAndSuppressed(uri: string): { shown: Diagnostic[]; suppressed: SuppressedDiagnostic[] } {
    return this.evaluate(uri);
  }

  /** The `trace:` of the configuration that applies to a file, where it sets one. */
  traceConfigOf(uri: string): TraceConfig | undefined {
    return this.traceRootOf(uri)?.trace;
  }

  /** The folder whose configuration applies to a file, and its `trace:`, where it sets one. */
  traceRootOf(uri: string): { rootUri: string; trace: TraceConfig } | undefined {
    const rootUri = this.configs.rootOf(uri);
    const trace = rootUri === undefined ? undefined : this.configs.get(rootUri)?.config.trace;
    return rootUri !== undefined && trace ? { rootUri, trace } : undefined;
  }

  /** URIs that can have diagnostics: spec files and config files with findings. */
  uris(): string[] {
    const out = [...this.index.files.keys()];
    for (const [root, c] of this.configs.entries()) {
      const uri = joinUri(root, configFileName);
      if (c.problems.length || c.notices.length || this.coverage.get(uri)?.length) out.push(uri);
    }
    for (const root of this.reviews.rootUris())
      if (this.reviews.stamps(root)?.problems.length) out.push(joinUri(root, reviewsFileName));
    for (const uri of this.traces.files())
      if (traceFileFindings(uri, this.traces, this.index).length) out.push(uri);
    return out.sort();
  }

  /**
   * The codes that the rules under a root switch off (`off` in its
   * `.specwright.yaml`, over the editor's settings), in the order of
   * docs/format.md: what a check must say it did not look for.
   */
  switchedOff(rootUri: string): string[] {
    return this.configs.switchedOff(rootUri);
  }

  /** The config problems of each root, for callers that must refuse a broken config. */
  configProblems(rootUri: string): Finding[] {
    return this.configs.get(rootUri)?.problems ?? [];
  }

  // ---- internals -----------------------------------------------------------

  /**
   * Findings are put together here, at the time they are asked for, so that
   * suppression sees local, cross-file, cycle and coverage findings alike and
   * stays right whichever of them an edit changed.
   */
  private evaluate(uri: string): { shown: Diagnostic[]; suppressed: SuppressedDiagnostic[] } {
    const root = this.configs.rootOf(uri);
    const severityOf = this.configs.severityIn(uri);
    const withSeverity = (findings: readonly Finding[], out: Diagnostic[]): void => {
      for (const f of findings) {
        const severity = severityOf(f.code);
        if (severity !== 'off') out.push({ ...f, uri, severity });
      }
    };
    if (root !== undefined && uri === joinUri(root, configFileName)) {
      const entry = this.configs.get(root)!;
      const shown: Diagnostic[] = entry.problems.map(f => ({ ...f, uri, severity: 'error' as const }));
      withSeverity([...entry.notices, ...(this.coverage.get(uri) ?? [])], shown);
      return { shown: shown.sort(compareFindings), suppressed: [] };
    }
    const stampsRoot = this.reviews.rootOfStampsFile(uri);
    if (stampsRoot !== undefined) {
      const shown: Diagnostic[] = [];
      withSeverity(this.reviews.stamps(stampsRoot)!.problems, shown);
      return { shown: shown.sort(compareFindings), suppressed: [] };
    }
    if (this.traces.has(uri)) {
      const shown: Diagnostic[] = [];
      withSeverity(traceFileFindings(uri, this.traces, this.index), shown);
      return { shown: shown.sort(compareFindings), suppressed: [] };
    }
    const file = this.index.files.get(uri);
    if (!file) return { shown: [], suppressed: [] };
    const all: Diagnostic[] = [];
    withSeverity(file.local, all);
    withSeverity(this.cross.get(uri) ?? [], all);
    withSeverity(this.cycles.get(uri) ?? [], all);
    withSeverity(this.coverage.get(uri) ?? [], all);
    withSeverity(this.reviewFindingsOf(file), all);
    withSeverity(this.traceFindingsOf(file, root), all);
    const result = applySuppressions(all, this.directives.get(uri) ?? []);
    withSeverity(result.problems, result.shown);
    return { shown: result.shown.sort(compareFindings), suppressed: result.suppressed.sort(compareFindings) };
  }

  /**
   * Recompute the coverage-threshold findings of every root that sets
   * `coverage:`. A pass over the requirements, run only when a fact of some
   * item changed (or a configuration, or a trace file, did); returns the URIs whose coverage
   * findings changed.
   */
  private refreshCoverage(): Set<string> {
    const next = new Map<string, Finding[]>();
    for (const [root, c] of this.configs.entries()) {
      if (!c.config.coverage) continue;
      try {
        const found = coverageFindings(
          this.index,
          this.traces,
          c.config.coverage,
          joinUri(root, configFileName),
          uri => this.configs.rootOf(uri) === root,
        );
        for (const [uri, list] of found) next.set(uri, [...(next.get(uri) ?? []), ...list]);
      } catch (err) {
        next.set(joinUri(root, configFileName), [internalError('the coverage-threshold check', err)]);
      }
    }
    const changed = new Set<string>();
    if (!next.size && !this.coverage.size) return changed;
    for (const uri of new Set([...this.coverage.keys(), ...next.keys()])) {
      if (JSON.stringify(this.coverage.get(uri)) !== JSON.stringify(next.get(uri))) changed.add(uri);
    }
    this.coverage = next;
    return changed;
  }

  /** suspect-link and unreviewed-link of a file, where its root keeps review stamps. */
  private reviewFindingsOf(file: FileIndex): Finding[] {
    return this.reviews.findings(file, this.index, (item, root) => this.contentPrint(item, root));
  }

  /** unverified and failing-test of a spec file's items. */
  private traceFindingsOf(file: FileIndex, root: string | undefined): Finding[] {
    try {
      const trace = root !== undefined ? this.configs.get(root)?.config.trace : undefined;
      return itemTraceFindings(file.items, this.traces, this.index, trace);
    } catch (err) {
      return [internalError('the unverified and failing-test checks', err)];
    }
  }

  /** Re-run the cross-file checks of one file and remember what they read. */
  private recheck(uri: string): void {
    const file = this.index.files.get(uri);
    if (!file) {
      this.cross.delete(uri);
      this.readers.set(uri, undefined);
      return;
    }
    const graph = new GraphReader(this.index);
    const findings: Finding[] = [];
    for (const check of crossChecks) {
      try {
        for (const f of check.run(file.items, graph)) findings.push(f); // no spread: 100k findings overflow the stack
      } catch (err) {
        findings.push(internalError(`the ${check.code} check`, err));
      }
    }
    this.cross.set(uri, findings);
    this.readers.set(uri, graph);
  }
}

/** The suppression comments of a parsed file; never throws (a failure means no comments). */
function directivesOf(parsed: ParsedYaml): Directive[] {
  try {
    return readDirectives(parsed);
  } catch {
    return [];
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** What one `apply` (or one scan) has changed so far. */
interface Batch extends FactChanges {
  /** Files whose content changed (re-checked), then every file whose diagnostics may have changed. */
  affected: Set<string>;
  /** Open documents with a new version but the content the index holds: published again, not re-checked. */
  republish: Set<string>;
}
