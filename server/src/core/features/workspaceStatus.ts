import { implementersOf } from '../graph/progress';
import { isCommitted, statusOf } from '../model';
import type { SpecService } from '../service';

/** What the status bar shows of the whole workspace. */
export interface WorkspaceStatus {
  /** True when the workspace holds at least one spec file. */
  hasSpecFiles: boolean;
  files: number;
  items: number;
  /** Findings by severity over every file (spec files and configuration files), after the workspace's rules. */
  errors: number;
  warnings: number;
  infos: number;
  /**
   * Requirements that are approved, in progress or done and that no story
   * implements — what the `uncovered` check looks for, counted even when a
   * workspace has turned that rule off.
   */
  uncovered: number;
}

export function workspaceStatus(service: SpecService): WorkspaceStatus {
  const status: WorkspaceStatus = {
    hasSpecFiles: service.index.files.size > 0,
    files: service.index.files.size,
    items: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    uncovered: 0,
  };
  for (const uri of service.uris()) {
    for (const d of service.diagnostics(uri)) {
      if (d.severity === 'error') status.errors++;
      else if (d.severity === 'warning') status.warnings++;
      else status.infos++;
    }
  }
  for (const item of service.index.items()) {
    status.items++;
    if (item.kind === 'requirement' && isCommitted(statusOf(item.fields)) && implementersOf(service.index, item.id).length === 0) {
      status.uncovered++;
    }
  }
  return status;
}
