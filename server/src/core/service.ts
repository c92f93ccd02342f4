import { GraphReader } from './checks/check';
import { crossChecks } from './checks/registry';
import { configFileName, defaultConfig, parseConfig, severityOf, type RuleSetting, type SpecConfig } from './config';
import { findCycles } from './graph/cycles';
import { WorkspaceIndex } from './graph/workspaceIndex';
import { analyzeFile, internalError } from './parse/analyzeFile';
import { fileKind } from './parse/fileKind';
import type { ParsedYaml } from './parse/parseDocument';
import type { Diagnostic, FileIndex, Finding, Item } from './types';
import { isUnder, joinUri, type IWorkspace } from './workspace';

/** One file's new state: its text or bytes, or that it is gone. */
export type FileChange =
  | { uri: string; text: string; version?: number }
  | { uri: string; bytes: Uint8Array }
  | { uri: string; deleted: true };

/**
 * The workspace model. Holds the index of every spec file, syntax trees of
 * open documents only, and findings by file. Every change goes through
 * `apply`, which re-parses the changed files only and re-runs cross-file
 * checks only in files that read an ID whose facts changed; the result is
 * always what a full rebuild would give (tested with random edit sequences).
 */
export class SpecService {
  readonly index = new WorkspaceIndex();
  private readonly trees = new Map<string, { version?: number; parsed: ParsedYaml }>();
  private readonly open = new Set<string>();
  private readonly cross = new Map<string, Finding[]>();
  private readonly reads = new Map<string, Set<string>>();
  private readonly readers = new Map<string, Set<string>>();
  private cycles = new Map<string, Finding[]>();
  private readonly configs = new Map<string, { config: SpecConfig; problems: Finding[] }>();
  /** The editor's `specwright.rules`: under every folder's `.specwright.yaml`. */
  private settingsRules: Readonly<Record<string, RuleSetting>> = {};

  constructor(private readonly workspace?: IWorkspace) {}

  // ---- changes -------------------------------------------------------------

  /**
   * Apply a batch of file changes. Returns the URIs whose diagnostics may
   * have changed (including deleted files, which now have none).
   */
  apply(changes: readonly FileChange[]): Set<string> {
    const affected = new Set<string>();
    const touched = new Set<string>();
    let edgesChanged = false;

    // In URI order (stable, so changes to one URI keep their order): the index
    // keeps its lists in URI order, and appending is cheaper than inserting.
    const ordered = [...changes].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    for (const change of ordered) {
      const kind = fileKind(change.uri);
      if (!kind) continue;
      const old = this.index.files.get(change.uri);
      let next: FileIndex | undefined;
      if (!('deleted' in change)) {
        const analyzed = analyzeFile(change.uri, kind, 'text' in change ? change.text : change.bytes);
        next = analyzed.index;
        if (this.open.has(change.uri) && analyzed.parsed) {
          this.trees.set(change.uri, { version: 'version' in change ? change.version : undefined, parsed: analyzed.parsed });
        }
      } else {
        this.trees.delete(change.uri);
      }
      if (diffFacts(old, next, touched)) edgesChanged = true;
      this.index.set(change.uri, next);
      affected.add(change.uri);
    }

    for (const id of touched) {
      for (const uri of this.readers.get(id) ?? []) affected.add(uri);
    }
    for (const uri of affected) this.recheck(uri);

    if (edgesChanged) {
      const next = findCycles(this.index);
      for (const uri of new Set([...this.cycles.keys(), ...next.keys()])) {
        if (JSON.stringify(this.cycles.get(uri)) !== JSON.stringify(next.get(uri))) affected.add(uri);
      }
      this.cycles = next;
    }
    return affected;
  }

  /** Mark a document open: its syntax tree is kept while it stays open. */
  openDocument(uri: string, text: string, version?: number): Set<string> {
    this.open.add(uri);
    return this.apply([{ uri, text, version }]);
  }

