import { DiagnosticCode } from '../codes';
import type { WorkspaceView } from '../workspaceView';
import type { Item } from '../types';
import { mdCode, mdText } from '../text/markdown';
import { isUnder } from '../workspace';
import { csvField, escapeHtml } from './escape';

/**
 * How the section names an item: the report's ItemRef, which the caller
 * makes (this file imports nothing of the report model, which includes it).
 */
export interface LinkEnd {
  id: string;
  title: string;
}

/**
 * The report's "Changed since review" section: every suspect link
 * (docs/format.md, "Review stamps and suspect links"), the item that holds
 * it, the item it points at and the content fields of that item that
 * changed since the link was reviewed. Built from the service's diagnostics
 * (one path for every finding), so a rule switched off or a suppression
 * comment hides a link here as in check. Only where a workspace root keeps
 * stamps (`specwright.reviews`): elsewhere there are no reviews to speak of,
 * and the report has no such section.
 */
export interface SuspectLinkRow<Ref extends LinkEnd = LinkEnd> {
  /** The item that holds the link (downstream). */
  item: Ref;
  /** The link field: `implements`, `depends_on`, ... */
  field: string;
  /** The item it points at (upstream), whose content changed. */
  upstream: Ref;
  /** The content fields of `upstream` that changed since the review, in field order. */
  changed: string[];
  /** The stamp predates a change of `.specwright.yaml`'s content fields. */
  fieldListChanged: boolean;
  /** Where the link is written: its file and the 1-based line of the ID in it. */
  file: string;
  line: number;
}

/** The suspect links of the roots that keep stamps, by upstream ID then holder; undefined where no root does. */
export function changedSinceReview<Ref extends LinkEnd>(
  service: WorkspaceView,
  ref: (item: Item) => Ref,
  displayPath: (uri: string) => string,
): SuspectLinkRow<Ref>[] | undefined {
  const roots = service.reviewRoots();
  if (!roots.length) return undefined;
  const out: SuspectLinkRow<Ref>[] = [];
  for (const uri of service.uris()) {
    if (!roots.some(r => isUnder(uri, r))) continue;
    for (const d of service.diagnostics(uri)) {
      if (d.code !== DiagnosticCode.suspectLink) continue;
      const data = d.data as
        | { from?: string; field?: string; target?: string; changed?: string[]; fieldListChanged?: boolean }
        | undefined;
      if (!data?.from || !data.field || !data.target) continue;
      const holders = service.index.definitions(data.from);
      const holder = holders.find(i => i.uri === uri) ?? holders[0];
      const upstream = service.index.definitions(data.target)[0];
      if (!holder || !upstream) continue;
      out.push({
        item: ref(holder),
        field: data.field,
        upstream: ref(upstream),
        changed: data.changed ?? [],
        fieldListChanged: !!data.fieldListChanged,
        file: displayPath(uri),
        line: d.range.start.line + 1,
      });
    }
  }
  return out.sort(
    (a, b) =>
      compare(a.upstream.id, b.upstream.id) ||
      compare(a.item.id, b.item.id) ||
      compare(a.field, b.field) ||
      compare(a.file, b.file) ||
      a.line - b.line,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What changed, in words: the fields, and a note when the field list itself changed. */
function changedText(r: SuspectLinkRow): string {
  const parts = [...r.changed];
  if (r.fieldListChanged) parts.push('content fields of .specwright.yaml changed');
  return parts.join(', ');
}

const lede =
  'each points at an item whose content changed since the link was reviewed. Re-read the item, then run `specwright review ID` to stamp the link again.';

/** The Markdown section (no lines where the workspace keeps no stamps). */
export function changedSinceReviewMarkdown(rows: SuspectLinkRow[] | undefined): string[] {
  if (!rows) return [];
  const out = ['## Changed since review', ''];
  if (!rows.length) return [...out, 'No link changed since its review.'];
  out.push(`${rows.length === 1 ? '1 link' : `${rows.length} links`} to re-read: ${lede}`, '');
  out.push('| Item | Link | Changed item | Fields changed | Where |', '| --- | --- | --- | --- | --- |');
  for (const r of rows)
    out.push(
      `| ${mdRef(r.item)} | ${mdText(r.field)} | ${mdRef(r.upstream)} | ${mdText(changedText(r))} | ${mdCode(`${r.file}:${r.line}`)} |`,
    );
  return out;
}

function mdRef(item: LinkEnd): string {
  return item.title ? `${mdCode(item.id)} ${mdText(item.title)}` : mdCode(item.id);
}

/** The table of contents entry of the HTML section ('' without stamps). */
export function changedSinceReviewTocHtml(rows: SuspectLinkRow[] | undefined): string {
  return rows ? ` <a href="#changed-since-review">Changed since review (${rows.length})</a>` : '';
}

/** The HTML section ('' without stamps). */
export function changedSinceReviewHtml(rows: SuspectLinkRow[] | undefined): string {
  if (!rows) return '';
  const body = rows.length
    ? `<p class="sw-note">${rows.length === 1 ? '1 link' : `${rows.length} links`} to re-read: ${escapeHtml(lede).replace(/`([^`]*)`/g, '<code>$1</code>')}</p>
<table class="sw-table">
<thead><tr><th scope="col">Item</th><th scope="col">Link</th><th scope="col">Changed item</th><th scope="col">Fields changed</th><th scope="col">Where</th></tr></thead>
<tbody>
${rows.map(r => `<tr><td>${htmlRef(r.item)}</td><td>${escapeHtml(r.field)}</td><td>${htmlRef(r.upstream)}</td><td>${escapeHtml(changedText(r))}</td><td><code>${escapeHtml(`${r.file}:${r.line}`)}</code></td></tr>`).join('\n')}
</tbody>
</table>`
    : '<p class="sw-empty">No link changed since its review.</p>';
  return `<section id="changed-since-review">
<h2>Changed since review</h2>
${body}
</section>
`;
}

function htmlRef(item: LinkEnd): string {
  return `<span class="sw-id">${escapeHtml(item.id)}</span>${item.title ? ` ${escapeHtml(item.title)}` : ''}`;
}

/** The CSV column's header (none without stamps). */
export function changedSinceReviewCsvHeader(rows: SuspectLinkRow[] | undefined): string[] {
  return rows ? ['Changed since review'] : [];
}

/**
 * The CSV cell of a requirement's row: each suspect link it holds or that
 * points at it, `ST-301 implements REQ-101 (statement)`, joined by `; `.
 */
export function changedSinceReviewCsvCell(rows: SuspectLinkRow[] | undefined, id: string): string[] {
  if (!rows) return [];
  const links = rows.filter(r => r.item.id === id || r.upstream.id === id);
  return [
    csvField(links.map(r => `${r.item.id} ${r.field} ${r.upstream.id} (${changedText(r)})`).join('; ')),
  ];
}
