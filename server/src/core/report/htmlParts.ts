import { statuses } from '../model';
import { escapeHtml } from './escape';
import { codesText, estimateText, findingsText } from './format';
import type { FindingSummary } from './itemFindings';
import type { ItemRef, ReportProgress } from './reportModel';

/**
 * Small HTML pieces shared by the report and the Roadmap Board. They use
 * only classes (styled by `roadmapBoardCss`), never `style` attributes, so
 * they work under a webview's Content-Security-Policy.
 */

/** `<span class="sw-id">ID</span> Title`. */
export function itemLabel(item: Pick<ItemRef, 'id' | 'title'>): string {
  return `<span class="sw-id">${escapeHtml(item.id)}</span>${item.title ? ` ${escapeHtml(item.title)}` : ''}`;
}

/** A status pill; its colour class only for the format's statuses. */
export function statusBadge(status: string): string {
  const known = (statuses as readonly string[]).includes(status) ? status : 'other';
  return `<span class="sw-status sw-status-${known}">${escapeHtml(status)}</span>`;
}

/** Stories done and estimate done, each as a bar and its numbers; a note when there are no stories. */
export function progressBlock(p: ReportProgress): string {
  if (!p.total) return '<p class="sw-progress-none">No stories yet</p>';
  // The one progress measure (stories done, as the tree, lenses and hovers say it), with its bar;
  // the estimate only as a secondary figure below it, without a bar, so the two are never read as rivals.
  const progress = `<div class="sw-progress-row"><dt>Progress</dt><dd>${bar(p.percent)}<span class="sw-progress-value">${escapeHtml(`${p.done}/${p.total} stories done (${p.percent}%)`)}</span></dd></div>`;
  const estimate =
    p.totalEstimate > 0
      ? `<div class="sw-progress-row sw-progress-secondary" title="Secondary figure: the estimate of the done stories out of the total estimate"><dt>by estimate</dt><dd><span class="sw-progress-value">${escapeHtml(estimateText(p))}</span></dd></div>`
      : '';
  return `<dl class="sw-progress">${progress}${estimate}</dl>`;
}

/** An SVG bar: sized by attributes, coloured by classes, printed like text. */
function bar(pct: number): string {
  const w = Math.max(0, Math.min(100, pct));
  return `<svg class="sw-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="sw-bar-track" width="100" height="8"/><rect class="sw-bar-fill" width="${w}" height="8"/></svg>`;
}

/** Error, warning and info counts as badges, their codes in a tooltip; "" with none. */
export function findingBadges(f: FindingSummary): string {
  if (!findingsText(f)) return '';
  const badge = (n: number, severity: 'error' | 'warning' | 'info', text: string): string =>
    n ? `<span class="sw-finding sw-finding-${severity}">${text}</span>` : '';
  return (
    `<span class="sw-findings" title="${escapeHtml(codesText(f))}">` +
    [
      badge(f.error, 'error', findingsText({ error: f.error, warning: 0, info: 0 })),
      badge(f.warning, 'warning', findingsText({ error: 0, warning: f.warning, info: 0 })),
      badge(f.info, 'info', findingsText({ error: 0, warning: 0, info: f.info })),
    ]
      .filter(Boolean)
      .join(' ') +
    '</span>'
  );
}
