/**
 * Type-only bridge for vscode-languageclient 11, which publishes its entry
 * points through `package.json#exports` alone; the project compiles with
 * `moduleResolution: "node"`, which ignores `exports` (see
 * server/src/lsp/moduleShims.d.ts for the server's packages). Nothing here
 * exists at run time: esbuild resolves the real `exports` itself.
 */
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
