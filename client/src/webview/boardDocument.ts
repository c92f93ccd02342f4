/**
 * The Roadmap Board webview's document: the server's board fragment (the
 * same HTML the report shows) with its stylesheet, the theme mapping and a
 * small click script. No `vscode` import: pure text, so it can be tested
 * without an editor.
 *
 * Content-Security-Policy: nothing loads (`default-src 'none'`); styles only
 * from the webview's own resources or the nonce'd `<style>` elements;
 * scripts only the nonce'd one below. The fragment has no script, no
 * `style` attribute and no inline handler (server/src/core/report/roadmapBoard.ts).
 */

/** What the webview's script posts to the extension. */
export type BoardMessage =
  | { type: 'ready' }
  /** A card (or its title link) was clicked: open the epic's definition. */
  | { type: 'openEpic'; id: string };

/** What the extension posts to the webview's script. */
export type BoardUpdate = { type: 'update'; html: string };

export interface BoardDocumentOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per document (`newNonce`). */
  nonce: string;
  /** The board fragment, or a message (already HTML) when there is none. */
  body: string;
  /** The fragment's stylesheet (`roadmapBoardCss`, from the server). */
  css: string;
}

export function boardDocument(o: BoardDocumentOptions): string {
  const csp = `default-src 'none'; style-src ${o.cspSource} 'nonce-${o.nonce}'; script-src 'nonce-${o.nonce}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Roadmap Board</title>
<style nonce="${o.nonce}">
${themeCss}</style>
<style nonce="${o.nonce}">
${noStyleEnd(o.css)}</style>
</head>
<body>
<main id="board" aria-live="polite">
${o.body}</main>
<script nonce="${o.nonce}">
${clickScript}</script>
</body>
</html>
`;
}

/** A nonce for the CSP: 32 random characters from [A-Za-z0-9]. */
export function newNonce(
  random: (n: number) => Uint8Array = n => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), b => chars[b % chars.length]).join('');
}

/** A short note in the board's place (text, escaped). */
export function boardNote(text: string): string {
  return `<p class="sw-empty">${escapeText(text)}</p>\n`;
}

/**
 * The board's `--sw-*` colours from the editor theme's `--vscode-*`
 * variables (defined by VS Code on every webview). Where a theme leaves a
 * variable out, the fragment's own (light) default applies.
 */
const themeCss = `
:root {
  --sw-fg: var(--vscode-foreground);
  --sw-muted: var(--vscode-descriptionForeground);
  --sw-bg: var(--vscode-editor-background);
  --sw-surface: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  --sw-column: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --sw-border: var(--vscode-widget-border, var(--vscode-panel-border, var(--vscode-editorGroup-border)));
  --sw-accent: var(--vscode-textLink-foreground);
  --sw-done: var(--vscode-testing-iconPassed, var(--vscode-charts-green));
  --sw-track: var(--vscode-scrollbarSlider-background, var(--vscode-editorWidget-border));
  --sw-error: var(--vscode-errorForeground);
  --sw-warning: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow));
  --sw-info: var(--vscode-editorInfo-foreground, var(--vscode-charts-blue));
}
body { margin: 0; padding: 12px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.sw-card { cursor: pointer; }
.sw-card:hover { border-color: var(--vscode-focusBorder, var(--sw-accent)); }
.sw-card-link:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.sw-status-approved { border-color: var(--vscode-charts-purple, #8250df); color: var(--vscode-charts-purple, #8250df); }
`.trimStart();

/**
 * Clicks on a card post `openEpic` (the title is a `#epic:ID` link, so the
 * keyboard reaches it too); `update` messages replace the board.
 */
const clickScript = `
(function () {
  const vscode = acquireVsCodeApi();
  const board = document.getElementById('board');
  document.addEventListener('click', function (event) {
    const target = event.target;
    const card = target instanceof Element ? target.closest('.sw-card[data-epic-id]') : null;
    if (!card) return;
    event.preventDefault();
    vscode.postMessage({ type: 'openEpic', id: card.getAttribute('data-epic-id') });
  });
  window.addEventListener('message', function (event) {
    const message = event.data;
    if (message && message.type === 'update' && typeof message.html === 'string') board.innerHTML = message.html;
  });
  vscode.postMessage({ type: 'ready' });
}());
`.trimStart();

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, c => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** A stylesheet cannot close its `<style>` element early. */
function noStyleEnd(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}
