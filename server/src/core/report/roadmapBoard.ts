import { escapeHtml } from './escape';
import { datesText, formatNumber, plural } from './format';
import { findingBadges, itemLabel, progressBlock, statusBadge } from './htmlParts';
import type { EpicEntry, HorizonColumn, ReleaseEntry, RoadmapModel } from './reportModel';

/**
 * The Roadmap Board: one column per horizon (now, next, later), each with its
 * releases, each release with its epic cards and their progress; epics
 * without a release below. An HTML fragment (no document, no script, no
 * `style` attribute) styled by `roadmapBoardCss`, shared by the HTML report
 * and the Roadmap Board webview.
 */

export interface RoadmapBoardOptions {
  /**
   * The `href` of an epic card's title; without it the title is not a link.
   * Every card also carries `data-epic-id` for scripts that handle clicks.
   */
  cardLink?: (epicId: string) => string;
}

export function renderRoadmapBoard(
  model: { roadmap: RoadmapModel },
  options: RoadmapBoardOptions = {},
): string {
  const { horizons, unscheduled } = model.roadmap;
  const out: string[] = [`<div class="sw-board">`, `<div class="sw-columns sw-columns-${horizons.length}">`];
  for (const column of horizons) out.push(renderColumn(column, options));
  out.push('</div>');
  if (unscheduled.length) {
    out.push(
      '<section class="sw-unscheduled" aria-label="Unscheduled epics">',
      `<h3 class="sw-column-title">Unscheduled <span class="sw-count">${plural(unscheduled.length, 'epic')} without a release</span></h3>`,
      `<ul class="sw-cards">`,
      ...unscheduled.map(e => renderCard(e, options)),
      '</ul>',
      '</section>',
    );
  }
  out.push('</div>');
  return out.join('\n') + '\n';
}

function renderColumn(column: HorizonColumn, options: RoadmapBoardOptions): string {
  const name =
    column.horizon === null ? 'No horizon' : column.horizon.charAt(0).toUpperCase() + column.horizon.slice(1);
  const key = column.horizon ?? 'none';
  return [
    `<section class="sw-column sw-column-${key}" aria-label="${name}">`,
    `<h3 class="sw-column-title">${name} <span class="sw-count">${plural(column.releases.length, 'release')}</span></h3>`,
    ...(column.releases.length
      ? column.releases.map(r => renderRelease(r, options))
      : ['<p class="sw-empty">No releases</p>']),
    '</section>',
  ].join('\n');
}

function renderRelease(r: ReleaseEntry, options: RoadmapBoardOptions): string {
  const dates = datesText(r.start, r.end);
  return [
    `<article class="sw-release" data-release-id="${escapeHtml(r.id)}">`,
    `<h4 class="sw-release-title">${itemLabel(r)}</h4>`,
    `<p class="sw-meta">${statusBadge(r.status)}${dates ? ` <span class="sw-dates">${escapeHtml(dates)}</span>` : ''} ${findingBadges(r.findings)}</p>`,
    progressBlock(r.progress),
    r.epics.length
      ? ['<ul class="sw-cards">', ...r.epics.map(e => renderCard(e, options)), '</ul>'].join('\n')
      : '<p class="sw-empty">No epics</p>',
    '</article>',
  ].join('\n');
}

function renderCard(e: EpicEntry, options: RoadmapBoardOptions): string {
  const label = itemLabel(e);
  const title = options.cardLink
    ? `<a class="sw-card-link" href="${escapeHtml(options.cardLink(e.id))}">${label}</a>`
    : label;
  const meta = [
    statusBadge(e.status),
    e.priority !== null ? `<span class="sw-priority">${escapeHtml(e.priority)}</span>` : '',
    e.owner !== null ? `<span class="sw-owner">${escapeHtml(e.owner)}</span>` : '',
    e.rice !== null ? `<span class="sw-rice">RICE ${escapeHtml(formatNumber(e.rice))}</span>` : '',
    findingBadges(e.findings),
  ]
    .filter(Boolean)
    .join(' ');
  return [
    `<li class="sw-card" data-epic-id="${escapeHtml(e.id)}">`,
    `<div class="sw-card-title">${title}</div>`,
    `<p class="sw-meta">${meta}</p>`,
    progressBlock(e.progress),
    '</li>',
  ].join('\n');
}

/**
 * The board's stylesheet. Colours come from custom properties with light
 * defaults (`--sw-fg`, `--sw-muted`, `--sw-bg`, `--sw-surface`, `--sw-column`,
 * `--sw-border`, `--sw-accent`, `--sw-done`, `--sw-track`, `--sw-error`,
 * `--sw-warning`, `--sw-info`), so a webview can map them to its theme.
 */
