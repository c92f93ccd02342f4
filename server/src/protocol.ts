/**
 * Specwright's custom LSP messages, shared by the server (server/src/lsp)
 * and the VS Code client (client/src). Each message is a namespace with its
 * method name, its direction and its type; both sides import these
 * definitions, so a change to a message is a change to this file only.
 *
 * Every method is prefixed `specwright/`. Positions and ranges are LSP's:
 * 0-based lines, UTF-16 characters. Payload shapes are the core's plain data
 * types (imported as types only: nothing of the core is bundled into the
 * client).
 */
import {
  NotificationType,
  RequestType,
  RequestType0,
  type Location,
  type Position,
  type TextDocumentIdentifier,
} from 'vscode-languageserver-protocol';
import type { GroupBy, ProgressMeasure, ViewNode } from './core/features/roadmapTree';
import type { SuspectLink } from './core/features/suspectLinks';
import type { TraceResult } from './core/features/traceView';
import type { WorkspaceStatus } from './core/features/workspaceStatus';
import type { NewDocument } from './core/features/newDocument';
import type { DocKind } from './core/types';
import type { ReportFormat } from './core/report/render';

export type {
  FindingCounts,
  GroupBy,
  ProgressMeasure,
  ViewNode,
  ViewNodeKind,
} from './core/features/roadmapTree';
export type { TraceResult, TraceViewNode } from './core/features/traceView';
export type { EvidenceEntry } from './core/features/traceEvidence';
export type { WorkspaceStatus } from './core/features/workspaceStatus';
export type { NewDocument } from './core/features/newDocument';
export type { DocKind } from './core/types';

/** How the roadmap tree is grouped and filtered; sent with every roadmap request. */
export interface RoadmapViewOptions {
  /** `release` (default): releases by horizon; `status` or `owner`: epics grouped by that field. */
  groupBy?: GroupBy;
  /** Leave out done and cancelled items. */
  hideDone?: boolean;
  /** Which progress rows show: `specified` (default: stories done) or `verified` (requirements verified). */
  progress?: ProgressMeasure;
}

export interface RoadmapChildrenParams extends RoadmapViewOptions {
  /** The node whose children are wanted (`ViewNode.id`); absent for the top level. */
  parent?: string;
}

/**
 * client → server. One level of the roadmap tree: the children of
 * `parent`, or the top level. Rows carry everything the client shows
 * (label, description, icon kind, finding counts, definition location).
 * Answers `[]` for an unknown node and while the workspace is still loading.
 */
export namespace RoadmapChildrenRequest {
  export const method = 'specwright/roadmapChildren' as const;
  export const type = new RequestType<RoadmapChildrenParams, ViewNode[], void>(method);
}

