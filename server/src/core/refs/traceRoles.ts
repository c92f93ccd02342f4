import type { TraceConfig } from '../config';
import { isUnder, type IWorkspace, type TraceRole } from '../workspace';

/** Folders no trace glob reaches into, whatever it says (format 1.1: always skipped). */
const neverTraced = new Set(['.git', 'node_modules']);

/**
 * Which `trace:` glob kind matches one file: the workspace's own matcher (the
 * one its listing runs), built once per root and configuration. A watched
 * change or an opened document is classified with it, without a listing.
 */
export class TraceRoles {
  private readonly matchers = new Map<
    string,
    { key: string; match: (rel: string) => TraceRole | undefined }
  >();

  constructor(private readonly workspace: IWorkspace | undefined) {}

  roleOf(uri: string, rootUri: string, trace: TraceConfig | undefined): TraceRole | undefined {
    if (!trace || !this.workspace?.traceMatcher || !isUnder(uri, rootUri)) return undefined;
    const rel = relativePath(uri, rootUri);
    if (rel === undefined || rel.split('/').some(s => neverTraced.has(s))) return undefined;
    const key = JSON.stringify(trace);
    let m = this.matchers.get(rootUri);
    if (m?.key !== key) {
      m = { key, match: this.workspace.traceMatcher(trace) };
      this.matchers.set(rootUri, m);
    }
    return m.match(rel);
  }
}

/** The `/`-separated path of a URI under a root, decoded (undefined when it cannot be). */
function relativePath(uri: string, rootUri: string): string | undefined {
  const rest = uri.slice(rootUri.replace(/\/+$/, '').length + 1).replace(/[?#].*$/, '');
  try {
    return rest.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}
