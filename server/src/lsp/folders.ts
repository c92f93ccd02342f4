import { configFileName } from '../core/config';
import { isUnder, joinUri } from '../core/workspace';

/**
 * The workspace folders the client has open (multi-root), as URIs without a
 * trailing slash. A spec file belongs to the workspace when it lies under one
 * of them; a folder's `.specwright.yaml` sits directly in it.
 */
export class WorkspaceFolders {
  private readonly roots: string[] = [];

  /** Add a folder; false when it was there already. */
  add(uri: string): boolean {
    const root = normalize(uri);
    if (this.roots.includes(root)) return false;
    this.roots.push(root);
    return true;
  }

  /** Remove a folder; false when it was not there. */
  remove(uri: string): boolean {
    const i = this.roots.indexOf(normalize(uri));
    if (i < 0) return false;
    this.roots.splice(i, 1);
    return true;
  }

  list(): readonly string[] {
    return this.roots;
  }

  /** True when `uri` lies under one of the folders. */
  contains(uri: string): boolean {
    return this.roots.some(root => isUnder(uri, root));
  }

  /** The folder whose `.specwright.yaml` this is, if it is one. */
  rootOfConfig(uri: string): string | undefined {
    return this.roots.find(root => joinUri(root, configFileName) === uri);
  }
}

/** A folder URI without its trailing slash (but `file:///` stays whole). */
export function normalize(uri: string): string {
  const stripped = uri.replace(/\/+$/, '');
  return stripped.endsWith(':') ? uri : stripped;
}
