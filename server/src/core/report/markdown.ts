import { mdCode, mdText } from '../text/markdown';
import { changedSinceReviewMarkdown } from './changedSinceReview';
import { ticketsMarkdown } from './ticketsSection';
import {
  codesText,
  coverageSentence,
  coverageText,
  datesText,
  estimateText,
  findingsText,
  plural,
  progressSentence,
  shareText,
  storiesText,
  traceCells,
  verificationNote,
} from './format';
import type {
  DependencyEdge,
  EpicEntry,
  ItemRef,
  MatrixEpic,
  ReportModel,
  RequirementRow,
  RoadmapModel,
  VerificationFigures,
  VerificationSection,
} from './reportModel';
import { statuses } from '../model';

/**
 * The report as GitHub Flavored Markdown: headings and tables only, every
 * value from the spec files escaped (mdText, mdCode), IDs in code spans.
 */
export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const s = model.summary;
  out.push(`# ${mdText(model.title)}`, '');
  out.push(
    `Specwright report: ${plural(s.files, 'file')}, ${plural(s.items, 'item')}; ${findingsLine(s.findings)}.`,
    '',
  );

  out.push('## Summary', '', '### Items by kind and status', '');
  const extra = s.kinds.some(k => k.statuses.other !== undefined) ? ['other'] : [];
  const columns = [...statuses, ...extra];
  out.push(row(['Kind', 'Total', ...columns]), row(['---', '---:', ...columns.map(() => '---:')]));
  for (const k of s.kinds)
    out.push(row([k.kind, String(k.total), ...columns.map(c => String(k.statuses[c] ?? 0))]));
  out.push('', '### Findings by code', '');
  if (s.codes.length) {
    out.push(row(['Code', 'Severity', 'Count']), row(['---', '---', '---:']));
    for (const c of s.codes) out.push(row([mdCode(c.code), c.severity, String(c.count)]));
  } else {
    out.push('No findings.');
  }

  out.push('', '## Roadmap', '', ...roadmapSection(model.roadmap));

  out.push('## Traceability', '');
  if (!model.traceability.length && !model.untracedGoals.length) out.push('No goals, epics or PRDs.', '');
  for (const e of model.traceability) out.push(...epicSection(e, model.requirements), '');
  if (model.untracedGoals.length)
    out.push('### Goals nothing traces up to', '', ...model.untracedGoals.map(g => `- ${ref(g)}`), '');

  out.push('## Uncovered requirements', '');
  out.push(coverageSentence(s.coverage), '');
  out.push(...uncoveredSection(model.uncovered.map(i => model.requirements[i])), '');
  if (model.verification) out.push('## Verification', '', ...verificationSection(model.verification), '');

  out.push('## Dependencies', '');
  out.push(...dependencySection(model.dependencies));
  const changed = changedSinceReviewMarkdown(model.changedSinceReview);
  if (changed.length) out.push('', ...changed);
  const tickets = ticketsMarkdown(model.tickets);
  if (tickets.length) out.push('', ...tickets);
  return out.join('\n') + '\n';
}

/** The roadmap by horizon, each release with its epics and progress, then the unscheduled epics (`specwright mcp` serves it alone). */
export function roadmapSection(roadmap: RoadmapModel): string[] {
  const out: string[] = [];
  for (const column of roadmap.horizons) {
    out.push(`### ${column.horizon === null ? 'No horizon' : capitalize(column.horizon)}`, '');
    if (!column.releases.length) out.push('No releases.', '');
    for (const r of column.releases) {
      out.push(`#### ${ref(r)}`, '');
      const dates = datesText(r.start, r.end);
      out.push(
        [mdText(r.status), mdText(dates), progressSentence(r.progress)].filter(Boolean).join(' · '),
        '',
      );
      out.push(...epicTable(r.epics), '');
    }
  }
  if (roadmap.unscheduled.length)
    out.push('### Unscheduled', '', 'Epics without a release.', '', ...epicTable(roadmap.unscheduled), '');
  return out;
}

function epicTable(epics: EpicEntry[]): string[] {
  if (!epics.length) return ['No epics.'];
  return [
    row(['Epic', 'Status', 'Priority', 'Stories done', 'Estimate done', 'Findings']),
    row(['---', '---', '---', '---:', '---:', '---']),
    ...epics.map(e =>
      row([
        ref(e),
        mdText(e.status),
        e.priority === null ? '' : mdText(e.priority),
        storiesText(e.progress),
        estimateText(e.progress),
        findingsCell(e.findings),
      ]),
    ),
  ];
}

