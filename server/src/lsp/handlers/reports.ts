import type { CancellationToken, Location } from 'vscode-languageserver';
import { renderReport, reportFormats } from '../../core/report/render';
import { buildReportModel, buildRoadmapModel, type RoadmapModel } from '../../core/report/reportModel';
import { renderRoadmapBoard, roadmapBoardCss } from '../../core/report/roadmapBoard';
import {
  RenderReportRequest,
  RoadmapBoardRequest,
  type RenderedReport,
  type RenderReportParams,
  type RoadmapBoard,
} from '../../protocol';
import { commonFolder } from '../../core/text/commonFolder';
import type { Feature } from '../context';
import { asIs, refused, serveRequest } from '../request';

/**
 * The reports over the live index (server/src/protocol.ts):
 * `specwright/renderReport` renders the report model with the renderers of
 * `specwright report` (core/report/render.ts), and `specwright/roadmapBoard`
 * gives the Roadmap Board fragment of the HTML report to the client's
 * webview. Both go through serveRequest: pending edits first, guarded.
 */
export const reportRequests: Feature = {
  name: 'report requests',

  register(ctx) {
    ctx.connection.onRequest(
      RenderReportRequest.type,
      serveRequest(
        ctx,
        RenderReportRequest.method,
        (p: RenderReportParams): RenderedReport => {
          const format = p?.format;
          if (!(reportFormats as readonly unknown[]).includes(format)) {
            throw refused(
              `Unknown report format ${JSON.stringify(format)}: use one of ${reportFormats.join(', ')}.`,
            );
          }
          const model = buildReportModel(ctx.service, { displayPath: reportDisplayPath(ctx.folders.list()) });
          return { text: renderReport(model, format) };
        },
        asIs,
      ),
    );

    const board = serveRequest(
      ctx,
      RoadmapBoardRequest.method,
      (): RoadmapBoard => {
        const model = buildRoadmapModel(ctx.service);
        return {
          html: renderRoadmapBoard(model, { cardLink: id => `#epic:${id}` }),
          css: roadmapBoardCss,
          epics: epicLocations(model.roadmap),
        };
      },
      asIs,
    );
    ctx.connection.onRequest(RoadmapBoardRequest.type, (token: CancellationToken) => board(undefined, token));
  },
};

/** The definition of every epic on the board, by ID; the first one (in board order) for a duplicated ID. */
function epicLocations(roadmap: RoadmapModel): Record<string, Location> {
  const out: Record<string, Location> = {};
  const epics = [...roadmap.horizons.flatMap(h => h.releases.flatMap(r => r.epics)), ...roadmap.unscheduled];
  // buildRoadmapModel without displayPath names files by URI.
  for (const e of epics) if (!Object.hasOwn(out, e.id)) out[e.id] = { uri: e.file, range: e.range };
  return out;
}

/**
 * File names as `specwright report` prints them: relative to the deepest
 * folder that holds every workspace folder, with `/`, percent-decoded. A
 * file outside that folder (a document opened from elsewhere) keeps its URI.
 */
export function reportDisplayPath(folders: readonly string[]): (uri: string) => string {
  // `scheme:`, '', authority: below that there is no common folder.
  const common = commonFolder(folders, '/', 3);
  const root = common === undefined ? undefined : common + '/';
  return uri => {
    if (root === undefined || !uri.startsWith(root) || uri.length === root.length) return uri;
    try {
      return decodeURIComponent(uri.slice(root.length));
    } catch {
      return uri.slice(root.length);
    }
  };
}