export interface RoadmapRevealParams extends RoadmapViewOptions {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

/**
 * client → server. For "Reveal in Roadmap": the rows from the top down to
 * the row of the item at the position (the ID under the cursor, or the
 * innermost item around it), with the ids `specwright/roadmapChildren`
 * gives. `null` when the item has no row (a goal, a persona, an iteration)
 * or the options hide it.
 */
export namespace RoadmapRevealRequest {
  export const method = 'specwright/roadmapReveal' as const;
  export const type = new RequestType<RoadmapRevealParams, ViewNode[] | null, void>(method);
}

export interface TraceParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

/**
 * client → server. The trace of the item at a position: the item, its
 * upstream chain (story → requirement → PRD → epic → release → goal) and
 * what is downstream of it (roll-up children, then dependents), whole.
 * `null` when no item is there.
 */
export namespace TraceRequest {
  export const method = 'specwright/trace' as const;
  export const type = new RequestType<TraceParams, TraceResult | null, void>(method);
}

/**
 * client → server. Counts for the status bar: errors, warnings and
 * uncovered requirements over the whole workspace, and whether it has any
 * spec file at all (for the welcome view).
 */
export namespace WorkspaceStatusRequest {
  export const method = 'specwright/workspaceStatus' as const;
  export const type = new RequestType0<WorkspaceStatus, void>(method);
}

/**
 * server → client. The workspace model changed (after diagnostics were
 * republished): views should refresh. Carries the new workspace status, so
 * the status bar needs no extra request. Debounced by the server (~100 ms).
 */
export namespace WorkspaceChangedNotification {
  export const method = 'specwright/workspaceChanged' as const;
  export const type = new NotificationType<WorkspaceStatus>(method);
}

/** The globs (relative to a workspace folder) of the code and test files of its `.specwright.yaml` `trace:`. */
export interface SourceFileGlobs {
  rootUri: string;
  globs: string[];
}

/**
 * server → client. The code and test files the server serves (hover,
 * definition, references, completion, rename, diagnostics) whatever their
 * language: the client adds them to its document selector. Sent after the
 * first scan and whenever a `trace:` changes.
 */
export namespace SourceFilesNotification {
  export const method = 'specwright/sourceFiles' as const;
  export const type = new NotificationType<{ folders: SourceFileGlobs[] }>(method);
}

export interface NewDocumentParams {
  kind: DocKind;
  title: string;
  /** The folder the file will be created in; keeps the suggested file name free. */
  folderUri?: string;
  /** The epic of a new PRD, the release of a new epic or iteration: one of the `parents` a first answer listed. */
  parent?: string;
}

/**
 * client → server. The text of a new document of a kind: fresh IDs with the
 * workspace's prefixes, valid against the schema, a suggested file name
 * (`express-checkout.prd.yaml`) and the first tab stop to select. `null`
 * only if the server failed (it logs why).
 */
export namespace NewDocumentRequest {
  export const method = 'specwright/newDocument' as const;
  export const type = new RequestType<NewDocumentParams, NewDocument | null, void>(method);
}

/**
 * The `initializationOptions` the client sends, and the `settings` of its
 * `workspace/didChangeConfiguration` notifications (`{ specwright: ... }`).
 * `rules` are the user's `specwright.rules`: the server merges them under
 * each folder's `.specwright.yaml` (a rule in the file wins).
 */
export interface SpecwrightSettings {
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Glob patterns (relative to a workspace folder) of files and folders not to read. */
  exclude: string[];
}

export interface InitializationOptions {
  settings: SpecwrightSettings;
  /**
   * VS Code's workspace trust (`vscode.workspace.isTrusted`). When false the
   * server reads no team schema named in `.specwright.yaml` (built-in
   * schemas only; the config file gets one `untrusted-workspace` finding
   * saying why). Absent means trusted. The client restarts the server when
   * trust is granted.
   */
  trusted?: boolean;
  /**
   * A folder the server may keep its index cache in (VS Code's workspace
   * storage, `ExtensionContext.storageUri`): an absolute path. Absent, the
   * server keeps no cache.
   */
  storagePath?: string;
}

export interface DidChangeConfigurationSettings {
  specwright: SpecwrightSettings;
}

export type { ReportFormat } from './core/report/render';

export interface RenderReportParams {
  /** `md`, `html`, `csv` or `json`: the formats of `specwright report --format`. */
  format: ReportFormat;
}

export interface RenderedReport {
  text: string;
}

/**
 * client → server. The report of the whole workspace in one format, as the
 * server's index holds it now (unsaved edits included): the same model and
 * renderers as `specwright report`, file names relative to the workspace
 * folder (the deepest folder holding every workspace folder). The client
 * writes the text wherever the user chose. An error response when the
 * format is unknown.
 */
export namespace RenderReportRequest {
  export const method = 'specwright/renderReport' as const;
  export const type = new RequestType<RenderReportParams, RenderedReport, void>(method);
}

export interface RoadmapBoard {
  /**
   * The Roadmap Board fragment (now / next / later columns of releases with
   * their epic cards), the one the HTML report shows: no script, no `style`
   * attribute. Each card is `li.sw-card[data-epic-id]` and its title links
   * to `#epic:<ID>`.
   */
  html: string;
  /** The fragment's stylesheet; colours from `--sw-*` custom properties with light defaults. */
  css: string;
  /** Where each epic on the board is defined, by ID (the first definition, in board order, when an ID is duplicated). */
  epics: Record<string, Location>;
}

/**
 * client → server. The Roadmap Board of the workspace as it is now (for the
 * Roadmap Board webview, which asks again after each
 * `specwright/workspaceChanged`).
 */
export namespace RoadmapBoardRequest {
  export const method = 'specwright/roadmapBoard' as const;
  export const type = new RequestType0<RoadmapBoard, void>(method);
}

export type { SuspectLink } from './core/features/suspectLinks';

/** A suspect link and, where git has it, the version of the upstream file it was reviewed against. */
export interface SuspectLinkEntry extends SuspectLink {
  /** The newest commit whose upstream item has the stamp's content, and the file then (relative to `rootUri`). */
  reviewed?: { commit: string; path: string };
}

/**
 * client → server. Every suspect link of the workspace (for "Specwright:
 * Review Changes"), by file then source order, with the content fields that
 * changed and, where git history has it, the reviewed revision (searched
 * now, at most the last 50 commits of the upstream file; cached). `[]`
 * where no root keeps `specwright.reviews`.
 */
export namespace SuspectLinksRequest {
  export const method = 'specwright/suspectLinks' as const;
  export const type = new RequestType0<SuspectLinkEntry[], void>(method);
}

export interface RevisionFileParams {
  /** A root that keeps review stamps (`SuspectLink.rootUri`). */
  rootUri: string;
  /** A full commit hash (`SuspectLinkEntry.reviewed.commit`). */
  commit: string;
  /** A spec file relative to the root, with `/`. */
  path: string;
}

/**
 * client → server. A spec file's text at a commit (the left side of Review
 * Changes' diff editor). `null` when git has no such file there or cannot be
 * read; an error response for a root without stamps, a commit that is not a
 * full hash, or a path that is not a spec file inside the root.
 */
export namespace RevisionFileRequest {
  export const method = 'specwright/revisionFile' as const;
  export const type = new RequestType<RevisionFileParams, { text: string } | null, void>(method);
}
