import { statuses } from '../model';
import { changedSinceReviewHtml, changedSinceReviewTocHtml } from './changedSinceReview';
import { ticketsHtml, ticketsTocHtml } from './ticketsSection';
import { escapeHtml } from './escape';
import { coverageSentence, plural, shareText, storiesText, traceCells, verificationNote } from './format';
import { findingBadges, itemLabel, statusBadge } from './htmlParts';
import type {
  DependencyEdge,
  ItemRef,
  MatrixEpic,
  ReportModel,
  RequirementRow,
  VerificationFigures,
  VerificationSection,
} from './reportModel';
import { renderRoadmapBoard, roadmapBoardCss } from './roadmapBoard';

/**
 * The report as one self-contained HTML file: inline CSS, system fonts, no
 * script, no image, no link to anything outside the file (its
 * Content-Security-Policy forbids loading any), a print stylesheet, and every
 * value from the spec files escaped.
 */
export function renderHtml(model: ReportModel): string {
  const s = model.summary;
  const title = model.title === 'Specwright report' ? model.title : `${model.title} — Specwright report`;
  const anchors = new Set<string>();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Specwright">
<title>${escapeHtml(title)}</title>
<style>
${reportCss}${roadmapBoardCss}</style>
</head>
<body>
<header class="sw-page-head">
<h1>${escapeHtml(model.title)}</h1>
<p class="sw-lede">Specwright report · ${plural(s.files, 'file')} · ${plural(s.items, 'item')} · ${plural(s.findings.error, 'error')} · ${plural(s.findings.warning, 'warning')} · ${s.findings.info} info</p>
<nav class="sw-toc" aria-label="Sections"><a href="#summary">Summary</a> <a href="#roadmap">Roadmap</a> <a href="#traceability">Traceability</a> <a href="#uncovered">Uncovered requirements (${model.uncovered.length})</a> <a href="#dependencies">Dependencies (${model.dependencies.length})</a>${model.verification ? ' <a href="#verification">Verification</a>' : ''}${changedSinceReviewTocHtml(model.changedSinceReview)}${ticketsTocHtml(model.tickets)}</nav>
</header>
<main>
<section id="summary">
<h2>Summary</h2>
<div class="sw-split">
${kindsTable(model)}
${codesTable(model)}
</div>
</section>
<section id="roadmap">
<h2>Roadmap</h2>
${renderRoadmapBoard(model, { cardLink: id => `#${epicAnchor(id)}` })}</section>
<section id="traceability">
<h2>Traceability</h2>
<p class="sw-note">Goal → epic → PRD → requirement → stories: each epic once with the goals it serves, each requirement once. Coverage: approved, in-progress and done requirements of the PRD with at least one story. Stories done: cancelled stories left out.</p>
${model.traceability.length ? matrixTable(model.traceability, model.requirements, anchors) : '<p class="sw-empty">No epics or PRDs.</p>'}
${model.untracedGoals.length ? `<h3>Goals nothing traces up to</h3>\n<ul>${model.untracedGoals.map(g => `<li>${itemLabel(g)}</li>`).join('')}</ul>` : ''}
</section>
<section id="uncovered">
<h2>Uncovered requirements</h2>
<p class="sw-note">${escapeHtml(coverageSentence(model.summary.coverage))}</p>
${uncoveredTable(model.uncovered.map(i => model.requirements[i]))}
</section>
<section id="dependencies">
<h2>Dependencies</h2>
${dependencyTable(model.dependencies)}
</section>
${model.verification ? verificationHtml(model.verification) : ''}${changedSinceReviewHtml(model.changedSinceReview)}${ticketsHtml(model.tickets)}</main>
</body>
</html>
`;
}

/** The fragment id of an epic's first row in the matrix (what the board's cards link to). */
export function epicAnchor(id: string): string {
  return `epic-${id}`;
}

function kindsTable(model: ReportModel): string {
  const kinds = model.summary.kinds;
  const columns: string[] = [
    ...statuses,
    ...(kinds.some(k => k.statuses.other !== undefined) ? ['other'] : []),
  ];
  const head = `<tr><th scope="col">Kind</th><th scope="col" class="sw-num">Total</th>${columns.map(c => `<th scope="col" class="sw-num">${c}</th>`).join('')}</tr>`;
  const rows = kinds.map(
    k =>
      `<tr><th scope="row">${k.kind}</th><td class="sw-num">${k.total}</td>${columns.map(c => `<td class="sw-num${k.statuses[c] ? '' : ' sw-zero'}">${k.statuses[c] ?? 0}</td>`).join('')}</tr>`,
  );
  return `<table class="sw-table">\n<caption>Items by kind and status</caption>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function codesTable(model: ReportModel): string {
  const codes = model.summary.codes;
  if (!codes.length) return '<p class="sw-empty">No findings.</p>';
  const rows = codes.map(
    c =>
      `<tr><td><code>${escapeHtml(c.code)}</code></td><td><span class="sw-finding sw-finding-${c.severity}">${c.severity}</span></td><td class="sw-num">${c.count}</td></tr>`,
  );
  return `<table class="sw-table">\n<caption>Findings by code</caption>\n<thead><tr><th scope="col">Code</th><th scope="col">Severity</th><th scope="col" class="sw-num">Count</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function matrixTable(epics: MatrixEpic[], requirements: RequirementRow[], anchors: Set<string>): string {
  const rows: string[] = [];
  // Where the report has a verification section, every row has `trace`: three more columns.
  const traceColumns = requirements.some(r => r.trace) ? 3 : 0;
  for (const e of epics) {
    const epicRows = Math.max(
      1,
      e.prds.reduce((n, p) => n + Math.max(1, p.requirements.length), 0),
    );
    let epicCell = '';
    if (e.epic) {
      const anchor = epicAnchor(e.epic.id);
      const id = anchors.has(anchor) ? '' : ` id="${escapeHtml(anchor)}"`;
      anchors.add(anchor);
      epicCell = `<th scope="rowgroup" rowspan="${epicRows}"${id}>${itemLabel(e.epic)} ${statusBadge(e.epic.status)}${goalsLine(e.goals)}</th>`;
    } else {
      epicCell = `<th scope="rowgroup" rowspan="${epicRows}" class="sw-muted">No epic</th>`;
    }
    if (!e.prds.length) {
      rows.push(
        `<tr class="sw-group">${epicCell}<td colspan="${6 + traceColumns}" class="sw-muted">No PRD</td></tr>`,
      );
      continue;
    }
    e.prds.forEach((p, pi) => {
      const reqs = p.requirements.map(i => requirements[i]);
      const n = Math.max(1, reqs.length);
      const extra = p.goals.filter(g => !e.goals.includes(g));
      const prdCell = `<td rowspan="${n}">${itemLabel(p.prd)} ${statusBadge(p.prd.status)}${goalsLine(extra, e.epic ? 'also ' : '')}<div class="sw-coverage">${p.coverage.total ? `${p.coverage.covered}/${p.coverage.total} covered (${p.coverage.percent}%)` : 'none committed'}</div></td>`;
      const lead = (pi === 0 ? epicCell : '') + prdCell;
      const cls = pi === 0 ? ' class="sw-group"' : '';
      if (!reqs.length) {
        rows.push(
          `<tr${cls}>${lead}<td colspan="${5 + traceColumns}" class="sw-muted">No requirements</td></tr>`,
        );
        return;
      }
      reqs.forEach((r, ri) =>
        rows.push(`<tr${ri === 0 ? cls : ''}>${ri === 0 ? lead : ''}${requirementCells(r)}</tr>`),
      );
    });
  }
  return `<table class="sw-table sw-matrix">
<thead><tr><th scope="col">Epic</th><th scope="col">PRD</th><th scope="col">Requirement</th><th scope="col">Priority</th><th scope="col">Status</th><th scope="col">Stories</th><th scope="col" class="sw-num">Done</th>${traceColumns ? '<th scope="col">Implemented</th><th scope="col" class="sw-num">Tests</th><th scope="col" class="sw-num">Passing</th>' : ''}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** "Goals: G-1, G-2" under an epic or PRD; nothing when there are none. */
function goalsLine(ids: string[], lead = ''): string {
  return ids.length
    ? `<div class="sw-goals">${lead}goals: ${ids.map(id => `<span class="sw-id">${escapeHtml(id)}</span>`).join(', ')}</div>`
    : '';
}

function requirementCells(r: RequirementRow): string {
  const stories = r.stories.length
    ? r.stories
        .map(
          s => `<span class="sw-story">${itemLabel({ id: s.id, title: '' })} ${statusBadge(s.status)}</span>`,
        )
        .join(' ')
    : '<span class="sw-uncovered">No stories</span>';
  return `<td>${itemLabel(r)} ${findingBadges(r.findings)}</td><td>${escapeHtml(r.priority ?? '')}</td><td>${statusBadge(r.status)}</td><td>${stories}</td><td class="sw-num">${r.stories.length ? escapeHtml(storiesText(r.progress)) : ''}</td>${r.trace ? traceHtml(r.trace) : ''}`;
}

function traceHtml(t: NonNullable<RequirementRow['trace']>): string {
  const [implemented, tests, passing] = traceCells(t);
  const failing = t.failing ? ' sw-uncovered' : '';
  return `<td>${implemented}</td><td class="sw-num">${tests}</td><td class="sw-num${failing}">${escapeHtml(passing)}</td>`;
}

/** The "Verification" section: per release, committed requirements implemented and verified. */
function verificationHtml(v: VerificationSection): string {
  const row = (head: string, f: VerificationFigures): string =>
    `<tr><th scope="row">${head}</th><td class="sw-num">${f.specified}</td><td class="sw-num">${escapeHtml(shareText(f.implemented, f.specified, f.implementedPercent))}</td><td class="sw-num">${escapeHtml(shareText(f.verified, f.specified, f.verifiedPercent))}</td></tr>`;
  const rows = [
    ...v.releases.map(r => row(`${itemLabel(r.release)} ${statusBadge(r.release.status)}`, r)),
    ...(v.unscheduled ? [row('<span class="sw-muted">No release</span>', v.unscheduled)] : []),
    row('All', v.total),
  ];
  return `<section id="verification">
<h2>Verification</h2>
<p class="sw-note">${escapeHtml(verificationNote)}</p>
<table class="sw-table">
<thead><tr><th scope="col">Release</th><th scope="col" class="sw-num">Specified</th><th scope="col" class="sw-num">Implemented</th><th scope="col" class="sw-num">Verified</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>
`;
}

function uncoveredTable(rows: RequirementRow[]): string {
  if (!rows.length) return '<p class="sw-empty">Every committed requirement has at least one story.</p>';
  const body = rows.map(
    r =>
      `<tr><td>${itemLabel(r)}</td><td>${statusBadge(r.status)}</td><td>${escapeHtml(r.priority ?? '')}</td><td>${r.prd ? `<span class="sw-id">${escapeHtml(r.prd)}</span>` : ''}</td><td>${r.epic ? `<span class="sw-id">${escapeHtml(r.epic)}</span>` : ''}</td><td>${where(r)}</td></tr>`,
  );
  return `<p class="sw-note">${plural(rows.length, 'requirement has', 'requirements have')} no implementing story.</p>
<table class="sw-table">
<thead><tr><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">PRD</th><th scope="col">Epic</th><th scope="col">Where</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

function dependencyTable(edges: DependencyEdge[]): string {
  if (!edges.length) return '<p class="sw-empty">No <code>depends_on</code> links.</p>';
  const conflicts = edges.filter(e => e.conflicts.length).length;
  const body = edges.map(d => {
    const to = d.to
      ? `${itemLabel(d.to)} ${statusBadge(d.to.status)}`
      : `<span class="sw-id">${escapeHtml(d.target)}</span> <span class="sw-muted">(not defined)</span>`;
    const list = d.conflicts
      .map(
        c =>
          `<li><span class="sw-finding sw-finding-${c.severity}">${escapeHtml(c.code)}</span> ${escapeHtml(c.message)}</li>`,
      )
      .join('');
    return `<tr${d.conflicts.length ? ' class="sw-conflict"' : ''}><td>${itemLabel(d.from)} ${statusBadge(d.from.status)}</td><td>${d.from.kind}</td><td>${to}</td><td>${list ? `<ul class="sw-conflicts">${list}</ul>` : ''}</td></tr>`;
  });
  return `<p class="sw-note">${plural(edges.length, 'link')}, ${conflicts ? plural(conflicts, 'with a conflict', 'with conflicts') : 'no conflicts'}.</p>
<table class="sw-table">
<thead><tr><th scope="col">Item</th><th scope="col">Kind</th><th scope="col">Depends on</th><th scope="col">Conflicts</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

function where(item: ItemRef): string {
  return `<code>${escapeHtml(`${item.file}:${item.range.start.line + 1}`)}</code>`;
}

const reportCss = `
:root { color-scheme: light dark; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--sw-fg, #1f2328); background: var(--sw-bg, #ffffff); }
main, .sw-page-head { max-width: 1280px; margin: 0 auto; }
h1 { font-size: 2em; margin: 0 0 4px; }
h2 { font-size: 1.45em; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--sw-border, #d0d7de); }
h3 { font-size: 1.15em; margin: 20px 0 8px; }
a { color: var(--sw-accent, #0969da); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.sw-lede { color: var(--sw-muted, #59636e); margin: 0 0 8px; }
.sw-toc { display: flex; flex-wrap: wrap; gap: 4px 16px; }
.sw-note { color: var(--sw-muted, #59636e); margin: 4px 0 8px; }
.sw-muted, .sw-zero { color: var(--sw-muted, #59636e); }
.sw-split { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.sw-table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
.sw-table caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
.sw-table th, .sw-table td { border: 1px solid var(--sw-border, #d0d7de); padding: 4px 8px; text-align: left; vertical-align: top; }
.sw-table thead th { background: var(--sw-column, #f6f8fa); }
.sw-table tbody th { font-weight: 600; }
.sw-num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sw-matrix { width: 100%; }
.sw-matrix tr.sw-group > * { border-top: 2px solid var(--sw-border, #d0d7de); }
.sw-coverage { color: var(--sw-muted, #59636e); font-size: 0.85em; font-weight: normal; }
.sw-story { white-space: nowrap; margin-right: 6px; }
.sw-uncovered { color: var(--sw-warning, #9a6700); font-weight: 600; }
.sw-conflict td { background: #fff8c5; }
.sw-conflicts { margin: 0; padding-left: 0; list-style: none; }
.sw-conflicts li + li { margin-top: 4px; }
@media (prefers-color-scheme: dark) {
  :root { --sw-fg: #e6edf3; --sw-muted: #9198a1; --sw-bg: #0d1117; --sw-surface: #151b23; --sw-column: #1b222c; --sw-border: #3d444d; --sw-accent: #4493f8; --sw-done: #3fb950; --sw-track: #3d444d; --sw-error: #f85149; --sw-warning: #d29922; --sw-info: #4493f8; }
  .sw-conflict td { background: #2e2a16; }
}
@page { margin: 14mm 12mm; }
@media print {
  :root { --sw-fg: #000000; --sw-muted: #444444; --sw-bg: #ffffff; --sw-surface: #ffffff; --sw-column: #f3f3f3; --sw-border: #999999; }
  body { padding: 0; font-size: 10pt; }
  main, .sw-page-head { max-width: none; }
  .sw-toc { display: none; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  #traceability, #dependencies { break-before: page; }
  .sw-table { font-size: 0.9em; }
  .sw-table thead { display: table-header-group; }
  .sw-table tr { break-inside: avoid; }
  .sw-conflict td { background: #ffffff; border-left-width: 3px; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trimStart();
