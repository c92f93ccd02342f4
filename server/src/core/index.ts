/**
 * The one door into the core. Everything here is pure: no `vscode`, no LSP
 * connection, no `fs`. I/O comes in through `IWorkspace`.
 */
export {
  SpecService,
  type EditorText,
  type FileChange,
  type PreparedConfig,
  type SuppressedDiagnostic,
} from './service';
export type { IWorkspace, ReadProblem } from './workspace';
export { joinUri, isUnder } from './workspace';
export * from './types';
export { DiagnosticCode, defaultSeverity, allCodes } from './codes';
export { fileKind } from './parse/fileKind';
export { configFileName, parseConfig } from './config';

import { SpecService } from './service';
import type { IWorkspace } from './workspace';

export function createSpecService(init: { workspace?: IWorkspace } = {}): SpecService {
  return new SpecService(init.workspace);
}
