import type { GraphReader } from './check';

/** What one file's cross-file checks read, by kind of read (see GraphReader). */
interface FileReads {
  definitions: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/**
 * Which files' cross-file checks read which IDs, both ways: after a change,
 * the files to check again are those that read a changed definition or the
 * changed links of an ID. No empty set is left behind for an ID nobody reads
 * any more (a user typing new IDs for hours must not grow this).
 */
export class CheckReaders {
  private readonly byFile = new Map<string, FileReads>();
  private readonly definitionReaders = new Map<string, Set<string>>();
  private readonly linkReaders = new Map<string, Set<string>>();
  /** Files whose checks read the set of IDs (suggestions for an unknown ID). */
  private readonly idSetReaders = new Set<string>();

  /** Replace what a file's checks read; undefined when it has no checks any more (deleted). */
  set(uri: string, graph: GraphReader | undefined): void {
    const old = this.byFile.get(uri);
    if (old) {
      forget(this.definitionReaders, old.definitions, uri);
      forget(this.linkReaders, old.links, uri);
      this.byFile.delete(uri);
    }
    this.idSetReaders.delete(uri);
    if (!graph) return;
    if (graph.idsRead) this.idSetReaders.add(uri);
    this.byFile.set(uri, { definitions: graph.definitionReads, links: graph.linkReads });
    remember(this.definitionReaders, graph.definitionReads, uri);
    remember(this.linkReaders, graph.linkReads, uri);
  }

  /**
   * Add to `out` the files that read the definitions of one of `definitions`
   * or the links of one of `links`, and when `idSet` (an ID was added,
   * removed or changed kind) those that read the set of IDs.
   */
  collect(definitions: Iterable<string>, links: Iterable<string>, out: Set<string>, idSet = false): void {
    if (idSet) for (const uri of this.idSetReaders) out.add(uri);
    for (const id of definitions) for (const uri of this.definitionReaders.get(id) ?? []) out.add(uri);
    for (const id of links) for (const uri of this.linkReaders.get(id) ?? []) out.add(uri);
  }
}

function remember(map: Map<string, Set<string>>, ids: Iterable<string>, uri: string): void {
  for (const id of ids) {
    let set = map.get(id);
    if (!set) map.set(id, (set = new Set()));
    set.add(uri);
  }
}

function forget(map: Map<string, Set<string>>, ids: Iterable<string>, uri: string): void {
  for (const id of ids) {
    const set = map.get(id);
    if (set?.delete(uri) && set.size === 0) map.delete(id);
  }
}
