/**
 * An in-memory IWorkspace for core tests that read through the workspace
 * (scan, team schemas named by `.specwright.yaml`). It records what was read.
 */
import { fileKind } from '../../server/src/core/parse/fileKind';
import { isUnder, joinUri, type IWorkspace } from '../../server/src/core/workspace';

export class MemoryWorkspace implements IWorkspace {
  /** Every readConfigFile call, as `root|path`. */
  readonly configReads: string[] = [];
  /** Every readFile call. */
  readonly reads: string[] = [];

  constructor(readonly files = new Map<string, string>()) {}

  set(uri: string, text: string | undefined): this {
    if (text === undefined) this.files.delete(uri);
    else this.files.set(uri, text);
    return this;
  }

  async listSpecFiles(rootUri: string): Promise<string[]> {
    return [...this.files.keys()].filter(u => isUnder(u, rootUri) && fileKind(u)).sort();
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    this.reads.push(uri);
    const text = this.files.get(uri);
    return text === undefined ? undefined : new TextEncoder().encode(text);
  }

  /** Like the Node workspace for plain files: a missing file is an error with a reason. */
  async readConfigFile(rootUri: string, relativePath: string): Promise<{ text: string } | { error: string }> {
    this.configReads.push(`${rootUri}|${relativePath}`);
    const text = this.files.get(joinUri(rootUri, relativePath));
    return text === undefined ? { error: `the schema file "${relativePath}" does not exist` } : { text };
  }
}
