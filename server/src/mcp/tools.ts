import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { rollupOf, upstreamChain } from '../core/features/hover';
import { childrenOf, dependentsOf } from '../core/graph/trace';
import { coverageOf, percent, percentDown, progressOf } from '../core/graph/progress';
import { priorities, statuses, statusOf } from '../core/model';
import { countCoverage, isUncovered } from '../core/graph/coverage';
import { DiagnosticCode } from '../core/codes';
import { itemTraceFindings } from '../core/refs/traceService';
import { ItemFindings } from '../core/report/itemFindings';
import { buildRoadmapModel, chainOf, itemRef, type ItemRef } from '../core/report/reportModel';
import { buildTrace } from '../core/report/traceModel';
import { itemReferences } from '../core/refs/itemReferences';
import { itemKinds } from '../core/reviews/contentFields';
import { compareIds } from '../core/text/compareIds';
import type { Diagnostic, Item, Severity } from '../core/types';
import { answer } from './answer';
import { findItem, unknownIdMessage } from './lookup';
import type { ServedWorkspace } from './servedWorkspace';

// ---- shapes --------------------------------------------------------------------------
// Inputs are named as the CLI names things; outputs reuse the CLI's JSON shapes (docs/format.md).

const position = z.object({ line: z.number().int(), character: z.number().int() });
const range = z.object({ start: position, end: position });
const itemRefShape = {
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  file: z.string().describe('relative to the workspace root, with /'),
  range: range.describe('of the ID, 0-based'),
};
const itemRefSchema = z.object(itemRefShape);
const diagnosticSchema = z.looseObject({
  file: z.string(),
  range,
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
});
const severity = z.enum(['error', 'warning', 'info']);
const id = z.string().min(1).describe('the ID of an item, for example REQ-12');

