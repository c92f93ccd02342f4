import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { SpecService } from '../../core';
import { newDocument } from '../../core/features/newDocument';
import { roadmapChildren, roadmapPath } from '../../core/features/roadmapTree';
import { traceAt } from '../../core/features/traceView';
import { WorkspaceStatusTracker } from '../../core/features/workspaceStatus';
import {
  NewDocumentRequest,
  RoadmapChildrenRequest,
  RoadmapRevealRequest,
  TraceRequest,
  WorkspaceChangedNotification,
  WorkspaceStatusRequest,
  type ViewNode,
  type WorkspaceStatus,
} from '../../protocol';
import { Debounce } from '../debounce';

/** Where the handlers report their own failures (the server's `Log` fits). */
export interface ViewLog {
  error(message: string): void;
}

export interface ViewHandlersOptions {
  log?: ViewLog;
  /** Delay that gathers bursts of republishes into one `specwright/workspaceChanged`; default 100 ms. */
  debounceMs?: number;
  /** Runs before each request: apply pending edits, so an answer reflects the text the client sent. */
  beforeRequest?: () => void;
}

export interface ViewHandlers {
  /**
   * Call after every republish of diagnostics (every commit of a change to
   * the model) with the URIs republished: sends one
   * `specwright/workspaceChanged` per burst. Without URIs, every file's
   * findings are counted again for the status.
   */
  workspaceChanged(affected?: Iterable<string>): void;
  /** Stop the pending notification (on shutdown). */
  dispose(): void;
}

/**
 * The custom requests behind the client's views, status bar and "New …"
 * commands (server/src/protocol.ts). Each handler checks cancellation, calls
 * the core, and returns; none throws: a failure is logged and answered with
 * an empty result, so a view shows nothing rather than an error.
 */
export function registerViewHandlers(
  connection: Connection,
  service: SpecService,
  options: ViewHandlersOptions = {},
): ViewHandlers {
  const log = options.log ?? { error: (m: string) => connection.console.error(m) };
  // Kept between commits, counting again only what a commit republished: from
  // scratch the status took 95–157 ms at 50,000 requirements, and it is sent
  // after every burst of typing, on the thread that checks the next edit.
  const status = new WorkspaceStatusTracker(service);

  /** Wrap a handler: answer `fallback` when cancelled or when the core fails. */
  const guard =
    <P, R>(method: string, fallback: R, run: (params: P) => R) =>
    (params: P, token: CancellationToken): R => {
      try {
        options.beforeRequest?.();
        if (token?.isCancellationRequested) return fallback;
        return run(params);
      } catch (err) {
        log.error(`${method} failed: ${describe(err)}`);
        return fallback;
      }
    };

  connection.onRequest(
    RoadmapChildrenRequest.type,
    guard(RoadmapChildrenRequest.method, [] as ViewNode[], p =>
      roadmapChildren(service, p?.parent, { groupBy: p?.groupBy, hideDone: p?.hideDone }),
    ),
  );

  connection.onRequest(
    RoadmapRevealRequest.type,
    guard(
      RoadmapRevealRequest.method,
      null,
      p =>
        roadmapPath(service, p.textDocument.uri, p.position, { groupBy: p.groupBy, hideDone: p.hideDone }) ??
        null,
    ),
  );

  connection.onRequest(
    TraceRequest.type,
    guard(TraceRequest.method, null, p => traceAt(service, p.textDocument.uri, p.position) ?? null),
  );

  connection.onRequest(WorkspaceStatusRequest.type, token =>
    guard<void, WorkspaceStatus>(WorkspaceStatusRequest.method, emptyStatus, () => status.current())(
      undefined,
      token,
    ),
  );

  connection.onRequest(
    NewDocumentRequest.type,
    guard(NewDocumentRequest.method, null, p =>
      newDocument(service, { kind: p.kind, title: p.title, folderUri: p.folderUri, parent: p.parent }),
    ),
  );

  // Trailing debounce, with a ceiling so that steady typing still refreshes the views.
  const delay = options.debounceMs ?? 100;
  const send = (): void => {
    try {
      void connection
        .sendNotification(WorkspaceChangedNotification.type, status.current())
        .catch(err => log.error(`${WorkspaceChangedNotification.method} failed: ${describe(err)}`));
    } catch (err) {
      log.error(`${WorkspaceChangedNotification.method} failed: ${describe(err)}`);
    }
  };
  const timer = new Debounce(send, delay * 5);
  return {
    workspaceChanged(affected) {
      status.changed(affected);
      timer.schedule(delay);
    },
    dispose() {
      timer.cancel();
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

const emptyStatus: WorkspaceStatus = {
  hasSpecFiles: false,
  files: 0,
  items: 0,
  errors: 0,
  warnings: 0,
  infos: 0,
  uncovered: 0,
};
