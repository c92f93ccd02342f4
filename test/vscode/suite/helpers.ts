import * as vscode from 'vscode';
import type { SpecwrightApi } from '../../../client/src/extension';

export const extensionId = 'specwright.specwright';

/** The copy of examples/ the runner opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the examples folder open (run them through runTest.js)');
  return folder.uri;
}

export async function activate(): Promise<SpecwrightApi> {
  const ext = vscode.extensions.getExtension<SpecwrightApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not installed`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/**
 * Resolve with `read()` once `done` holds: checked now and on every `event`,
 * never by sleeping. Rejects after `timeoutMs` with what was last read.
 */
export function waitFor<T>(
  read: () => T,
  done: (value: T) => boolean,
  event: vscode.Event<unknown>,
  timeoutMs = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = read();
    if (done(first)) return resolve(first);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms; last value: ${JSON.stringify(read())}`));
    }, timeoutMs);
    const sub = event(() => {
      const value = read();
      if (!done(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** A diagnostic's code as a string (VS Code allows `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : typeof c === 'object' ? String(c.value) : String(c);
}