/** The JSON shape of the CLI's findings for one diagnostic of the core. */
function cliDiagnostic(ws: ServedWorkspace, d: Diagnostic) {
  return {
    file: ws.relative(d.uri),
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** The item with an ID; an unknown ID is a tool error that names the closest IDs. */
function itemOrFail(ws: ServedWorkspace, wanted: string): Item {
  const item = findItem(ws.service, wanted);
  if (!item) throw new Error(unknownIdMessage(ws.service, wanted));
  return item;
}

// ---- the tools -----------------------------------------------------------------------

/** Registers the read-only tools of the index: search, get_item, trace, check, roadmap, coverage. */
export function registerTools(server: McpServer, ws: ServedWorkspace): void {
  const ref = (item: Item): ItemRef => itemRef(item, uri => ws.relative(uri));
  const readOnly = { readOnlyHint: true, openWorldHint: false };

  server.registerTool(
    'search',
    {
      title: 'Search spec items',
      description:
        'Find items (goals, releases, epics, PRDs, requirements, stories, ...). `query` matches IDs, titles and text (every word must occur, case-insensitive); the other inputs filter. Without any input, lists every item.',
      inputSchema: {
        query: z.string().optional().describe('words to find in IDs, titles and text'),
        kind: z.enum(itemKinds as [string, ...string[]]).optional(),
        status: z
          .string()
          .optional()
          .describe(`one of ${statuses.join(', ')}`),
        priority: z
          .string()
          .optional()
          .describe(`one of ${priorities.join(', ')}`),
        release: z.string().optional().describe('the ID of a release: items it holds or that trace up to it'),
        owner: z.string().optional(),
        file: z.string().optional().describe('a file or folder, relative to the workspace root'),
        limit: z.number().int().min(1).max(1000).optional().describe('at most this many items (default 100)'),
      },
      outputSchema: {
        total: z.number().int().describe('items that match, before the limit'),
        items: z.array(
          z.object({ ...itemRefShape, priority: z.string().nullable(), owner: z.string().nullable() }),
        ),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      const words = (args.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const inFile = fileFilter(args.file);
      const found: Item[] = [];
      for (const item of ws.service.index.items()) {
        if (args.kind !== undefined && item.kind !== args.kind) continue;
        if (args.status !== undefined && statusOf(item.fields) !== args.status) continue;
        if (args.priority !== undefined && item.fields.priority !== args.priority) continue;
        if (args.owner !== undefined && !sameText(item.fields.owner, args.owner)) continue;
        if (!inFile(ws.relative(item.uri))) continue;
        if (args.release !== undefined && !inRelease(ws, item, args.release)) continue;
        if (words.length) {
          const text = searchText(item);
          if (!words.every(w => text.includes(w))) continue;
        }
        found.push(item);
      }
      // The ID asked for first, then in natural ID order.
      const exact = args.query?.trim();
      found.sort((a, b) => Number(b.id === exact) - Number(a.id === exact) || compareIds(a.id, b.id));
      const limit = args.limit ?? 100;
      return answer({
        total: found.length,
        items: found.slice(0, limit).map(item => ({
          ...ref(item),
          priority: stringOrNull(item.fields.priority),
          owner: stringOrNull(item.fields.owner),
        })),
      });
    },
  );

  server.registerTool(
    'get_item',
    {
      title: 'Get a spec item',
      description:
        'One item: its fields, file and line, the chain above it (requirement → PRD → epic → release → goals), the items below it and those that depend on it, its findings and its roll-up (story progress, coverage).',
      inputSchema: { id },
      outputSchema: {
        item: z.object({
          ...itemRefShape,
          line: z.number().int().describe('1-based line of the ID'),
          fields: z.record(z.string(), z.unknown()).describe('the scalar fields as written'),
          links: z.array(z.object({ field: z.string(), target: z.string() })),
        }),
        definitions: z.number().int().describe('how often the ID is defined (more than 1: duplicate-id)'),
        upstream: z.array(z.array(itemRefSchema)).describe('the levels above the item, nearest first'),
        downstream: z.array(z.object({ ...itemRefShape, via: z.string() })),
        findings: z.array(diagnosticSchema),
        rollup: z.object({
          summary: z.array(z.string()),
          progress: z
            .object({
              stories: z.number(),
              done: z.number(),
              cancelled: z.number(),
              total: z.number(),
              doneEstimate: z.number(),
              totalEstimate: z.number(),
              percent: z.number(),
            })
            .nullable(),
          coverage: z.object({ covered: z.number(), total: z.number(), percent: z.number() }).nullable(),
        }),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      const item = itemOrFail(ws, args.id);
      const index = ws.service.index;
      const below = [
        ...childrenOf(index, item).map(c => ({ ...ref(c.item), via: c.via })),
        ...dependentsOf(index, item).map(d => ({ ...ref(d), via: 'depends_on' })),
      ];
      const p = hasProgress(item) ? progressOf(index, item.id) : undefined;
      const c = item.kind === 'prd' ? coverageOf(index, item.id) : undefined;
      return answer({
        item: {
          ...ref(item),
          line: item.idRange.start.line + 1,
          fields: item.fields,
          links: item.links.map(l => ({ field: l.field, target: l.target })),
        },
        definitions: index.definitions(item.id).length,
        upstream: upstreamChain(index, item).map(level => level.map(ref)),
        downstream: below,
        findings: new ItemFindings(ws.service).diagnosticsOf(item).map(d => cliDiagnostic(ws, d)),
        rollup: {
          summary: rollupOf(index, item),
          progress: p ? { ...p, percent: percentDown(p.done, p.total) } : null,
          coverage: c
            ? { covered: c.covered.length, total: c.total, percent: percent(c.covered.length, c.total) }
            : null,
        },
      });
    },
  );

  server.registerTool(
    'trace',
    {
      title: 'Trace a spec item',
      description:
        'The item\'s chain up to its goals and everything below it, with statuses and findings: the same JSON as "specwright trace ID --format json".',
      inputSchema: { id },
      outputSchema: {
        version: z.literal(1),
        root: z.string(),
        item: z.looseObject(itemRefShape),
        upstream: z.array(z.looseObject(itemRefShape)),
        downstream: z.array(z.looseObject(itemRefShape)),
        code: z.array(z.looseObject({ file: z.string() })).optional(),
        tests: z.array(z.looseObject({ file: z.string() })).optional(),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      const item = itemOrFail(ws, args.id);
      const trace = buildTrace(ws.service, item, { displayPath: uri => ws.relative(uri) });
      // Code and tests only where trace: globs matched files, as `specwright trace` adds them.
      const refs = ws.service.traces.isEmpty()
        ? undefined
        : itemReferences(ws.service.traces, item.id, uri => ws.relative(uri));
      return answer({ version: 1 as const, root: ws.root, ...trace, ...refs });
    },
  );

  server.registerTool(
    'check',
    {
      title: 'Check the specs',
      description:
        'The diagnostics of the workspace in the JSON shape of "specwright check --format json"; `file`, `code` and `severity` narrow them (the summary counts what is left).',
      inputSchema: {
        file: z.string().optional().describe('a file or folder, relative to the workspace root'),
        code: z.string().optional().describe('a diagnostic code, for example unresolved-link'),
        severity: severity.optional(),
      },
      outputSchema: {
        version: z.literal(1),
        root: z.string(),
        files: z.number().int(),
        items: z.number().int(),
        diagnostics: z.array(diagnosticSchema),
        switchedOff: z.array(z.string()).optional(),
        summary: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      const report = ws.check();
      const inFile = fileFilter(args.file);
      const diagnostics = report.diagnostics.filter(
        d =>
          inFile(d.file) &&
          (args.code === undefined || d.code === args.code) &&
          (args.severity === undefined || d.severity === args.severity),
      );
      const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      for (const d of diagnostics) summary[d.severity]++;
      return answer({ ...report, diagnostics, summary });
    },
  );

  server.registerTool(
    'roadmap',
    {
      title: 'The roadmap',
      description:
        'Releases by horizon (now, next, later, then those without one), each with its epics and the progress of their stories; then the epics without a release.',
      inputSchema: {},
      outputSchema: {
        horizons: z.array(
          z.object({ horizon: z.string().nullable(), releases: z.array(z.looseObject(itemRefShape)) }),
        ),
        unscheduled: z.array(z.looseObject(itemRefShape)),
      },
      annotations: readOnly,
    },
    async () => {
      await ws.settled();
      const { roadmap } = buildRoadmapModel(ws.service, { displayPath: uri => ws.relative(uri) });
      return answer({ horizons: roadmap.horizons, unscheduled: roadmap.unscheduled });
    },
  );

  server.registerTool(
    'coverage',
    {
      title: 'Requirement coverage',
      description:
        "The requirements that are approved, in progress or done and that no story implements (what the uncovered check reports, whatever its severity), and each PRD's coverage; where .specwright.yaml sets `trace:`, also the requirements that are done but that no test verifies (the unverified check) and those whose tests fail in the latest results (the failing-test check). `release`, `priority` and `file` narrow them.",
      inputSchema: {
        release: z.string().optional().describe('the ID of a release'),
        priority: z
          .string()
          .optional()
          .describe(`one of ${priorities.join(', ')}`),
        file: z.string().optional().describe('a file or folder, relative to the workspace root'),
      },
      outputSchema: {
        requirements: z
          .number()
          .int()
          .describe('committed requirements (approved, in progress, done) that pass the filters'),
        covered: z.number().int().describe('of those, the ones that are not uncovered'),
        uncovered: z.array(
          z.object({
            ...itemRefShape,
            priority: z.string().nullable(),
            prd: z.string().nullable(),
            epic: z.string().nullable(),
            release: z.string().nullable(),
          }),
        ),
        unverified: z
          .array(z.object({ ...itemRefShape, message: z.string() }))
          .describe('done, and no test verifies them (nor a story that implements them)'),
        failing: z
          .array(z.object({ ...itemRefShape, message: z.string() }))
          .describe('a test that names them failed in the latest results'),
        prds: z.array(
          z.object({
            prd: itemRefSchema,
            covered: z.number().int(),
            total: z.number().int(),
            percent: z.number(),
          }),
        ),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      const index = ws.service.index;
      const inFile = fileFilter(args.file);
      const keep = (item: Item): boolean => {
        if (args.priority !== undefined && item.fields.priority !== args.priority) return false;
        if (!inFile(ws.relative(item.uri))) return false;
        return args.release === undefined || inRelease(ws, item, args.release);
      };
      const requirements = [...index.items()].filter(i => i.kind === 'requirement' && keep(i));
      requirements.sort((a, b) => compareIds(a.id, b.id));
      // The one coverage rule (graph/coverage.ts), as the uncovered check, the report and the status bar count it.
      const uncovered = requirements.filter(r => isUncovered(index, r));
      const count = countCoverage(index, requirements);
      // The unverified and failing-test rules as the check runs them (refs/traceService.ts), whatever their severity.
      const traced = requirements.flatMap(r =>
        itemTraceFindings([r], ws.service.traces, index, ws.service.traceConfigOf(r.uri)).map(f => ({
          ...ref(r),
          code: f.code,
          message: f.message,
        })),
      );
      const tracedBy = (code: string) => traced.filter(t => t.code === code).map(({ code: _, ...t }) => t);
      const prds = [...index.items()]
        .filter(i => i.kind === 'prd' && keep(i))
        .sort((a, b) => compareIds(a.id, b.id));
      return answer({
        requirements: count.total,
        covered: count.covered,
        uncovered: uncovered.map(r => {
          const chain = chainOf(index, r);
          return {
            ...ref(r),
            priority: stringOrNull(r.fields.priority),
            prd: chain.prd?.id ?? null,
            epic: chain.epic?.id ?? null,
            release: chain.release?.id ?? null,
          };
        }),
        unverified: tracedBy(DiagnosticCode.unverified),
        failing: tracedBy(DiagnosticCode.failingTest),
        prds: prds.map(prd => {
          const c = coverageOf(index, prd.id);
          return {
            prd: ref(prd),
            covered: c.covered.length,
            total: c.total,
            percent: percent(c.covered.length, c.total),
          };
        }),
      });
    },
  );
}

// ---- helpers -------------------------------------------------------------------------

/** The text a query searches: the ID and every string field (title, text, description, ...). */
function searchText(item: Item): string {
  const parts = [item.id];
  for (const v of Object.values(item.fields)) if (typeof v === 'string') parts.push(v);
  return parts.join('\n').toLowerCase();
}

/**
 * The `file` input as a test on a path relative to the root: that file, or
 * anything under that folder (`./`, `\\` and a trailing `/` allowed); no input, or `.`, keeps all.
 */
function fileFilter(file: string | undefined): (relative: string) => boolean {
  const want = file?.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (want === undefined || want === '' || want === '.') return () => true;
  return relative => relative === want || relative.startsWith(want + '/');
}

/** The item is the release, or traces up to it. */
function inRelease(ws: ServedWorkspace, item: Item, release: string): boolean {
  if (item.id === release.trim()) return true;
  return upstreamChain(ws.service.index, item).some(level => level.some(i => i.id === release.trim()));
}

/** Kinds whose stories roll up (graph/progress.ts). */
function hasProgress(item: Item): boolean {
  return ['release', 'epic', 'prd', 'requirement', 'iteration'].includes(item.kind);
}

function sameText(value: unknown, wanted: string): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === wanted.trim().toLowerCase();
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
