import { changedSinceReviewCsvCell, changedSinceReviewCsvHeader } from './changedSinceReview';
import { csvField } from './escape';
import { ticketsCsvCell, ticketsCsvHeader } from './ticketsSection';
import type { ReportModel } from './reportModel';

/**
 * The requirements as CSV (RFC 4180: comma-separated, CRLF line ends, fields
 * quoted when needed, a header row): one row per requirement with its chain
 * (goals, release, epic, PRD), status, priority and progress; where the
 * workspace configures `trace:`, whether code implements it and its tests
 * and passing tests.
 *
 * Counts are separate numeric columns, never "1/3", which spreadsheets read
 * as a date. The text starts with a UTF-8 byte order mark: Excel opens a CSV
 * file without one in the system's legacy code page and garbles every
 * non-ASCII character (titles with "é", "→", "—"); LibreOffice, Google
 * Sheets and Numbers accept the mark, and programs that read the file should
 * use the JSON format instead.
 */
/**
 * A row names at most this many goals and counts the rest, so that a row's
 * size never grows with the number of goals: a workspace whose epics each
 * trace up to hundreds of goals would otherwise make a CSV of requirements ×
 * goals (the matrix of the other formats names every goal once per epic).
 */
export const goalsPerRow = 10;

function goalCell(goals: readonly string[]): string {
  if (goals.length <= goalsPerRow) return goals.join('; ');
  return `${goals.slice(0, goalsPerRow).join('; ')}; … and ${goals.length - goalsPerRow} more`;
}

export function renderCsv(model: ReportModel): string {
  const header = [
    'Goal',
    'Release',
    'Epic',
    'PRD',
    'Requirement',
    'Title',
    'Status',
    'Priority',
    'Stories done',
    'Stories total',
    'Estimate done',
    'Estimate total',
    'Stories',
    ...(model.verification ? ['Implemented', 'Tests', 'Passing'] : []),
    'File',
    'Line',
    ...changedSinceReviewCsvHeader(model.changedSinceReview),
    ...ticketsCsvHeader(model.tickets),
  ];
  // A requirement's goals are its PRD's (the model names them once per PRD).
  const goalsOf = new Map<number, string[]>();
  for (const e of model.traceability)
    for (const p of e.prds) for (const i of p.requirements) goalsOf.set(i, p.goals);
  const rows = model.requirements.map((r, i) => [
    csvField(goalCell(goalsOf.get(i) ?? [])),
    csvField(r.release),
    csvField(r.epic),
    csvField(r.prd),
    csvField(r.id),
    csvField(r.title),
    csvField(r.status),
    csvField(r.priority),
    csvField(r.progress.done),
    csvField(r.progress.total),
    csvField(round(r.progress.doneEstimate)),
    csvField(round(r.progress.totalEstimate)),
    csvField(r.stories.map(s => s.id).join('; ')),
    ...(r.trace
      ? [csvField(r.trace.implemented ? 'yes' : 'no'), csvField(r.trace.tests), csvField(r.trace.passing)]
      : []),
    csvField(r.file),
    csvField(r.range.start.line + 1),
    ...changedSinceReviewCsvCell(model.changedSinceReview, r.id),
    ...ticketsCsvCell(model.tickets, r),
  ]);
  return '\uFEFF' + [header.map(csvField), ...rows].map(cells => cells.join(',') + '\r\n').join('');
}

/** Sums of estimates without floating-point noise (0.1 + 0.2 is 0.3 here). */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
