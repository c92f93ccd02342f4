import * as assert from 'node:assert/strict';
import { renderHtml } from '../../../server/src/core/report/html';
import { buildReportModel, buildRoadmapModel } from '../../../server/src/core/report/reportModel';
import { renderRoadmapBoard, roadmapBoardCss } from '../../../server/src/core/report/roadmapBoard';
import { lines, workspace } from '../helpers';
import { displayPath, service } from './reportFixture';

describe('report: Roadmap Board fragment', () => {
  const model = buildRoadmapModel(service(), { displayPath });

  it('has now, next and later columns of releases with epic cards and progress', () => {
    const html = renderRoadmapBoard(model);
    const columns = [
      ...html.matchAll(/<h3 class="sw-column-title">(\w+) <span class="sw-count">([^<]*)<\/span>/g),
    ].map(m => [m[1], m[2]]);
    assert.deepEqual(columns, [
      ['Now', '1 release'],
      ['Next', '0 releases'],
      ['Later', '1 release'],
    ]);
    assert.deepEqual(
      [...html.matchAll(/data-epic-id="([^"]*)"/g)].map(m => m[1]),
      ['EPIC-1', 'EPIC-2'],
    );
    assert.match(html, /<h4 class="sw-release-title"><span class="sw-id">R-1<\/span> First<\/h4>/);
    assert.ok(html.includes('<span class="sw-finding sw-finding-warning">1 warning</span>'));
  });

  it('shows one progress measure, stories done, labelled "Progress" with its bar; the estimate only as a labelled secondary figure', () => {
    const html = renderRoadmapBoard(model);
    const r1 = html.slice(html.indexOf('data-release-id="R-1"'));
    const block = /<dl class="sw-progress">.*?<\/dl>/.exec(r1)![0];
    assert.equal(
      block,
      '<dl class="sw-progress">' +
        '<div class="sw-progress-row"><dt>Progress</dt><dd><svg class="sw-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="sw-bar-track" width="100" height="8"/><rect class="sw-bar-fill" width="50" height="8"/></svg><span class="sw-progress-value">1/2 stories done (50%)</span></dd></div>' +
        '<div class="sw-progress-row sw-progress-secondary" title="Secondary figure: the estimate of the done stories out of the total estimate"><dt>by estimate</dt><dd><span class="sw-progress-value">3/5 (60%)</span></dd></div>' +
        '</dl>',
    );
    // One bar per progress block: the estimate has none, and no row is called "Stories" or "Estimate" any more.
    assert.equal(
      (html.match(/class="sw-bar"/g) ?? []).length,
      (html.match(/<dl class="sw-progress">/g) ?? []).length,
    );
    assert.doesNotMatch(html, /<dt>(Stories|Estimate)<\/dt>/);
  });

  it('escapes titles, and links cards only when asked, through the given function', () => {
    const plain = renderRoadmapBoard(model);
    assert.ok(plain.includes('<span class="sw-id">EPIC-1</span> Pay | &quot;fast&quot;, &lt;now&gt;'));
    assert.doesNotMatch(plain, /<a /);
    const linked = renderRoadmapBoard(model, { cardLink: id => `command:open?${JSON.stringify([id])}` });
    assert.ok(linked.includes('<a class="sw-card-link" href="command:open?[&quot;EPIC-1&quot;]">'));
  });

  it('is a fragment a webview can use under a strict CSP: no script, no style attribute, no external reference', () => {
    const html = renderRoadmapBoard(model, { cardLink: id => `#${id}` });
    assert.doesNotMatch(html, /<script|style=|<link|<img|src=|url\(|<html|<body/i);
    assert.match(roadmapBoardCss, /@media print/);
    assert.doesNotMatch(roadmapBoardCss, /url\(|@import|@font-face/);
  });

  it('lists unscheduled epics below the columns, and a fourth column for releases without a known horizon', () => {
    const s = workspace({
      'file:///w/p.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: Odd',
        '    horizon: someday',
      ),
      'file:///w/a.epic.yaml': lines('id: EPIC-1', 'title: Loose'),
    });
    const html = renderRoadmapBoard(buildRoadmapModel(s));
    assert.match(html, /<div class="sw-columns sw-columns-4">/);
    assert.match(html, /No horizon <span class="sw-count">1 release<\/span>/);
    assert.match(
      html,
      /<section class="sw-unscheduled" aria-label="Unscheduled epics">\n<h3 class="sw-column-title">Unscheduled <span class="sw-count">1 epic without a release<\/span><\/h3>\n<ul class="sw-cards">\n<li class="sw-card" data-epic-id="EPIC-1">/,
    );
  });
});

describe('report: HTML page', () => {
  it('is one self-contained document: inline CSS, no script, no external URL, a CSP that forbids loading anything', () => {
    const html = renderHtml(buildReportModel(service(), { displayPath }));
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'));
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
      ),
    );
    assert.ok(html.includes('<title>Shop — Specwright report</title>'));
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|src=|url\(|@import|@font-face|https?:/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1], /^#[\w.-]+$/, m[1]);
    assert.match(html, /@media print/);
    assert.ok(html.endsWith('</html>\n'));
  });

  it("links each board card to its epic's first row of the matrix", () => {
    const html = renderHtml(buildReportModel(service(), { displayPath }));
    assert.ok(html.includes('<a class="sw-card-link" href="#epic-EPIC-1">'));
    assert.equal([...html.matchAll(/ id="epic-EPIC-1"/g)].length, 1);
    assert.equal([...html.matchAll(/ id="epic-EPIC-2"/g)].length, 1);
  });

  it('escapes what spec files write, even where it would close the style or start a script', () => {
    const s = workspace({
      'file:///w/v.vision.yaml': lines(
        'id: V-1',
        'product: "</style><script>alert(1)</script>"',
        'statement: s',
      ),
      'file:///w/a.epic.yaml': lines(
        'id: EPIC-1',
        'title: "<img src=x onerror=alert(1)> & \'q\'"',
        'status: "x\\" onmouseover=\\"y"',
      ),
    });
    const html = renderHtml(buildReportModel(s));
    assert.doesNotMatch(html, /<script|<img|" onmouseover/);
    assert.ok(html.includes('<h1>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;'));
    assert.ok(html.includes('<span class="sw-status sw-status-other">x&quot; onmouseover=&quot;y</span>'));
  });
});
