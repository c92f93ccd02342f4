import * as assert from 'node:assert/strict';
import { fixture, range, runJson, type Span } from './helpers';

type Related = [string, Span, string];

/** One diagnostic of the CLI's JSON shape (docs/format.md). */
function d(file: string, span: Span, severity: string, code: string, message: string, related?: Related[]) {
  return {
    file,
    range: range(span),
    severity,
    code,
    message,
    ...(related
      ? { relatedInformation: related.map(([f, s, m]) => ({ file: f, range: range(s), message: m })) }
      : {}),
  };
}

describe('cli: json format', () => {
  it('prints the documented shape for a clean workspace', () => {
    const r = runJson(['check'], fixture('cli-clean'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json, {
      version: 1,
      root: fixture('cli-clean'),
      files: 5,
      items: 10,
      diagnostics: [],
      summary: { error: 0, warning: 0, info: 0 },
    });
  });

  it('prints every finding with its 0-based range, code and message', () => {
    const r = runJson(['check', '.'], fixture('cli-findings'));
    assert.equal(r.status, 1, r.stderr);
    const stories = 'iterations/s1.stories.yaml';
    const prd = 'prds/pay.prd.yaml';
    assert.deepEqual(r.json, {
      version: 1,
      root: fixture('cli-findings'),
      files: 8,
      items: 20,
      diagnostics: [
        d(
          'epics/broken.epic.yaml',
          [1, 4, 1, 10],
          'info',
          'orphan',
          'EPIC-3 is not scheduled: it names no release',
        ),
        d('epics/broken.epic.yaml', [2, 7, 3, 0], 'error', 'schema', 'title must be a string (got a list)'),
        d(
          'epics/broken.epic.yaml',
          [3, 0, 3, 0],
          'error',
          'yaml-syntax',
          'Flow sequence in block collection must be sufficiently indented and end with a ]',
        ),
        d(
          'epics/loose.epic.yaml',
          [0, 6, 0, 9],
          'error',
          'kind-mismatch',
          'kind is "prd" but the file name makes this an epic file (*.epic.yaml)',
        ),
        d(
          'epics/loose.epic.yaml',
          [1, 4, 1, 10],
          'info',
          'orphan',
          'EPIC-2 is not scheduled: it names no release',
        ),
        d(
          'epics/pay.epic.yaml',
          [6, 13, 6, 19],
          'warning',
          'schedule-conflict',
          'EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-5, which ships in R-2 (ends 2026-05-01)',
          [['product.roadmap.yaml', [13, 9, 13, 19], 'R-2 ends 2026-05-01']],
        ),
        d(
          stories,
          [5, 8, 5, 12],
          'error',
          'duplicate-id',
          'ST-1 is defined 2 times; IDs must be unique in the workspace',
          [[stories, [17, 8, 17, 12], 'another definition of ST-1']],
        ),
        d(stories, [13, 17, 13, 24], 'error', 'unresolved-link', 'REQ-404 is not defined in this workspace'),
        d(
          stories,
          [16, 17, 16, 23],
          'error',
          'link-kind',
          'implements must name a requirement, but EPIC-1 is an epic',
          [['epics/pay.epic.yaml', [1, 4, 1, 10], 'EPIC-1 is defined here as an epic']],
        ),
        d(
          stories,
          [17, 8, 17, 12],
          'error',
          'duplicate-id',
          'ST-1 is defined 2 times; IDs must be unique in the workspace',
          [[stories, [5, 8, 5, 12], 'another definition of ST-1']],
        ),
        d(
          stories,
          [23, 17, 23, 21],
          'error',
          'dependency-cycle',
          'depends_on forms a cycle: ST-5 → ST-6 → ST-5',
          [[stories, [27, 17, 27, 21], 'ST-6 depends on ST-5']],
        ),
        d(
          stories,
          [27, 17, 27, 21],
          'error',
          'dependency-cycle',
          'depends_on forms a cycle: ST-6 → ST-5 → ST-6',
          [[stories, [23, 17, 23, 21], 'ST-5 depends on ST-6']],
        ),
        d(prd, [3, 8, 3, 12], 'warning', 'status-rollup', 'PRD-1 is done but REQ-2 is still approved', [
          [prd, [19, 12, 19, 20], 'REQ-2 is approved'],
        ]),
        d(
          prd,
          [10, 12, 10, 16],
          'warning',
          'status-rollup',
          'REQ-1 is done but 3 of its items are still open: ST-1 (draft), ST-5 (draft), ST-6 (draft)',
          [
            [stories, [17, 8, 17, 12], 'ST-1 is draft'],
            [stories, [20, 8, 20, 12], 'ST-5 is draft'],
            [stories, [24, 8, 24, 12], 'ST-6 is draft'],
          ],
        ),
        d(
          prd,
          [11, 4, 11, 10],
          'error',
          'schema',
          'unknown key "colour" (allowed here: id, title, statement, priority, status, acceptance_criteria, depends_on, rationale, owner, description, related, tickets)',
        ),
        d(
          prd,
          [14, 17, 14, 22],
          'warning',
          'priority-inversion',
          'REQ-1 is a must but depends on REQ-2, which is only a could',
          [[prd, [18, 14, 18, 19], 'REQ-2 is a could']],
        ),
        d(prd, [15, 8, 15, 13], 'info', 'uncovered', 'REQ-2 is approved but no story implements it'),
        d(
          prd,
          [19, 12, 19, 20],
          'warning',
          'missing-acceptance',
          'REQ-2 is approved but has no acceptance criteria',
        ),
        d(
          'product.roadmap.yaml',
          [13, 9, 13, 19],
          'error',
          'date-order',
          'R-2 ends on 2026-05-01, before it starts on 2026-06-01',
        ),
      ],
      summary: { error: 11, warning: 5, info: 3 },
    });
  });

  it('covers all 14 diagnostic codes in the findings fixture', () => {
    const r = runJson(['check'], fixture('cli-findings'));
    const codes = new Set((r.json.diagnostics as { code: string }[]).map(x => x.code));
    assert.equal(codes.size, 14);
  });

  it('prints one JSON document and nothing on stderr, even with errors', () => {
    const r = runJson(['check'], fixture('cli-findings'));
    assert.equal(r.stderr, '');
    assert.deepEqual(Object.keys(r.json), ['version', 'root', 'files', 'items', 'diagnostics', 'summary']);
    assert.deepEqual(Object.keys(r.json.diagnostics[0]), ['file', 'range', 'severity', 'code', 'message']);
  });
});