export const roadmapBoardCss = `
.sw-board { color: var(--sw-fg, #1f2328); }
.sw-columns { display: grid; gap: 12px; align-items: start; grid-template-columns: repeat(3, minmax(0, 1fr)); }
.sw-columns-4 { grid-template-columns: repeat(4, minmax(0, 1fr)); }
@media (max-width: 720px) { .sw-columns, .sw-columns-4 { grid-template-columns: minmax(0, 1fr); } }
.sw-column, .sw-unscheduled { background: var(--sw-column, #f6f8fa); border: 1px solid var(--sw-border, #d0d7de); border-radius: 8px; padding: 10px; }
.sw-unscheduled { margin-top: 12px; }
.sw-column-title { margin: 0 0 8px; font-size: 1.05em; }
.sw-count { color: var(--sw-muted, #59636e); font-weight: normal; font-size: 0.85em; }
.sw-release { background: var(--sw-surface, #ffffff); border: 1px solid var(--sw-border, #d0d7de); border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
.sw-release-title { margin: 0 0 4px; font-size: 1em; }
.sw-meta { margin: 2px 0 6px; font-size: 0.85em; color: var(--sw-muted, #59636e); display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
.sw-empty, .sw-progress-none { color: var(--sw-muted, #59636e); font-style: italic; font-size: 0.9em; margin: 4px 0; }
.sw-cards { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 8px; grid-template-columns: minmax(0, 1fr); }
.sw-unscheduled .sw-cards { grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
.sw-card { background: var(--sw-surface, #ffffff); border: 1px solid var(--sw-border, #d0d7de); border-left: 4px solid var(--sw-accent, #0969da); border-radius: 6px; padding: 6px 8px; }
.sw-card-title { font-weight: 600; font-size: 0.95em; overflow-wrap: anywhere; }
.sw-card-link { color: inherit; text-decoration: none; }
.sw-card-link:hover, .sw-card-link:focus { text-decoration: underline; }
.sw-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85em; color: var(--sw-muted, #59636e); font-weight: normal; }
.sw-status { display: inline-block; border-radius: 999px; padding: 0 7px; font-size: 0.9em; line-height: 1.5; white-space: nowrap; border: 1px solid var(--sw-border, #d0d7de); color: var(--sw-fg, #1f2328); }
.sw-status-in-progress { border-color: var(--sw-accent, #0969da); color: var(--sw-accent, #0969da); }
.sw-status-approved { border-color: #8250df; color: #8250df; }
.sw-status-done { border-color: var(--sw-done, #1a7f37); color: var(--sw-done, #1a7f37); }
.sw-status-cancelled { text-decoration: line-through; color: var(--sw-muted, #59636e); }
.sw-status-other { border-style: dashed; }
.sw-priority { text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.85em; }
.sw-findings { display: inline-flex; gap: 4px; }
.sw-finding { border-radius: 4px; padding: 0 5px; font-size: 0.9em; border: 1px solid currentColor; white-space: nowrap; }
.sw-finding-error { color: var(--sw-error, #cf222e); }
.sw-finding-warning { color: var(--sw-warning, #9a6700); }
.sw-finding-info { color: var(--sw-info, #0969da); }
.sw-progress { margin: 4px 0 0; display: grid; gap: 2px; font-size: 0.8em; }
.sw-progress-row { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); align-items: center; gap: 6px; }
.sw-progress dt { color: var(--sw-muted, #59636e); }
.sw-progress dd { margin: 0; display: grid; grid-template-columns: minmax(40px, 1fr) auto; align-items: center; gap: 6px; }
.sw-progress-value { white-space: nowrap; font-variant-numeric: tabular-nums; }
.sw-progress-secondary { color: var(--sw-muted, #59636e); font-size: 0.9em; }
.sw-progress-secondary dd { display: block; }
.sw-bar { display: block; width: 100%; height: 6px; border-radius: 3px; overflow: hidden; }
.sw-bar-track { fill: var(--sw-track, #d8dee4); }
.sw-bar-fill { fill: var(--sw-done, #1a7f37); }
@media print {
  .sw-columns, .sw-columns-4 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .sw-columns-4 { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .sw-column, .sw-unscheduled, .sw-release, .sw-card { background: #ffffff; }
  .sw-release, .sw-card { break-inside: avoid; }
  .sw-card-link { text-decoration: none; }
}
`.trimStart();
