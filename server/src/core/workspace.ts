/**
 * The I/O the core needs, injected by whoever runs it (the Node CLI and
 * server bind it to `fs`; tests use memory). The core never reads a file any
 * other way.
 */
export interface IWorkspace {
  /** URIs of the spec files (by suffix) under a root folder, excluding ignored folders. */
  listSpecFiles(rootUri: string): Promise<string[]>;
  /** A file's bytes, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): Promise<Uint8Array | undefined>;
}

/** Join a root URI and a relative path with `/`. */
export function joinUri(root: string, relative: string): string {
  return root.replace(/\/+$/, '') + '/' + relative.replace(/^\/+/, '');
}

/** True when `uri` lies inside the folder `root`. */
export function isUnder(uri: string, root: string): boolean {
  const r = root.endsWith('/') ? root : root + '/';
  return uri.startsWith(r);
}