  /** Forget a document's syntax tree; its index stays (and `apply` the disk text if it differs). */
  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.trees.delete(uri);
  }

  /** The syntax tree of an open document, for features. */
  tree(uri: string): { version?: number; parsed: ParsedYaml } | undefined {
    return this.trees.get(uri);
  }

  /** Set (or with undefined, clear) the `.specwright.yaml` of a root folder. */
  setConfig(rootUri: string, text: string | undefined): Set<string> {
    if (text === undefined) this.configs.delete(rootUri);
    else this.configs.set(rootUri, parseConfig(text));
    const affected = new Set<string>([joinUri(rootUri, configFileName)]);
    for (const uri of this.index.files.keys()) if (isUnder(uri, rootUri)) affected.add(uri);
    return affected;
  }

  /**
   * Set the rule severities of the editor's settings. A folder's
   * `.specwright.yaml` wins for the codes it names. Returns every URI (any
   * file's diagnostics may change).
   */
  setSettingsRules(rules: Readonly<Record<string, RuleSetting>>): Set<string> {
    this.settingsRules = { ...rules };
    return new Set(this.uris());
  }

  /** Read every spec file and config under the roots through the injected workspace. */
  async scan(roots: readonly string[]): Promise<Set<string>> {
    if (!this.workspace) throw new Error('scan needs a workspace');
    const ws = this.workspace;
    const affected = new Set<string>();
    for (const root of roots) {
      const config = await ws.readFile(joinUri(root, configFileName));
      for (const uri of this.setConfig(root, config ? new TextDecoder().decode(config) : undefined)) affected.add(uri);
    }
    const changes: FileChange[] = [];
    for (const root of roots) {
      for (const uri of await ws.listSpecFiles(root)) {
        if (this.open.has(uri)) continue; // the editor's text wins over the disk
        const bytes = await ws.readFile(uri);
        if (bytes) changes.push({ uri, bytes });
      }
    }
    for (const uri of this.apply(changes)) affected.add(uri);
    return affected;
  }

  // ---- results -------------------------------------------------------------

  /** A file's diagnostics with the workspace's severities applied, in source order. */
  diagnostics(uri: string): Diagnostic[] {
    const root = this.rootOf(uri);
    if (root !== undefined && uri === joinUri(root, configFileName)) {
      return this.configs.get(root)!.problems.map(f => ({ ...f, uri, severity: 'error' as const }));
    }
    const file = this.index.files.get(uri);
    if (!file) return [];
    const fileRules = (root !== undefined ? this.configs.get(root)!.config : defaultConfig).rules;
    const config: SpecConfig = { rules: { ...this.settingsRules, ...fileRules } };
    const out: Diagnostic[] = [];
    for (const f of [...file.local, ...(this.cross.get(uri) ?? []), ...(this.cycles.get(uri) ?? [])]) {
      const severity = severityOf(f.code, config);
      if (severity !== 'off') out.push({ ...f, uri, severity });
    }
    return out.sort(compareFindings);
  }

  /** URIs that can have diagnostics: spec files and config files with problems. */
  uris(): string[] {
    const out = [...this.index.files.keys()];
    for (const [root, c] of this.configs) if (c.problems.length) out.push(joinUri(root, configFileName));
    return out.sort();
  }

  /** The config problems of each root, for callers that must refuse a broken config. */
  configProblems(rootUri: string): Finding[] {
    return this.configs.get(rootUri)?.problems ?? [];
  }

  // ---- internals -----------------------------------------------------------

  private rootOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const root of this.configs.keys()) {
      if ((isUnder(uri, root) || uri === joinUri(root, configFileName)) && (!best || root.length > best.length)) best = root;
    }
    return best;
  }

  /** Re-run the cross-file checks of one file and remember which IDs they read. */
  private recheck(uri: string): void {
    for (const id of this.reads.get(uri) ?? []) this.readers.get(id)?.delete(uri);
    this.reads.delete(uri);
    const file = this.index.files.get(uri);
    if (!file) { this.cross.delete(uri); return; }
    const graph = new GraphReader(this.index);
    const findings: Finding[] = [];
    for (const check of crossChecks) {
      try {
        findings.push(...check.run(file.items, graph));
      } catch (err) {
        findings.push(internalError(`the ${check.code} check`, err));
      }
    }
    this.cross.set(uri, findings);
    this.reads.set(uri, graph.reads);
    for (const id of graph.reads) {
      let set = this.readers.get(id);
      if (!set) this.readers.set(id, set = new Set());
      set.add(uri);
    }
  }
}

/**
 * Compare what other files can see of a file before and after a change: the
 * IDs whose facts differ, and the IDs their links name, go into `touched`.
 * Returns true when a depends_on edge (or its range) changed.
 */
function diffFacts(old: FileIndex | undefined, next: FileIndex | undefined, touched: Set<string>): boolean {
  const before = factsById(old);
  const after = factsById(next);
  for (const [id, facts] of before) {
    if (after.get(id)?.key !== facts.key) markTouched(id, facts.items, after.get(id)?.items, touched);
  }
  for (const [id, facts] of after) {
    if (!before.has(id)) markTouched(id, undefined, facts.items, touched);
  }
  return edgeKey(old) !== edgeKey(next);
}

function markTouched(id: string, a: Item[] | undefined, b: Item[] | undefined, touched: Set<string>): void {
  touched.add(id);
  // When the item's links and parent are unchanged, the readers of its ID are
  // enough: checks that reach it from a link target or a parent (incoming,
  // children) record the holder's ID as read too.
  if (a && b && linkShape(a) === linkShape(b)) return;
  for (const item of [...(a ?? []), ...(b ?? [])]) {
    for (const l of item.links) touched.add(l.target);
    if (item.parent) touched.add(item.parent);
  }
}

function linkShape(items: Item[]): string {
  return JSON.stringify(items.map(i => [i.parent, i.links.map(l => [l.field, l.target])]));
}

function factsById(file: FileIndex | undefined): Map<string, { key: string; items: Item[] }> {
  const map = new Map<string, { key: string; items: Item[] }>();
  for (const item of file?.items ?? []) {
    const key = factKey(item);
    const e = map.get(item.id);
    if (e) { e.key += '\n' + key; e.items.push(item); } else map.set(item.id, { key, items: [item] });
  }
  return map;
}

/** What checks in other files may read of an item (and the ranges their findings point at). */
function factKey(item: Item): string {
  const f = item.fields;
  const r = item.fieldRanges;
  return JSON.stringify([
    item.kind, item.parent, f.status, f.priority, f.start, f.end, f.release,
    item.idRange, r.status, r.priority, r.end,
    item.links.map(l => [l.field, l.target]),
  ]);
}

function edgeKey(file: FileIndex | undefined): string {
  const edges = [];
  for (const item of file?.items ?? []) {
    for (const l of item.links) if (l.field === 'depends_on') edges.push([item.id, l.target, l.range]);
  }
  return JSON.stringify(edges);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
