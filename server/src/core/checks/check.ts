import type { WorkspaceIndex, IncomingLink } from '../graph/workspaceIndex';
import type { ParsedYaml } from '../parse/parseDocument';
import type { DocKind, Finding, Item } from '../types';

/** What a check that needs only its own file sees. */
export interface LocalInput {
  uri: string;
  kind: DocKind;
  items: readonly Item[];
  parsed: ParsedYaml;
}

/** A check that reads only its own file; run once per parse. */
export interface LocalCheck {
  code: string;
  run(input: LocalInput): Finding[];
}

/** A check that reads other files through the graph; run when what it read changes. */
export interface CrossCheck {
  code: string;
  run(items: readonly Item[], graph: GraphReader): Finding[];
}

/**
 * Read access to the workspace index that records every ID a check looked
 * at. Those IDs are the check's inputs: when one of them changes anywhere,
 * the file's cross-file checks are run again; when none does, they are not.
 */
export class GraphReader {
  readonly reads = new Set<string>();

  constructor(private readonly index: WorkspaceIndex) {}

  definitions(id: string): readonly Item[] {
    this.reads.add(id);
    return this.index.definitions(id);
  }

  /** The first definition of an ID, if any. */
  item(id: string): Item | undefined {
    return this.definitions(id)[0];
  }

  incoming(id: string): readonly IncomingLink[] {
    this.reads.add(id);
    const links = this.index.incoming(id);
    for (const l of links) this.reads.add(l.holder.id);
    return links;
  }

  children(id: string): Item[] {
    this.reads.add(id);
    const kids = this.index.children(id);
    for (const k of kids) this.reads.add(k.id);
    return kids;
  }
}
