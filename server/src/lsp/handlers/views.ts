import type { CancellationToken } from 'vscode-languageserver';
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
  type NewDocumentParams,
  type RoadmapChildrenParams,
  type RoadmapRevealParams,
  type TraceParams,
} from '../../protocol';
import type { ServerContext } from '../context';
import { describeError as describe } from '../log';
import { asIs, serveRequest } from '../request';
import { Debounce } from '../debounce';

export interface ViewHandlersOptions {
  /** Delay that gathers bursts of republishes into one `specwright/workspaceChanged`; default 100 ms. */
  debounceMs?: number;
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
 * commands (server/src/protocol.ts). Each goes through serveRequest, like
 * every other request: pending edits first, cancellation, a failure logged
 * and answered with an error (the client's views then show nothing).
 */
export function registerViewHandlers(ctx: ServerContext, options: ViewHandlersOptions = {}): ViewHandlers {
  const { connection, service, log } = ctx;
  // Kept between commits, counting again only what a commit republished: from
  // scratch the status took 95–157 ms at 50,000 requirements, and it is sent
  // after every burst of typing, on the thread that checks the next edit.
  const status = new WorkspaceStatusTracker(service);

  connection.onRequest(
    RoadmapChildrenRequest.type,
    serveRequest(
      ctx,
      RoadmapChildrenRequest.method,
      (p: RoadmapChildrenParams) =>
        roadmapChildren(service, p?.parent, {
          groupBy: p?.groupBy,
          hideDone: p?.hideDone,
          progress: p?.progress,
        }),
      asIs,
    ),
  );

  connection.onRequest(
    RoadmapRevealRequest.type,
    serveRequest(
      ctx,
      RoadmapRevealRequest.method,
      (p: RoadmapRevealParams) =>
        roadmapPath(service, p.textDocument.uri, p.position, {
          groupBy: p.groupBy,
          hideDone: p.hideDone,
          progress: p.progress,
        }) ?? null,
      asIs,
    ),
  );

  connection.onRequest(
    TraceRequest.type,
    serveRequest(
      ctx,
      TraceRequest.method,
      (p: TraceParams) => traceAt(service, p.textDocument.uri, p.position) ?? null,
      asIs,
    ),
  );

  const currentStatus = serveRequest(ctx, WorkspaceStatusRequest.method, () => status.current(), asIs);
  connection.onRequest(WorkspaceStatusRequest.type, (token: CancellationToken) =>
    currentStatus(undefined, token),
  );

  connection.onRequest(
    NewDocumentRequest.type,
    serveRequest(
      ctx,
      NewDocumentRequest.method,
      (p: NewDocumentParams) =>
        newDocument(service, { kind: p.kind, title: p.title, folderUri: p.folderUri, parent: p.parent }),
      asIs,
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