/** An epic once, its goals once, and a row per requirement (the PRD's own extra goals on its first row only). */
function epicSection(e: MatrixEpic, rows: RequirementRow[]): string[] {
  const out = [`### ${e.epic ? ref(e.epic) : 'PRDs without an epic'}`, ''];
  if (e.epic) out.push(`Goals: ${goalList(e.goals)}`, '');
  if (!e.prds.length) return [...out, 'No PRDs.'];
  // Where the report has a verification section, every row has `trace`: three more columns.
  const traced = rows.some(r => r.trace);
  out.push(
    row([
      'PRD',
      'Coverage',
      'Requirement',
      'Priority',
      'Status',
      'Stories',
      'Stories done',
      ...(traced ? ['Implemented', 'Tests', 'Passing'] : []),
    ]),
    row(['---', '---:', '---', '---', '---', '---', '---:', ...(traced ? ['---', '---:', '---:'] : [])]),
  );
  const none = traced ? ['', '', ''] : [];
  for (const p of e.prds) {
    const extra = p.goals.filter(g => !e.goals.includes(g));
    const prd = `${ref(p.prd)}${extra.length ? ` (goals: ${goalList(extra)})` : ''}`;
    const coverage = coverageText(p.coverage);
    if (!p.requirements.length) out.push(row([prd, coverage, 'no requirements', '', '', '', '', ...none]));
    p.requirements.forEach((i, n) => {
      const r = rows[i];
      out.push(
        row([
          n === 0 ? prd : mdCode(p.prd.id),
          coverage,
          ref(r),
          r.priority === null ? '' : mdText(r.priority),
          mdText(r.status),
          storiesCell(r),
          r.stories.length ? storiesText(r.progress) : '',
          ...(r.trace ? traceCells(r.trace) : none),
        ]),
      );
    });
  }
  return out;
}

/** Per release: committed requirements, and how many are implemented and verified. */
function verificationSection(v: VerificationSection): string[] {
  const line = (name: string, f: VerificationFigures): string =>
    row([
      name,
      String(f.specified),
      shareText(f.implemented, f.specified, f.implementedPercent),
      shareText(f.verified, f.specified, f.verifiedPercent),
    ]);
  return [
    verificationNote,
    '',
    row(['Release', 'Specified', 'Implemented', 'Verified']),
    row(['---', '---:', '---:', '---:']),
    ...v.releases.map(r => line(ref(r.release), r)),
    ...(v.unscheduled ? [line('No release', v.unscheduled)] : []),
    line('**All**', v.total),
  ];
}

function goalList(ids: string[]): string {
  return ids.length ? ids.map(mdCode).join(', ') : 'none';
}

function uncoveredSection(rows: RequirementRow[]): string[] {
  if (!rows.length) return ['Every committed requirement has at least one story.'];
  return [
    row(['Requirement', 'Status', 'Priority', 'PRD', 'Epic', 'Where']),
    row(['---', '---', '---', '---', '---', '---']),
    ...rows.map(r =>
      row([
        ref(r),
        mdText(r.status),
        r.priority === null ? '' : mdText(r.priority),
        r.prd ? mdCode(r.prd) : '',
        r.epic ? mdCode(r.epic) : '',
        where(r),
      ]),
    ),
  ];
}

function dependencySection(edges: DependencyEdge[]): string[] {
  if (!edges.length) return ['No `depends_on` links.'];
  return [
    row(['Item', 'Kind', 'Depends on', 'Conflicts']),
    row(['---', '---', '---', '---']),
    ...edges.map(d =>
      row([
        ref(d.from),
        d.from.kind,
        d.to ? ref(d.to) : `${mdCode(d.target)} (not defined)`,
        d.conflicts.map(c => `${mdCode(c.code)} ${mdText(c.message)}`).join('; '),
      ]),
    ),
  ];
}

function ref(item: ItemRef): string {
  return item.title ? `${mdCode(item.id)} ${mdText(item.title)}` : mdCode(item.id);
}

function storiesCell(r: RequirementRow): string {
  return r.stories.length ? r.stories.map(s => `${mdCode(s.id)} ${mdText(s.status)}`).join(', ') : 'none';
}

function findingsCell(f: {
  error: number;
  warning: number;
  info: number;
  codes: Record<string, number>;
}): string {
  const counts = findingsText(f);
  return counts ? `${counts}: ${mdText(codesText(f))}` : '';
}

function where(item: ItemRef): string {
  return mdCode(`${item.file}:${item.range.start.line + 1}`);
}

function findingsLine(f: { error: number; warning: number; info: number }): string {
  return `${plural(f.error, 'error')}, ${plural(f.warning, 'warning')}, ${f.info} info`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
