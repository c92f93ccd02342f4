import { compareSource } from '../text/compareIds';
import { mdCode, mdLinkTarget, mdText } from '../text/markdown';
import { ticketKinds, ticketLinksOf } from '../tickets';
import type { Item } from '../types';
import type { WorkspaceView } from '../workspaceView';
import { csvField, escapeHtml } from './escape';
import type { ItemRef, ReportTicket, TicketRow } from './modelTypes';

/**
 * The report's "Tickets" section: every epic, PRD, requirement and story
 * that names tickets (`tickets:`), in source order, each ticket with the URL
 * `.specwright.yaml` `tickets:` links it to. Present only where some item
 * names a ticket, so a workspace without tickets gets the report it had.
 */

/** The section's rows, or undefined when no item names a ticket. */
export function ticketRows(service: WorkspaceView, ref: (item: Item) => ItemRef): TicketRow[] | undefined {
  const rows: TicketRow[] = [];
  const items = [...service.index.items()].filter(i => ticketKinds.includes(i.kind)).sort(compareSource);
  for (const item of items) {
    const tickets = ticketLinksOf(item, service.ticketTemplates(item.uri));
    if (tickets.length)
      rows.push({ item: ref(item), tickets: tickets.map(t => ({ ticket: t.ticket, url: t.url ?? null })) });
  }
  return rows.length ? rows : undefined;
}

export function ticketsMarkdown(rows: TicketRow[] | undefined): string[] {
  if (!rows) return [];
  const out = ['## Tickets', '', '| Item | Tickets | Where |', '| --- | --- | --- |'];
  for (const r of rows) {
    const tickets = r.tickets
      .map(t => (t.url ? `[${mdText(t.ticket)}](${mdLinkTarget(t.url)})` : mdText(t.ticket)))
      .join(', ');
    const title = r.item.title ? ` ${mdText(r.item.title)}` : '';
    out.push(
      `| ${mdCode(r.item.id)}${title} | ${tickets} | ${mdCode(`${r.item.file}:${r.item.range.start.line + 1}`)} |`,
    );
  }
  return out;
}

/** The table of contents entry of the HTML section ('' without tickets). */
export function ticketsTocHtml(rows: TicketRow[] | undefined): string {
  return rows ? ` <a href="#tickets">Tickets (${rows.length})</a>` : '';
}

/** The HTML section ('' without tickets); links open the tracker and tell it nothing of the report. */
export function ticketsHtml(rows: TicketRow[] | undefined): string {
  if (!rows) return '';
  const cell = (t: ReportTicket): string =>
    t.url
      ? `<a href="${escapeHtml(t.url)}" rel="noopener noreferrer">${escapeHtml(t.ticket)}</a>`
      : escapeHtml(t.ticket);
  return `<section id="tickets">
<h2>Tickets</h2>
<table class="sw-table">
<thead><tr><th scope="col">Item</th><th scope="col">Tickets</th><th scope="col">Where</th></tr></thead>
<tbody>
${rows.map(r => `<tr><td><span class="sw-id">${escapeHtml(r.item.id)}</span>${r.item.title ? ` ${escapeHtml(r.item.title)}` : ''}</td><td>${r.tickets.map(cell).join(', ')}</td><td><code>${escapeHtml(`${r.item.file}:${r.item.range.start.line + 1}`)}</code></td></tr>`).join('\n')}
</tbody>
</table>
</section>
`;
}

/** The CSV column's header (none without tickets). */
export function ticketsCsvHeader(rows: TicketRow[] | undefined): string[] {
  return rows ? ['Tickets'] : [];
}

/** The CSV cell of a requirement's row: its ticket keys, joined by `; ` (the JSON format has the URLs). */
export function ticketsCsvCell(rows: TicketRow[] | undefined, requirement: ItemRef): string[] {
  if (!rows) return [];
  const row = rows.find(
    r =>
      r.item.id === requirement.id &&
      r.item.file === requirement.file &&
      r.item.range.start.line === requirement.range.start.line,
  );
  return [csvField((row?.tickets ?? []).map(t => t.ticket).join('; '))];
}
